package io.csplaybooks.security;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which person at which OpenID provider is which user of the application (table sso_login). */
@Repository
class SsoLogins {

  private final JdbcClient jdbc;

  SsoLogins(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The user this provider's subject signed on as before, if ever. */
  Optional<String> userOf(String issuer, String subject) {
    return jdbc.sql("select user_id from sso_login where issuer = :issuer and subject = :subject")
        .param("issuer", issuer).param("subject", subject).query(String.class).optional();
  }

  /** Whether some provider's subject already signs on as this user. */
  boolean isLinked(String userId) {
    return jdbc.sql("select count(*) from sso_login where user_id = :user").param("user", userId)
        .query(Long.class).single() > 0;
  }

  void link(String issuer, String subject, String userId, String registration, Instant at) {
    jdbc.sql("""
            insert into sso_login (issuer, subject, user_id, registration, first_seen_at, last_seen_at)
            values (:issuer, :subject, :user, :registration, :at, :at)""")
        .param("issuer", issuer).param("subject", subject).param("user", userId).param("registration", registration)
        .param("at", Timestamp.from(at)).update();
  }

  void seen(String issuer, String subject, Instant at) {
    jdbc.sql("update sso_login set last_seen_at = :at where issuer = :issuer and subject = :subject")
        .param("at", Timestamp.from(at)).param("issuer", issuer).param("subject", subject).update();
  }
}
