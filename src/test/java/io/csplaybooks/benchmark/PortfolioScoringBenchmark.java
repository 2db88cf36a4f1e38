package io.csplaybooks.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.health.HealthModels;
import io.csplaybooks.health.HealthScoring;
import io.csplaybooks.health.PortfolioScoring;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The portfolio benchmark (not part of the test run): N accounts (default 100,000) with 30 days of
 * signals each, scored in one portfolio run on PostgreSQL. Run it with
 * {@code mvn -B test -Pbenchmark} (accounts: -Dcsp.benchmark.accounts=...). It prints the figures.
 */
class PortfolioScoringBenchmark extends Benchmark {

  @Autowired JdbcClient jdbc;
  @Autowired PortfolioScoring portfolio;
  @Autowired HealthModels models;

  @Test
  void scoresThePortfolio() {
    int accounts = Integer.getInteger("csp.benchmark.accounts", 100_000);
    long setup = System.nanoTime();
    String prefix = "bench-" + System.currentTimeMillis() + "-";
    jdbc.sql("""
        insert into account (name, segment, region, arr, lifecycle_stage, created_at, updated_at)
        select :prefix || g, 'mid-market', 'EMEA', 50000, 'adoption', now(), now() from generate_series(1, :n) g""")
        .param("prefix", prefix).param("n", accounts).update();
    // 30 days of daily usage, weekly meetings, three support signals, one NPS answer and one sentiment
    // note per account: 39 signals each. Usage varies by account so that the bands spread out.
    String mine = " from account a where a.name like :like";
    String mineTimes = " from account a cross join generate_series(0, %d) x where a.name like :like";
    jdbc.sql("""
        insert into customer_signal (signal_id, account_id, type, occurred_at, active_users, licensed_seats,
                                     features_used, features_total, received_at)
        select 'u-' || a.id || '-' || x, a.id, 'usage', now() - make_interval(days => x, hours => 1),
               50 + (a.id * 7 + x) % 51, 100, 3 + a.id % 8, 10, now()
        """ + mineTimes.formatted(29)).param("like", prefix + "%").update();
    jdbc.sql("""
        insert into customer_signal (signal_id, account_id, type, occurred_at, meeting_held, received_at)
        select 'e-' || a.id || '-' || x, a.id, 'engagement', now() - make_interval(days => 7 * x + (a.id % 7)::int), true, now()
        """ + mineTimes.formatted(3)).param("like", prefix + "%").update();
    jdbc.sql("""
        insert into customer_signal (signal_id, account_id, type, occurred_at, tickets_opened, tickets_escalated,
                                     severity, received_at)
        select 's-' || a.id || '-' || x, a.id, 'support', now() - make_interval(days => 9 * x + 1), 1 + a.id % 3,
               case when a.id % 17 = 0 then 1 else 0 end, case when a.id % 29 = 0 then 'critical' else 'medium' end, now()
        """ + mineTimes.formatted(2)).param("like", prefix + "%").update();
    jdbc.sql("""
        insert into customer_signal (signal_id, account_id, type, occurred_at, nps_score, received_at)
        select 'n-' || a.id, a.id, 'nps', now() - make_interval(days => (3 + a.id % 20)::int), a.id % 11, now()
        """ + mine).param("like", prefix + "%").update();
    jdbc.sql("""
        insert into customer_signal (signal_id, account_id, type, occurred_at, sentiment, received_at)
        select 't-' || a.id, a.id, 'sentiment', now() - make_interval(days => (2 + a.id % 25)::int),
               case a.id % 5 when 0 then 'negative' when 1 then 'neutral' else 'positive' end, now()
        """ + mine).param("like", prefix + "%").update();
    jdbc.sql("analyze").update();
    long signals = jdbc.sql("select count(*) from customer_signal s join account a on a.id = s.account_id"
        + " where a.name like :like").param("like", prefix + "%").query(Long.class).single();
    double setupSeconds = (System.nanoTime() - setup) / 1e9;

    long started = System.nanoTime();
    HealthScoring.Outcome outcome = portfolio.run();
    double seconds = (System.nanoTime() - started) / 1e9;

    // Issue 30: what a shadow model adds to the night. The live model alone and with one shadow beside
    // it, two runs each, alternating, after the first run above warmed the JVM and the database.
    double[] alone = new double[2];
    double[] withShadow = new double[2];
    for (int round = 0; round < 2; round++) {
      alone[round] = timed(portfolio::run);
      HealthModels.Model shadow = models.create(new HealthModels.NewModel("bench-shadow-" + System.nanoTime(),
          Map.of("adoption", 40.0, "support", 30.0, "nps", 20.0, "engagement", 10.0), null, null, "benchmark"), "bench");
      withShadow[round] = timed(portfolio::run);
      models.retire(shadow.version());
    }
    long shadowRows = jdbc.sql("select count(*) from health_shadow_score s join account a on a.id = s.account_id"
        + " where a.name like :like").param("like", prefix + "%").query(Long.class).single();

    long scored = jdbc.sql("select count(*) from account where name like :like and health_score is not null")
        .param("like", prefix + "%").query(Long.class).single();
    String bands = jdbc.sql("select health_band, count(*) from account where name like :like group by health_band"
        + " order by health_band").param("like", prefix + "%")
        .query((rs, n) -> rs.getString(1) + " " + rs.getLong(2)).list().toString();
    System.out.printf(Locale.ROOT, "%n== portfolio scoring benchmark (PostgreSQL, %d cores) ==%n"
            + "accounts %d, signals %d (setup %.1f s)%n"
            + "portfolio run: %d accounts scored in %.1f s (%.0f accounts/s), %d turned red%n"
            + "bands: %s%n"
            + "live model alone: %.1f s, %.1f s; with one shadow model beside it: %.1f s, %.1f s (%d shadow scores);"
            + " the shadow adds %.0f %%%n%n",
        Runtime.getRuntime().availableProcessors(), accounts, signals, setupSeconds, outcome.scored(), seconds,
        outcome.scored() / seconds, outcome.turnedRed().size(), bands, alone[0], alone[1], withShadow[0], withShadow[1],
        shadowRows, 100 * ((withShadow[0] + withShadow[1]) / (alone[0] + alone[1]) - 1));
    assertThat(scored).isEqualTo(accounts);
    assertThat(shadowRows).isEqualTo(2L * accounts);
  }

  private static double timed(Runnable run) {
    long started = System.nanoTime();
    run.run();
    return (System.nanoTime() - started) / 1e9;
  }
}
