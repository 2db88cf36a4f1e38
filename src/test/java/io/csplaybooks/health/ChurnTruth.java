package io.csplaybooks.health;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A portfolio whose churn has a known cause, to prove a backtest on (issue 30). Each account renews
 * once a year; whether it churns depends on its adoption, support load, NPS and engagement at the
 * renewal with known weights plus noise (a logistic model). Every week before the renewal the account
 * is scored by a live model whose weights are deliberately off; what was observed drifts further from
 * the state at the renewal the earlier it was, so a score 90 days out predicts less than one 30 days
 * out. Fixed seed: the same portfolio every time. Rows are marked ({@code crm_account_id} starts with
 * {@link #MARK}) and {@link #delete} removes them.
 */
public final class ChurnTruth {

  public static final String MARK = "TRUTH-";
  /** The true weights, well apart, in the order of their importance. */
  static final Map<String, Double> TRUE_WEIGHTS = weights(0.40, 0.30, 0.20, 0.10);
  /** The live model's weights: deliberately off (engagement and NPS overrated, adoption underrated). */
  static final Map<String, Double> MODEL_A = weights(0.10, 0.20, 0.35, 0.35);
  public static final String MODEL_A_VERSION = "truth-a";
  /** How strongly the measures drive churn: log-odds per unit of the weighted shortfall (0-100 scale / 25). */
  static final double STRENGTH = 4.0;
  /** Churn's log-odds for an account with every measure at 50. */
  static final double INTERCEPT = -1.6;
  static final int WEEKS_SCORED = 18;

  /** One renewal as generated: its true measures at the renewal and whether it churned. */
  public record Truth(long accountId, LocalDate renewalDate, Map<String, Double> measures, boolean churned, double probability) {}

  private final JdbcTemplate jdbc;
  private final Random random;

  public ChurnTruth(JdbcTemplate jdbc, long seed) {
    this.jdbc = jdbc;
    this.random = new Random(seed);
  }

  private static Map<String, Double> weights(double adoption, double support, double nps, double engagement) {
    Map<String, Double> weights = new LinkedHashMap<>();
    weights.put(Scorecard.ADOPTION, adoption);
    weights.put(Scorecard.SUPPORT, support);
    weights.put(Scorecard.NPS, nps);
    weights.put(Scorecard.ENGAGEMENT, engagement);
    return weights;
  }

  /** The true churn probability of measures (0-100 each). */
  static double probability(Map<String, Double> measures) {
    double logit = INTERCEPT;
    for (Map.Entry<String, Double> weight : TRUE_WEIGHTS.entrySet()) {
      logit += STRENGTH * weight.getValue() * (50 - measures.get(weight.getKey())) / 25;
    }
    return 1 / (1 + Math.exp(-logit));
  }

  /**
   * Writes {@code accounts} accounts, each with a contract and a renewal decided within {@code year}
   * (its renewal date spread over the year), and its weekly scores before the renewal.
   */
  public List<Truth> generate(int accounts, int year) {
    List<Truth> truths = new ArrayList<>(accounts);
    List<Object[]> scores = new ArrayList<>();
    Timestamp now = Timestamp.valueOf(LocalDate.of(year, 12, 31).atStartOfDay());
    for (int i = 0; i < accounts; i++) {
      String crmId = MARK + year + "-" + i;
      BigDecimal arr = BigDecimal.valueOf(Math.round(Math.exp(10 + 1.2 * random.nextGaussian())));
      Long accountId = jdbc.queryForObject("""
          insert into account (crm_account_id, name, segment, region, arr, lifecycle_stage, created_at, updated_at)
          values (?, ?, 'mid-market', 'EMEA', ?, 'renewal', ?, ?) returning id""", Long.class,
          crmId, "Truth " + year + " " + i, arr, now, now);
      LocalDate renewalDate = LocalDate.of(year, 1, 1).plusDays(random.nextInt(365));
      Map<String, Double> atRenewal = new LinkedHashMap<>();
      for (String measure : TRUE_WEIGHTS.keySet()) {
        atRenewal.put(measure, clamp(50 + 25 * random.nextGaussian()));
      }
      double p = probability(atRenewal);
      boolean churned = random.nextDouble() < p;
      truths.add(new Truth(accountId, renewalDate, atRenewal, churned, p));
      String contractId = crmId + "-C";
      jdbc.update("""
          insert into contract (contract_id, account_id, start_date, end_date, arr, created_at)
          values (?, ?, ?, ?, ?, ?)""", contractId, accountId, Date.valueOf(renewalDate.minusYears(1)),
          Date.valueOf(renewalDate), arr, now);
      jdbc.update("""
          insert into renewal (contract_id, account_id, process_instance_id, renewal_date, arr_before, outcome,
                               arr_after, started_at, decided_on)
          values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", contractId, accountId, "generated " + crmId, Date.valueOf(renewalDate),
          arr, churned ? "churned" : "renewed", churned ? BigDecimal.ZERO : arr,
          Timestamp.valueOf(renewalDate.minusDays(120).atStartOfDay()), Date.valueOf(renewalDate));
      // Weekly scores, oldest first: the further from the renewal, the further the measures drift.
      Map<String, Double> drift = new LinkedHashMap<>();
      TRUE_WEIGHTS.keySet().forEach(m -> drift.put(m, 0.0));
      for (int week = 0; week < WEEKS_SCORED; week++) {
        for (String measure : drift.keySet()) {
          drift.put(measure, drift.get(measure) + 6 * random.nextGaussian());
        }
        LocalDate scoredOn = renewalDate.minusDays(7L * week + 1);
        StringBuilder json = new StringBuilder("[");
        double sum = 0;
        for (String measure : TRUE_WEIGHTS.keySet()) {
          int value = (int) Math.round(clamp(atRenewal.get(measure) + drift.get(measure) + 5 * random.nextGaussian()));
          sum += value * MODEL_A.get(measure);
          json.append(json.length() > 1 ? "," : "").append("{\"name\":\"").append(measure).append("\",\"value\":")
              .append(value).append(",\"weight\":").append(MODEL_A.get(measure)).append(",\"inputs\":\"generated\"}");
        }
        int score = (int) Math.round(sum);
        scores.add(new Object[] {accountId, Timestamp.valueOf(scoredOn.atTime(2, 0)), score,
            score < 50 ? "red" : score > 75 ? "green" : "yellow", score, MODEL_A_VERSION, json.append("]").toString()});
      }
    }
    jdbc.batchUpdate("""
        insert into health_score (account_id, scored_at, score, band, computed_score, model_version, measures_json, reason)
        values (?, ?, ?, ?, ?, ?, ?, 'generated')""", scores);
    return truths;
  }

  /** Removes every generated row. */
  public static void delete(JdbcTemplate jdbc) {
    String ids = "select id from account where crm_account_id like '" + MARK + "%'";
    jdbc.update("delete from health_score where account_id in (" + ids + ")");
    jdbc.update("delete from renewal where account_id in (" + ids + ")");
    jdbc.update("delete from contract where account_id in (" + ids + ")");
    jdbc.update("delete from account where crm_account_id like '" + MARK + "%'");
  }

  private static double clamp(double value) {
    return Math.max(0, Math.min(100, value));
  }
}
