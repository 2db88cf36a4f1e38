package io.csplaybooks.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.health.HealthBacktest;
import io.csplaybooks.health.RenewalForecast;
import java.time.LocalDate;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The backtest benchmark (issue 30; not part of the test run): N accounts (default 100,000), each
 * scored every week for two years (about 10 million health scores with their measures), each renewing
 * once in the second year, churn more likely the lower its score. Then the backtest of the second
 * year's renewals, 90 and 30 days out. {@code mvn -B test -Pbenchmark -Dtest=BacktestBenchmark}
 * ({@code -Dcsp.benchmark.accounts=...}). It prints the figures.
 */
class BacktestBenchmark extends Benchmark {

  @Autowired JdbcClient jdbc;
  @Autowired HealthBacktest backtest;
  @Autowired RenewalForecast forecasts;

  @Test
  void backtestsTwoYearsOfWeeklyScores() {
    int accounts = Integer.getInteger("csp.benchmark.accounts", 100_000);
    LocalDate secondYear = LocalDate.of(2025, 1, 1);
    long setup = System.nanoTime();
    String prefix = "backtest-" + System.currentTimeMillis() + "-";
    jdbc.sql("""
        insert into account (name, segment, region, arr, lifecycle_stage, created_at, updated_at)
        select :prefix || g, 'mid-market', 'EMEA', 10000 + (g * 7919) % 90000, 'renewal', now(), now()
          from generate_series(1, :n) g""").param("prefix", prefix).param("n", accounts).update();
    // Each account's measures wander week by week around its own level; the score is their weighted mean.
    jdbc.sql("""
        insert into health_score (account_id, scored_at, score, band, computed_score, model_version, measures_json, reason)
        select a.id, timestamp '2024-01-01 02:00' + make_interval(days => 7 * w), s.score,
               case when s.score < 50 then 'red' when s.score > 75 then 'green' else 'yellow' end, s.score, 'bench',
               '[{"name":"adoption","value":' || s.adoption || ',"weight":40.0,"inputs":"bench"},'
               || '{"name":"support","value":' || s.support || ',"weight":30.0,"inputs":"bench"},'
               || '{"name":"nps","value":' || s.nps || ',"weight":20.0,"inputs":"bench"},'
               || '{"name":"engagement","value":' || s.engagement || ',"weight":10.0,"inputs":"bench"}]', 'bench'
          from account a cross join generate_series(0, 103) w
          cross join lateral (select m.adoption, m.support, m.nps, m.engagement,
                     round(0.4 * m.adoption + 0.3 * m.support + 0.2 * m.nps + 0.1 * m.engagement)::int as score
                from (select (a.id * 37 + w * 3) % 101 as adoption, (a.id * 53 + w * 5) % 101 as support,
                             (a.id * 11 + w) % 101 as nps, (a.id * 29 + w * 7) % 101 as engagement) m) s
         where a.name like :like""").param("like", prefix + "%").update();
    jdbc.sql("""
        insert into contract (contract_id, account_id, start_date, end_date, arr, created_at)
        select :prefix || a.id, a.id, d.renewal_date - 365, d.renewal_date, a.arr, now()
          from account a cross join lateral (select date '2025-01-01' + (a.id % 365)::int as renewal_date) d
         where a.name like :like""").param("prefix", prefix).param("like", prefix + "%").update();
    // Churned when the score 60 days before was low, give or take a pseudo-random draw.
    jdbc.sql("""
        insert into renewal (contract_id, account_id, process_instance_id, renewal_date, arr_before, outcome, arr_after,
                             started_at, decided_on)
        select c.contract_id, c.account_id, 'benchmark', c.end_date, c.arr,
               case when coalesce((select s.score from health_score s where s.account_id = c.account_id
                                     and s.scored_at < c.end_date - 60 order by s.scored_at desc limit 1), 50)
                         + (c.account_id * 7919) % 41 < 60 then 'churned' else 'renewed' end,
               c.arr, c.end_date - 120, c.end_date
          from contract c join account a on a.id = c.account_id where a.name like :like""")
        .param("like", prefix + "%").update();
    jdbc.sql("analyze").update();
    long scores = jdbc.sql("select count(*) from health_score s join account a on a.id = s.account_id where a.name like :like")
        .param("like", prefix + "%").query(Long.class).single();
    double setupSeconds = (System.nanoTime() - setup) / 1e9;

    StringBuilder figures = new StringBuilder();
    for (int horizon : new int[] {90, 30}) {
      long started = System.nanoTime();
      HealthBacktest.Report report = backtest.run(secondYear, secondYear.plusYears(1).minusDays(1), horizon);
      double seconds = (System.nanoTime() - started) / 1e9;
      figures.append(String.format(Locale.ROOT, "backtest %d days out: %d renewals (%d scored, %d churned) in %.1f s;"
              + " AUC %.3f (%.3f-%.3f); red band recall %.3f, precision %.3f; first decile's lift %.2f%n", horizon,
          report.renewals(), report.scored(), report.churned(), seconds, report.auc().value(), report.auc().low(),
          report.auc().high(), report.redBand().recall().value(), report.redBand().precision().value(),
          report.deciles().get(0).lift()));
      assertThat(report.renewals()).isGreaterThanOrEqualTo(accounts);
    }
    // The renewal forecast in money over the same year: the year's renewals and three years of history.
    long started = System.nanoTime();
    RenewalForecast.Forecast forecast = forecasts.forecast(secondYear, secondYear.plusYears(1).minusDays(1));
    double forecastSeconds = (System.nanoTime() - started) / 1e9;
    figures.append(String.format(Locale.ROOT, "renewal forecast in money: %d months, %d quarters with their accuracy"
        + " (%s) in %.1f s%n", forecast.months().size(), forecast.accuracy().size(), forecast.accuracy().stream()
        .map(a -> a.quarter() + " " + a.accuracy()).toList(), forecastSeconds));
    System.out.printf(Locale.ROOT, "%n== backtest benchmark (PostgreSQL, %d cores) ==%naccounts %d, health scores %d"
        + " (setup %.1f s)%n%s%n", Runtime.getRuntime().availableProcessors(), accounts, scores, setupSeconds, figures);
  }
}
