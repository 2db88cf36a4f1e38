package io.csplaybooks.security;

import io.csplaybooks.common.NotFoundException;
import io.csplaybooks.common.Validation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Integration tokens: what a CRM or data pipeline uses instead of a person's password. The secret is
 * shown once, at creation; the table keeps its SHA-256 hash (a 256-bit random secret needs no slow
 * hash), its scopes and who created and revoked it.
 */
@Repository
public class ApiTokens {

  static final String PREFIX = "csp_";
  /** Last use is written at most this often, so a busy webhook does not write a row per request. */
  private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

  private final JdbcClient jdbc;
  private final SecureRandom random = new SecureRandom();

  public ApiTokens(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public record Token(long id, String name, Set<String> scopes, String createdBy, Instant createdAt,
      Instant lastUsedAt, Instant revokedAt, String revokedBy) {}

  /** A new token and, once only, its secret. */
  public record Created(Token token, String secret) {}

  @Transactional
  public Created create(String name, List<String> scopes, String createdBy) {
    Validation v = new Validation();
    if (v.required("name", name)) {
      v.maxLength("name", name, 100);
    }
    Set<String> granted = new TreeSet<>();
    if (scopes == null || scopes.isEmpty()) {
      v.reject("scopes", "is required: one or more of " + String.join(", ", new TreeSet<>(ApiAccess.SCOPES)));
    } else {
      for (int i = 0; i < scopes.size(); i++) {
        String scope = scopes.get(i);
        if (scope == null || !ApiAccess.SCOPES.contains(scope)) {
          v.reject("scopes[" + i + "]", "must be one of " + String.join(", ", new TreeSet<>(ApiAccess.SCOPES)));
        } else {
          granted.add(scope);
        }
      }
    }
    v.throwIfInvalid();
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant now = Instant.now();
    try {
      jdbc.sql("""
              insert into api_token (name, token_hash, scopes, created_by, created_at)
              values (:name, :hash, :scopes, :by, :at)""")
          .param("name", name.trim()).param("hash", hash(secret)).param("scopes", String.join(",", granted))
          .param("by", createdBy).param("at", Timestamp.from(now))
          .update();
    } catch (DuplicateKeyException taken) {
      Validation duplicate = new Validation();
      duplicate.reject("name", "a token named '" + name.trim() + "' exists already");
      duplicate.throwIfInvalid();
    }
    return new Created(byName(name.trim()).orElseThrow(), secret);
  }

  public List<Token> list() {
    return jdbc.sql("select * from api_token order by name").query(ApiTokens::token).list();
  }

  @Transactional
  public Token revoke(long id, String revokedBy) {
    Token token = jdbc.sql("select * from api_token where id = :id").param("id", id).query(ApiTokens::token)
        .optional().orElseThrow(() -> new NotFoundException("no token " + id));
    if (token.revokedAt() == null) {
      jdbc.sql("update api_token set revoked_at = :at, revoked_by = :by where id = :id and revoked_at is null")
          .param("at", Timestamp.from(Instant.now())).param("by", revokedBy).param("id", id).update();
    }
    return jdbc.sql("select * from api_token where id = :id").param("id", id).query(ApiTokens::token).single();
  }

  /** The token a secret belongs to, unless it is unknown or revoked. */
  public Optional<Token> authenticate(String secret) {
    if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
      return Optional.empty();
    }
    Optional<Token> token = jdbc.sql("select * from api_token where token_hash = :hash and revoked_at is null")
        .param("hash", hash(secret)).query(ApiTokens::token).optional();
    token.filter(t -> t.lastUsedAt() == null || t.lastUsedAt().isBefore(Instant.now().minus(LAST_USED_PRECISION)))
        .ifPresent(t -> jdbc.sql("update api_token set last_used_at = :at where id = :id")
            .param("at", Timestamp.from(Instant.now())).param("id", t.id()).update());
    return token;
  }

  private Optional<Token> byName(String name) {
    return jdbc.sql("select * from api_token where name = :name").param("name", name).query(ApiTokens::token).optional();
  }

  static String hash(String secret) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Token token(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new Token(rs.getLong("id"), rs.getString("name"),
        Arrays.stream(rs.getString("scopes").split(",")).filter(s -> !s.isBlank()).collect(Collectors.toCollection(TreeSet::new)),
        rs.getString("created_by"), instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("last_used_at")),
        instant(rs.getTimestamp("revoked_at")), rs.getString("revoked_by"));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
