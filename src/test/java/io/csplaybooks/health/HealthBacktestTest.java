package io.csplaybooks.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.csplaybooks.health.HealthBacktest.Decile;
import io.csplaybooks.health.HealthBacktest.MeasurePower;
import io.csplaybooks.health.HealthBacktest.Report;
import io.csplaybooks.support.IntegrationTest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 30: the backtest, proven on a portfolio whose churn has a known cause ({@link ChurnTruth}):
 * the measures come out in the true order of importance, the score 30 days out predicts better than
 * 90 days out, and the red band's catch and the deciles agree with a count made here by hand. Only
 * CS managers ask; a bad period or horizon is a 400 naming the field.
 */
class HealthBacktestTest extends IntegrationTest {

  /** Accounts renewing in each of the two years. */
  private static final int ACCOUNTS = 10_000;
  private static final int YEAR = 2019;
  private static final LocalDate FROM = LocalDate.of(YEAR, 1, 1);
  private static final LocalDate TO = LocalDate.of(YEAR, 12, 31);
  private static final LocalDate SECOND_FROM = LocalDate.of(YEAR + 1, 1, 1);
  private static final LocalDate SECOND_TO = LocalDate.of(YEAR + 1, 12, 31);

  private static List<ChurnTruth.Truth> truths;

  @Autowired HealthBacktest backtest;
  @Autowired HealthCalibration calibration;
  @Autowired JdbcTemplate jdbc;

  @BeforeAll
  static void portfolio(@Autowired JdbcTemplate jdbc) {
    ChurnTruth.delete(jdbc);
    ChurnTruth generator = new ChurnTruth(jdbc, 30);
    truths = generator.generate(ACCOUNTS, YEAR);
    generator.generate(ACCOUNTS, YEAR + 1);
  }

  @AfterAll
  static void clear(@Autowired JdbcTemplate jdbc) {
    ChurnTruth.delete(jdbc);
  }

  @Test
  void theMeasuresComeOutInTheTrueOrderAndACloserScorePredictsBetter() {
    Report far = backtest.run(FROM, TO, 90);
    Report near = backtest.run(FROM, TO, 30);

    long churned = truths.stream().filter(ChurnTruth.Truth::churned).count();
    for (Report report : List.of(far, near)) {
      System.out.printf("backtest %d days out: AUC %s; red band recall %s precision %s; measures %s%n", report.horizonDays(),
          report.auc(), report.redBand().recall(), report.redBand().precision(), report.measures());
    }
    assertThat(near.renewals()).isEqualTo(ACCOUNTS);
    assertThat(near.scored()).isEqualTo(ACCOUNTS);
    assertThat(far.scored()).isEqualTo(ACCOUNTS);
    assertThat(near.churned()).isEqualTo((int) churned).isBetween(ACCOUNTS / 10, ACCOUNTS / 2);
    assertThat(near.modelVersions()).containsExactly(Map.entry(ChurnTruth.MODEL_A_VERSION, ACCOUNTS));

    assertThat(near.measures()).extracting(MeasurePower::measure)
        .containsExactlyElementsOf(ChurnTruth.TRUE_WEIGHTS.keySet());
    for (MeasurePower power : near.measures()) {
      assertThat(power.auc().low()).as(power.measure()).isLessThan(power.auc().value());
      assertThat(power.auc().high()).as(power.measure()).isGreaterThan(power.auc().value());
    }
    assertThat(near.auc().value()).isGreaterThan(far.auc().value()).isGreaterThan(0.6);
    assertThat(near.auc().high() - near.auc().low()).as("the interval of 10,000 renewals").isBetween(0.01, 0.1);
  }

  @Test
  void modelBFittedOnTheFirstYearRecoversTheTrueWeightsAndPredictsTheSecondAsWellAsTheTruth() {
    HealthCalibration.Suggestion b = calibration.suggest(FROM, TO, 30, null);
    System.out.printf("model B, fitted on %d renewals of %d (%d churned): %s%n", b.used(), b.renewals(), b.churned(),
        b.weights());
    assertThat(b.used()).isEqualTo(ACCOUNTS);
    assertThat(b.weights().stream().mapToInt(HealthCalibration.Weight::weight).sum()).isEqualTo(100);
    assertThat(b.weights()).extracting(HealthCalibration.Weight::measure)
        .containsExactlyElementsOf(ChurnTruth.TRUE_WEIGHTS.keySet());
    for (HealthCalibration.Weight weight : b.weights()) {
      double truth = 100 * ChurnTruth.TRUE_WEIGHTS.get(weight.measure());
      assertThat((double) weight.weight()).as(weight.measure()).isCloseTo(truth, within(5.0));
      assertThat(weight.low()).as(weight.measure()).isLessThanOrEqualTo(weight.weight());
      assertThat(weight.high()).as(weight.measure()).isGreaterThanOrEqualTo(weight.weight());
    }

    // The second year, which B never saw: B against the live model A and against the true weights.
    Report a = backtest.run(SECOND_FROM, SECOND_TO, 30);
    Report withB = backtest.runWith(SECOND_FROM, SECOND_TO, 30, b.asWeights(), "B", 50, 75, null);
    Report truth = backtest.runWith(SECOND_FROM, SECOND_TO, 30, ChurnTruth.TRUE_WEIGHTS, "true", 50, 75, null);
    System.out.printf("second year, 30 days out: model A AUC %s; model B %s; the true weights %s%n", a.auc(), withB.auc(),
        truth.auc());
    assertThat(withB.scored()).isEqualTo(ACCOUNTS);
    assertThat(withB.modelVersions()).containsExactly(Map.entry("B", ACCOUNTS));
    assertThat(withB.auc().value()).isCloseTo(truth.auc().value(), within(0.02)).isGreaterThan(a.auc().value());
  }

  @Test
  void theRedBandAndTheDecilesAreWhatACountByHandGives() {
    Report report = backtest.run(FROM, TO, 30);
    List<Map<String, Object>> rows = jdbc.queryForList("""
        select r.outcome, r.arr_before, s.score, s.band
          from renewal r join account a on a.id = r.account_id
          join health_score s on s.account_id = r.account_id
         where a.crm_account_id like 'TRUTH-2019-%' and s.scored_at = (select max(x.scored_at) from health_score x
               where x.account_id = r.account_id and x.scored_at < r.renewal_date - 29)""");
    assertThat(rows).hasSize(ACCOUNTS);
    long red = rows.stream().filter(r -> "red".equals(r.get("band"))).count();
    long churned = rows.stream().filter(r -> "churned".equals(r.get("outcome"))).count();
    long caught = rows.stream().filter(r -> "red".equals(r.get("band")) && "churned".equals(r.get("outcome"))).count();
    BigDecimal arrCaught = rows.stream().filter(r -> "red".equals(r.get("band")) && "churned".equals(r.get("outcome")))
        .map(r -> (BigDecimal) r.get("arr_before")).reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal arrMissed = rows.stream().filter(r -> !"red".equals(r.get("band")) && "churned".equals(r.get("outcome")))
        .map(r -> (BigDecimal) r.get("arr_before")).reduce(BigDecimal.ZERO, BigDecimal::add);

    assertThat(report.redBand().flagged()).isEqualTo(red);
    assertThat(report.redBand().recall().hits()).isEqualTo(caught);
    assertThat(report.redBand().recall().of()).isEqualTo(churned);
    assertThat(report.redBand().precision().of()).isEqualTo(red);
    assertThat(report.redBand().recall().low()).isLessThan(report.redBand().recall().value());
    assertThat(report.redBand().arrCaught().get("USD")).isEqualByComparingTo(arrCaught);
    assertThat(report.redBand().arrMissed().get("USD")).isEqualByComparingTo(arrMissed);

    List<Decile> deciles = report.deciles();
    assertThat(deciles).hasSize(10);
    assertThat(deciles.stream().mapToInt(Decile::renewals).sum()).isEqualTo(ACCOUNTS);
    assertThat(deciles.stream().mapToInt(Decile::churned).sum()).isEqualTo((int) churned);
    assertThat(deciles.get(0).lift()).isGreaterThan(1.3);
    assertThat(deciles.get(9).lift()).isLessThan(0.8);
    for (int d = 1; d < 10; d++) {
      assertThat(deciles.get(d).lowestScore()).isGreaterThanOrEqualTo(deciles.get(d - 1).highestScore());
    }
  }

  @Test
  void onlyCsManagersAskAndABadPeriodOrHorizonIsA400NamingTheField() {
    person("bettina", "Bettina", "Backtest", "cs-managers");
    person("cyril", "Cyril", "Csm", "cs");
    String ok = "/api/health/backtest?from=" + FROM + "&to=" + TO + "&horizon=60";
    assertThat(as("bettina").getForEntity("/api/health/calibration?from=" + FROM + "&to=" + TO + "&horizon=30", Map.class)
        .getBody()).containsEntry("used", ACCOUNTS);
    assertThat(as("cyril").getForEntity("/api/health/calibration?from=" + FROM + "&to=" + TO, Map.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(as("bettina").getForEntity("/api/health/calibration?from=" + FROM + "&to=" + TO + "&horizon=7", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

    ResponseEntity<Map> answer = as("bettina").getForEntity(ok, Map.class);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(answer.getBody()).containsEntry("horizonDays", 60).containsEntry("renewals", ACCOUNTS);
    assertThat(((Map<?, ?>) answer.getBody().get("auc")).keySet().toString()).isEqualTo("[value, low, high]");
    assertThat(as("cyril").getForEntity(ok, Map.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.getForEntity(ok, Map.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

    Map<String, String> bad = Map.of(
        "?from=2019-13-01&to=2019-12-31", "from",
        "?from=2019-01-01&to=2018-12-31", "to",
        "?from=2015-01-01&to=2019-12-31", "to",
        "?to=2019-12-31", "from",
        "?from=2019-01-01&to=2019-12-31&horizon=45", "horizon",
        "?from=2019-01-01&to=2019-12-31&horizon=9x", "horizon");
    bad.forEach((query, field) -> {
      ResponseEntity<String> refused = as("bettina").getForEntity("/api/health/backtest" + query, String.class);
      assertThat(refused.getStatusCode()).as(query).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(refused.getBody()).as(query).contains("\"" + field + "\"");
    });
  }
}
