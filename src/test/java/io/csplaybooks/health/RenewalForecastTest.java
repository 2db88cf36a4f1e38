package io.csplaybooks.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.csplaybooks.health.RenewalForecast.Accuracy;
import io.csplaybooks.health.RenewalForecast.Chance;
import io.csplaybooks.health.RenewalForecast.Period;
import io.csplaybooks.support.IntegrationTest;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 30: the renewal forecast in money. Chances learned from the renewals decided in the two years
 * before (by forecast category and health band as they stood 30 days before each renewal date, shrunk
 * toward the category's starting chance), times ARR, by month and quarter; a past quarter's forecast
 * against what renewed, with chances learned only from what was decided before it. Computed here by
 * hand. Today is 2017-07-01, so nothing of the other tests' years counts.
 */
class RenewalForecastTest extends IntegrationTest {

  private static final LocalDate TODAY = LocalDate.of(2017, 7, 1);
  private final AtomicInteger next = new AtomicInteger();

  @Autowired RenewalForecast forecasts;
  @Autowired JdbcTemplate jdbc;

  @AfterEach
  void clear() {
    ClockUtil.reset();
    jdbc.update("delete from renewal_forecast where renewal_id in (select r.id from renewal r join account a"
        + " on a.id = r.account_id where a.crm_account_id like 'TRUTH-F%')");
    ChurnTruth.delete(jdbc);
  }

  @Test
  void expectedArrIsEachRenewalsChanceTimesItsArrAndAPastQuarterIsSetAgainstWhatRenewed() {
    ClockUtil.setCurrentTime(java.util.Date.from(TODAY.atStartOfDay(java.time.ZoneId.systemDefault()).toInstant()));
    // Before 2017 Q2: 20 commits in green (19 renewed), 10 at-risk in red (2 renewed).
    for (int i = 0; i < 20; i++) {
      renewal(LocalDate.of(2016, 3, 1).plusDays(10L * i), "commit", "green", i == 0 ? "churned" : "renewed", 10_000);
    }
    for (int i = 0; i < 10; i++) {
      renewal(LocalDate.of(2016, 4, 1).plusDays(20L * i), "at-risk", "red", i < 2 ? "renewed" : "churned", 10_000);
    }
    // 2017 Q2, all decided: 4 commits in green (all renewed, 100,000 each), 2 at-risk in red (1 renewed, 50,000 each).
    for (int i = 0; i < 4; i++) {
      renewal(LocalDate.of(2017, 4, 10).plusDays(15L * i), "commit", "green", "renewed", 100_000);
    }
    renewal(LocalDate.of(2017, 5, 5), "at-risk", "red", "renewed", 50_000);
    renewal(LocalDate.of(2017, 6, 5), "at-risk", "red", "churned", 50_000);
    // Decided, its day of decision not kept (a row written outside the app): counts as of its renewal date.
    renewal(LocalDate.of(2017, 6, 20), "commit", "green", "renewed", 0);
    jdbc.update("update renewal set decided_on = null where arr_before = 0 and account_id in (select id from account"
        + " where crm_account_id like 'TRUTH-F%')");
    // Open, ahead: two commits in green in August, one at-risk in red in November.
    renewal(LocalDate.of(2017, 8, 15), "commit", "green", null, 100_000);
    renewal(LocalDate.of(2017, 8, 20), "commit", "green", null, 100_000);
    renewal(LocalDate.of(2017, 11, 2), "at-risk", "red", null, 60_000);

    RenewalForecast.Forecast forecast = forecasts.forecast(LocalDate.of(2017, 4, 1), LocalDate.of(2017, 12, 31));

    // The chances now: every decided renewal of the two years counts (Q2's too).
    double commitGreen = (19 + 5 + 5 * 0.9) / (20 + 5 + 5);
    double atRiskRed = (2 + 1 + 5 * 0.3) / (10 + 2 + 5);
    assertThat(chance(forecast, "commit", "green").chance()).isCloseTo(commitGreen, within(0.0005));
    assertThat(chance(forecast, "commit", "green").decided()).isEqualTo(25);
    assertThat(chance(forecast, "at-risk", "red").chance()).isCloseTo(atRiskRed, within(0.0005));
    assertThat(chance(forecast, "likely", "yellow").chance()).as("no history: the category's start").isEqualTo(0.7);

    Period august = period(forecast.months(), "2017-08");
    assertThat(august.renewals()).isEqualTo(2);
    assertThat(august.arr()).isEqualByComparingTo("200000");
    assertThat(august.expectedArr().doubleValue()).isCloseTo(200_000 * Math.round(commitGreen * 1000) / 1000.0, within(0.01));
    Period q4 = period(forecast.quarters(), "2017 Q4");
    assertThat(q4.expectedArr().doubleValue()).isCloseTo(60_000 * Math.round(atRiskRed * 1000) / 1000.0, within(0.01));
    Period q2 = period(forecast.quarters(), "2017 Q2");
    assertThat(q2.decided()).isEqualTo(7);
    assertThat(q2.renewedArr()).isEqualByComparingTo("450000");
    assertThat(q2.expectedArr()).as("decided: what it brought").isEqualByComparingTo("450000");

    // 2017 Q2 against what renewed, with the chances known before April.
    double commitBefore = Math.round((19 + 5 * 0.9) / (20 + 5) * 1000) / 1000.0;
    double atRiskBefore = Math.round((2 + 5 * 0.3) / (10 + 5) * 1000) / 1000.0;
    double said = 400_000 * commitBefore + 100_000 * atRiskBefore;
    Accuracy accuracy = forecast.accuracy().stream().filter(a -> a.quarter().equals("2017 Q2")).findFirst().orElseThrow();
    assertThat(accuracy.renewals()).isEqualTo(7);
    assertThat(accuracy.forecastArr().doubleValue()).isCloseTo(said, within(0.01));
    assertThat(accuracy.renewedArr()).isEqualByComparingTo("450000");
    assertThat(accuracy.accuracy()).isCloseTo(1 - Math.abs(said - 450_000) / 450_000, within(0.001));
    assertThat(forecast.accuracy()).extracting(Accuracy::quarter).doesNotContain("2017 Q3", "2017 Q4");

    person("bettina", "Bettina", "Backtest", "cs-managers");
    person("cyril", "Cyril", "Csm", "cs");
    assertThat(as("bettina").getForEntity("/api/health/forecast?from=2017-04-01&to=2017-12-31", Map.class).getBody())
        .containsKeys("months", "quarters", "accuracy", "chances");
    assertThat(as("cyril").getForEntity("/api/health/forecast", Map.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(as("bettina").getForEntity("/api/health/forecast?from=2017-12-31&to=2017-01-01", String.class).getBody())
        .contains("\"to\"");
  }

  /** A renewal with its forecast category and band as they stood 40 days before its date (or yesterday). */
  private void renewal(LocalDate date, String category, String band, String outcome, long arr) {
    String crmId = ChurnTruth.MARK + "F" + next.incrementAndGet() + "-" + System.nanoTime();
    Timestamp created = Timestamp.valueOf(date.minusYears(1).atStartOfDay());
    Long account = jdbc.queryForObject("""
        insert into account (crm_account_id, name, segment, region, arr, lifecycle_stage, created_at, updated_at)
        values (?, ?, 'mid-market', 'EMEA', ?, 'renewal', ?, ?) returning id""", Long.class, crmId, crmId, arr, created, created);
    jdbc.update("insert into contract (contract_id, account_id, start_date, end_date, arr, created_at) values (?, ?, ?, ?, ?, ?)",
        crmId, account, Date.valueOf(date.minusYears(1)), Date.valueOf(date), BigDecimal.valueOf(arr), created);
    Long renewal = jdbc.queryForObject("""
        insert into renewal (contract_id, account_id, process_instance_id, renewal_date, arr_before, forecast, outcome,
                             arr_after, started_at, decided_on)
        values (?, ?, 'generated', ?, ?, ?, ?, ?, ?, ?) returning id""", Long.class, crmId, account, Date.valueOf(date),
        BigDecimal.valueOf(arr), category, outcome, outcome == null ? null : BigDecimal.valueOf("churned".equals(outcome) ? 0 : arr),
        Timestamp.valueOf(date.minusDays(120).atStartOfDay()), outcome == null ? null : Date.valueOf(date));
    // 40 days before its date, or yesterday for a renewal still ahead.
    LocalDate noted = date.minusDays(40).isBefore(TODAY) ? date.minusDays(40) : TODAY.minusDays(1);
    Timestamp before = Timestamp.valueOf(noted.atStartOfDay());
    jdbc.update("""
        insert into renewal_forecast (renewal_id, days_before, forecast, updated_by, updated_at)
        values (?, 40, ?, 'test', ?)""", renewal, category, before);
    int score = switch (band) {
      case "red" -> 30;
      case "yellow" -> 60;
      default -> 85;
    };
    jdbc.update("""
        insert into health_score (account_id, scored_at, score, band, computed_score, model_version, measures_json, reason)
        values (?, ?, ?, ?, ?, 'test', '[]', 'generated')""", account, before, score, band, score);
  }

  private static Chance chance(RenewalForecast.Forecast forecast, String category, String band) {
    return forecast.chances().stream().filter(c -> c.forecast().equals(category) && c.band().equals(band)).findFirst()
        .orElseThrow();
  }

  private static Period period(java.util.List<Period> periods, String label) {
    return periods.stream().filter(p -> p.period().equals(label)).findFirst().orElseThrow();
  }
}
