package io.csplaybooks.health;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.csplaybooks.health.BacktestRows.Renewal;
import io.csplaybooks.health.RocAuc.Interval;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

/**
 * Does the health score predict? For every renewal decided in a period, the account's score a number
 * of days before the renewal date (the latest scored by then) against what the customer did: churned,
 * or stayed (renewed, expanded or contracted). Reports how well the score separates the two (ROC AUC
 * with its confidence interval), what the red band caught (recall and precision on churn, the ARR
 * caught and missed), the churn by decile of score, and each measure's own power, strongest first.
 */
@Service
public class HealthBacktest {

  /** Renewals read per query: a year of a large portfolio is read in slices, scores streamed. */
  static final int SLICE = 1_000;
  /** A score older than this before the cut-off says nothing about the account then. */
  static final int STALE_DAYS = 180;

  /** The area under the ROC curve, with its 95 % interval: 0.5 is a coin, 1 foresees every churn. */
  public record Auc(double value, double low, double high) {

    static Auc of(Interval interval) {
      return interval == null ? null : new Auc(round(interval.value()), round(interval.low()), round(interval.high()));
    }
  }

  /** A proportion with its 95 % interval (Wilson). */
  public record Rate(double value, double low, double high, long hits, long of) {

    static Rate of(long hits, long of) {
      Interval interval = RocAuc.proportion(hits, of);
      return interval == null ? null : new Rate(round(interval.value()), round(interval.low()), round(interval.high()), hits, of);
    }
  }

  /**
   * What the red band caught: of the churned, how many were red (recall); of the red, how many
   * churned (precision); the churned renewals' ARR by currency, flagged red or not.
   */
  public record RedBand(long flagged, Rate recall, Rate precision, Map<String, BigDecimal> arrCaught,
      Map<String, BigDecimal> arrMissed) {}

  /** One tenth of the scored renewals, riskiest (lowest score) first; lift is its churn rate over the whole's. */
  public record Decile(int decile, int renewals, int churned, double churnRate, double lift, int lowestScore,
      int highestScore) {}

  /** A measure's own power: its AUC over the renewals whose score had it. */
  public record MeasurePower(String measure, int renewals, Auc auc) {}

  public record Report(LocalDate from, LocalDate to, int horizonDays, int renewals, int scored, int churned,
      Auc auc, RedBand redBand, List<Decile> deciles, List<MeasurePower> measures, Map<String, Integer> modelVersions) {}

  /** A renewal with the account's score and its measures (0-100 by name) as they stood at the cut-off. */
  record Scored(Renewal renewal, int score, String band, String version, Map<String, Integer> measures) {}

  private final BacktestRows rows;
  private final ObjectMapper json;

  HealthBacktest(BacktestRows rows, ObjectMapper json) {
    this.rows = rows;
    this.json = json;
  }

  /**
   * @param from first day a renewal was decided on, inclusive
   * @param to last day, inclusive
   * @param horizonDays how many days before the renewal date the score is read
   */
  public Report run(LocalDate from, LocalDate to, int horizonDays) {
    return run(from, to, horizonDays, null, null);
  }

  /**
   * @param version the model whose scores are read (live or shadow); null: the scores the accounts had
   * @param segment the renewals of one segment's accounts; null: all
   */
  public Report run(LocalDate from, LocalDate to, int horizonDays, String version, String segment) {
    List<Renewal> renewals = rows.renewalsDecided(from, to, segment);
    return report(from, to, horizonDays, renewals, scored(renewals, horizonDays, version));
  }

  /**
   * The same backtest for other weights, over the measures the scores were made of: how a candidate
   * model would have done, without waiting for it to score a year, over one segment's renewals or all
   * (null), banded by the thresholds given.
   */
  public Report runWith(LocalDate from, LocalDate to, int horizonDays, Map<String, Double> weights, String version,
      int redBelow, int greenAbove, String segment) {
    List<Renewal> renewals = rows.renewalsDecided(from, to, segment);
    List<Scored> rescored = new ArrayList<>();
    for (Scored s : scored(renewals, horizonDays, null)) {
      double sum = 0;
      double weight = 0;
      for (Map.Entry<String, Integer> measure : s.measures().entrySet()) {
        double w = weights.getOrDefault(measure.getKey(), 0.0);
        sum += w * measure.getValue();
        weight += w;
      }
      if (weight > 0) {
        int score = (int) Math.round(sum / weight);
        String band = score < redBelow ? HealthBand.RED.code() : score > greenAbove ? HealthBand.GREEN.code()
            : HealthBand.YELLOW.code();
        rescored.add(new Scored(s.renewal(), score, band, version, s.measures()));
      }
    }
    return report(from, to, horizonDays, renewals, rescored);
  }

  /** Each renewal decided in the period with its account's score by the cut-off; unscored ones left out. */
  List<Scored> scored(LocalDate from, LocalDate to, int horizonDays, String segment) {
    return scored(rows.renewalsDecided(from, to, segment), horizonDays, null);
  }

  private List<Scored> scored(List<Renewal> renewals, int horizonDays, String version) {
    List<Scored> scored = new ArrayList<>();
    for (int start = 0; start < renewals.size(); start += SLICE) {
      scored.addAll(scoresBefore(renewals.subList(start, Math.min(renewals.size(), start + SLICE)), horizonDays, version));
    }
    return scored;
  }

  private Report report(LocalDate from, LocalDate to, int horizonDays, List<Renewal> renewals, List<Scored> scored) {
    long churned = renewals.stream().filter(Renewal::churned).count();
    return new Report(from, to, horizonDays, renewals.size(), scored.size(), (int) churned, auc(scored), redBand(scored),
        deciles(scored), measures(scored), versions(scored));
  }

  /** Each renewal's latest score by its cut-off (the end of the day the horizon falls on). */
  private List<Scored> scoresBefore(List<Renewal> slice, int horizonDays, String version) {
    Map<Long, Renewal> byId = new HashMap<>();
    List<BacktestRows.Cut> cuts = new ArrayList<>(slice.size());
    for (Renewal renewal : slice) {
      byId.put(renewal.id(), renewal);
      LocalDate cutoff = renewal.renewalDate().minusDays(horizonDays);
      cuts.add(new BacktestRows.Cut(renewal.id(), renewal.accountId(), cutoff.minusDays(STALE_DAYS).atStartOfDay(),
          cutoff.plusDays(1).atStartOfDay()));
    }
    Map<Long, BacktestRows.Score> chosen = new LinkedHashMap<>();
    // Two rows at the same moment: the last one read counts.
    rows.latest(cuts, version, chosen::put);
    List<Scored> scored = new ArrayList<>(chosen.size());
    // Only the scores chosen are parsed: one per renewal, not every night's.
    chosen.forEach((renewalId, score) -> scored.add(new Scored(byId.get(renewalId), score.score(), score.band(),
        score.version(), parse(score.measuresJson()))));
    return scored;
  }

  private static Auc auc(List<Scored> scored) {
    return Auc.of(separation(scored, s -> (double) s.score()));
  }

  /** A lower score or measure is the riskier: the AUC of its negative. */
  private static Interval separation(List<Scored> scored, java.util.function.ToDoubleFunction<Scored> value) {
    double[] churned = scored.stream().filter(s -> s.renewal().churned()).mapToDouble(s -> -value.applyAsDouble(s)).toArray();
    double[] stayed = scored.stream().filter(s -> !s.renewal().churned()).mapToDouble(s -> -value.applyAsDouble(s)).toArray();
    return RocAuc.of(churned, stayed);
  }

  private static RedBand redBand(List<Scored> scored) {
    long flagged = 0;
    long churned = 0;
    long caught = 0;
    Map<String, BigDecimal> arrCaught = new TreeMap<>();
    Map<String, BigDecimal> arrMissed = new TreeMap<>();
    for (Scored s : scored) {
      boolean red = HealthBand.RED.code().equals(s.band());
      flagged += red ? 1 : 0;
      if (s.renewal().churned()) {
        churned++;
        caught += red ? 1 : 0;
        (red ? arrCaught : arrMissed).merge(s.renewal().currency(), s.renewal().arr(), BigDecimal::add);
      }
    }
    return new RedBand(flagged, Rate.of(caught, churned), Rate.of(caught, flagged), arrCaught, arrMissed);
  }

  private static List<Decile> deciles(List<Scored> scored) {
    if (scored.isEmpty()) {
      return List.of();
    }
    List<Scored> riskiestFirst = new ArrayList<>(scored);
    riskiestFirst.sort(Comparator.comparingInt(Scored::score));
    double overall = (double) riskiestFirst.stream().filter(s -> s.renewal().churned()).count() / riskiestFirst.size();
    List<Decile> deciles = new ArrayList<>();
    int size = riskiestFirst.size();
    for (int d = 0; d < 10; d++) {
      List<Scored> part = riskiestFirst.subList(d * size / 10, (d + 1) * size / 10);
      if (part.isEmpty()) {
        continue;
      }
      int churned = (int) part.stream().filter(s -> s.renewal().churned()).count();
      double rate = (double) churned / part.size();
      deciles.add(new Decile(d + 1, part.size(), churned, round(rate), overall == 0 ? 0 : round(rate / overall),
          part.get(0).score(), part.get(part.size() - 1).score()));
    }
    return deciles;
  }

  private static List<MeasurePower> measures(List<Scored> scored) {
    Map<String, List<double[]>> byMeasure = new TreeMap<>();
    for (Scored s : scored) {
      s.measures().forEach((name, value) -> byMeasure.computeIfAbsent(name, m -> new ArrayList<>())
          .add(new double[] {value, s.renewal().churned() ? 1 : 0}));
    }
    List<MeasurePower> powers = new ArrayList<>();
    byMeasure.forEach((name, values) -> {
      double[] churned = values.stream().filter(v -> v[1] == 1).mapToDouble(v -> -v[0]).toArray();
      double[] stayed = values.stream().filter(v -> v[1] == 0).mapToDouble(v -> -v[0]).toArray();
      Auc auc = Auc.of(RocAuc.of(churned, stayed));
      if (auc != null) {
        powers.add(new MeasurePower(name, values.size(), auc));
      }
    });
    powers.sort(Comparator.comparingDouble((MeasurePower p) -> p.auc().value()).reversed());
    return powers;
  }

  private static Map<String, Integer> versions(List<Scored> scored) {
    Map<String, Integer> versions = new TreeMap<>();
    scored.forEach(s -> versions.merge(s.version(), 1, Integer::sum));
    return versions;
  }

  private Map<String, Integer> parse(String measuresJson) {
    try {
      List<Map<String, Object>> measures = json.readValue(measuresJson, new TypeReference<>() {});
      Map<String, Integer> values = new TreeMap<>();
      for (Map<String, Object> measure : measures) {
        if (measure.get("name") instanceof String name && measure.get("value") instanceof Number value) {
          values.put(name, value.intValue());
        }
      }
      return values;
    } catch (IOException e) {
      throw new UncheckedIOException("a health score's measures are not JSON", e);
    }
  }

  private static double round(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }
}
