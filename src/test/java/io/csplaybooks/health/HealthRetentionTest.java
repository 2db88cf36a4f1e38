package io.csplaybooks.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.handoff.HandoffApiTestData;
import io.csplaybooks.support.IntegrationTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** On PostgreSQL: the nightly retention deletes health scores and signals past 25 months, and nothing newer. */
class HealthRetentionTest extends IntegrationTest {

  @Autowired HealthRetention retention;
  @Autowired JdbcClient jdbc;

  @Test
  void whatIsOlderThanTheRetentionGoesAndTheRestStays() {
    long account = ((Number) handOff(HandoffApiTestData.deal(HandoffApiTestData.newContractId())).get("accountId"))
        .longValue();
    Instant now = Instant.now();
    Instant old = now.minus(800, ChronoUnit.DAYS);
    Instant kept = now.minus(700, ChronoUnit.DAYS);
    score(account, old);
    score(account, kept);
    score(account, now);
    signal(account, "old-" + account, old);
    signal(account, "kept-" + account, kept);

    HealthRetention.Outcome outcome = retention.run();

    assertThat(outcome.scoresDeleted()).isGreaterThanOrEqualTo(1);
    assertThat(outcome.signalsDeleted()).isGreaterThanOrEqualTo(1);
    assertThat(jdbc.sql("select scored_at from health_score where account_id = :a order by scored_at")
        .param("a", account).query(Timestamp.class).list()).extracting(Timestamp::toInstant)
        .allSatisfy(at -> assertThat(at).isAfter(outcome.cutoff()))
        .hasSize(2);
    assertThat(jdbc.sql("select signal_id from customer_signal where account_id = :a").param("a", account)
        .query(String.class).list()).containsExactly("kept-" + account);
    // A second run finds nothing more to delete for this account.
    retention.run();
    assertThat(jdbc.sql("select count(*) from health_score where account_id = :a").param("a", account)
        .query(Long.class).single()).isEqualTo(2);
  }

  private void score(long account, Instant at) {
    jdbc.sql("""
            insert into health_score (account_id, scored_at, score, band, computed_score, model_version, measures_json, reason)
            values (:a, :at, 60, 'yellow', 60, 'test', '[]', 'test')""")
        .param("a", account).param("at", Timestamp.from(at)).update();
  }

  private void signal(long account, String id, Instant at) {
    jdbc.sql("""
            insert into customer_signal (signal_id, account_id, type, occurred_at, nps_score, received_at)
            values (:id, :a, 'nps', :at, 8, :at)""")
        .param("id", id).param("a", account).param("at", Timestamp.from(at)).update();
  }
}
