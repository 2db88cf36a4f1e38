package io.csplaybooks.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.common.ClusterLock;
import io.csplaybooks.handoff.HandoffApiTestData;
import io.csplaybooks.support.IntegrationTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * On PostgreSQL: the scheduled portfolio run scores the accounts on the node that claims it, and
 * is skipped while another node of the cluster holds it.
 */
class PortfolioScoringTest extends IntegrationTest {

  @Autowired PortfolioScoring portfolio;
  @Autowired ClusterLock cluster;
  @Autowired JdbcClient jdbc;
  @Autowired PlatformTransactionManager transactions;

  @Test
  void theScheduledRunIsSkippedWhileAnotherNodeHoldsItAndRunsOnceOnThisNode() {
    long account = ((Number) handOff(HandoffApiTestData.deal(HandoffApiTestData.newContractId()))
        .get("accountId")).longValue();
    // Its clock a little behind, so that its release at once leaves a lock that has run out by the
    // time this node claims, even within the same millisecond.
    ClusterLock otherNode = new ClusterLock(jdbc, transactions, "node-elsewhere",
        Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-5)));
    ClusterLock.Claim elsewhere = otherNode.claim(PortfolioScoring.RUN, Duration.ofHours(1)).orElseThrow();

    assertThat(portfolio.scheduled()).isEmpty();
    assertThat(portfolioScores(account)).isZero();

    otherNode.release(elsewhere, Duration.ZERO);
    Instant before = Instant.now().minusSeconds(1);
    assertThat(portfolio.scheduled()).hasValueSatisfying(outcome -> assertThat(outcome.scored()).isPositive());
    assertThat(portfolioScores(account)).isOne();
    ClusterLock.Holder holder = cluster.holder(PortfolioScoring.RUN).orElseThrow();
    assertThat(holder.node()).isEqualTo(cluster.node()).isNotEqualTo("node-elsewhere");
    assertThat(holder.lastStartedAt()).isAfter(before);
    assertThat(holder.lastFinishedAt()).isAfterOrEqualTo(holder.lastStartedAt());
    // Held for its minimum (csp.health.portfolio-hold-at-least, 10 minutes) after the start.
    assertThat(holder.lockedUntil()).isEqualTo(holder.lastStartedAt().plus(Duration.ofMinutes(10)));

    // The same run fired again a moment later (a node whose scheduler is late) does nothing.
    assertThat(portfolio.scheduled()).isEmpty();
    assertThat(portfolioScores(account)).isOne();
  }

  /** The run keeps the day's health of the portfolio: the accounts of each group and band, once a day. */
  @Test
  void theRunKeepsTheDaysHealthOfThePortfolioOnce() {
    handOff(HandoffApiTestData.deal(HandoffApiTestData.newContractId()));
    portfolio.run();
    portfolio.run();
    java.sql.Date today = java.sql.Date.valueOf(io.csplaybooks.common.EngineClock.today());
    long snapshot = jdbc.sql("select sum(accounts) from health_snapshot where taken_on = :d").param("d", today)
        .query(Long.class).single();
    long open = jdbc.sql("select count(*) from account where lifecycle_stage <> 'churned'").query(Long.class).single();
    assertThat(snapshot).as("every open account counted once, however often the run goes").isEqualTo(open);
    long red = jdbc.sql("select coalesce(sum(accounts), 0) from health_snapshot where taken_on = :d and band = 'red'")
        .param("d", today).query(Long.class).single();
    assertThat(red).isEqualTo(jdbc.sql("select count(*) from account where lifecycle_stage <> 'churned'"
        + " and health_band = 'red'").query(Long.class).single());
  }

  private long portfolioScores(long account) {
    return jdbc.sql("select count(*) from health_score where account_id = :a and reason = 'portfolio run'")
        .param("a", account).query(Long.class).single();
  }
}
