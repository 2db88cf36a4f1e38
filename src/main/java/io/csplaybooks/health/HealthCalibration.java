package io.csplaybooks.health;

import io.csplaybooks.health.HealthBacktest.Scored;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleBounds;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.springframework.stereotype.Service;

/**
 * Suggested weights from what customers did: a logistic regression of churn on each measure's
 * shortfall (how far below 50 it was at the cut-off), its coefficients kept non-negative (a better
 * measure never raises the risk) and lightly regularised (ridge), then scaled to sum to 100. Since a
 * score is a weighted mean of its measures, weights in proportion to the coefficients rank accounts
 * as the regression does. Fitted with Hipparchus's BOBYQA, a bounded optimiser (docs/adr/0011); the
 * 95 % interval of each weight comes from refitting on resampled renewals (bootstrap).
 */
@Service
public class HealthCalibration {

  /** Ridge penalty on the mean log-loss: enough to keep a measure that says nothing near zero. */
  static final double RIDGE = 1e-4;
  /** A measure is calibrated when at least this share of the scored renewals had it. */
  static final double PRESENT_IN = 0.5;
  static final int RESAMPLES = 60;
  private static final double MAX_COEFFICIENT = 30;
  private static final double MAX_INTERCEPT = 10;

  /** A suggested weight (0-100) with its 95 % interval. */
  public record Weight(String measure, int weight, int low, int high) {}

  /**
   * @param used the renewals fitted on: scored, with every calibrated measure
   * @param weights strongest first; together 100
   */
  public record Suggestion(LocalDate from, LocalDate to, int horizonDays, int renewals, int used, int churned,
      List<Weight> weights) {

    public Map<String, Double> asWeights() {
      Map<String, Double> map = new LinkedHashMap<>();
      weights.forEach(w -> map.put(w.measure(), (double) w.weight()));
      return map;
    }
  }

  private final HealthBacktest backtest;

  HealthCalibration(HealthBacktest backtest) {
    this.backtest = backtest;
  }

  /** Weights fitted on the renewals decided in the period, from their scores' measures at the horizon. */
  public Suggestion suggest(LocalDate from, LocalDate to, int horizonDays, String segment) {
    List<Scored> scored = backtest.scored(from, to, horizonDays, segment);
    List<String> measures = calibrated(scored);
    List<double[]> rows = new ArrayList<>();
    List<Boolean> churned = new ArrayList<>();
    for (Scored s : scored) {
      if (s.measures().keySet().containsAll(measures)) {
        double[] shortfall = new double[measures.size()];
        for (int k = 0; k < measures.size(); k++) {
          shortfall[k] = (50 - s.measures().get(measures.get(k))) / 50.0;
        }
        rows.add(shortfall);
        churned.add(s.renewal().churned());
      }
    }
    double[][] x = rows.toArray(double[][]::new);
    boolean[] y = new boolean[churned.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = churned.get(i);
    }
    int churnedCount = (int) churned.stream().filter(c -> c).count();
    if (measures.isEmpty() || churnedCount == 0 || churnedCount == y.length) {
      return new Suggestion(from, to, horizonDays, scored.size(), y.length, churnedCount, List.of());
    }
    double[] point = toWeights(fit(x, y));
    double[][] resampled = new double[RESAMPLES][];
    Random random = new Random(30);
    for (int r = 0; r < RESAMPLES; r++) {
      double[][] bx = new double[x.length][];
      boolean[] by = new boolean[y.length];
      for (int i = 0; i < x.length; i++) {
        int pick = random.nextInt(x.length);
        bx[i] = x[pick];
        by[i] = y[pick];
      }
      resampled[r] = toWeights(fit(bx, by));
    }
    int[] rounded = hundred(point);
    List<Weight> weights = new ArrayList<>();
    for (int k = 0; k < measures.size(); k++) {
      double[] spread = new double[RESAMPLES];
      for (int r = 0; r < RESAMPLES; r++) {
        spread[r] = resampled[r][k];
      }
      Arrays.sort(spread);
      weights.add(new Weight(measures.get(k), rounded[k], (int) Math.floor(spread[(int) (0.025 * (RESAMPLES - 1))]),
          (int) Math.ceil(spread[(int) Math.ceil(0.975 * (RESAMPLES - 1))])));
    }
    weights.sort((a, b) -> Integer.compare(b.weight(), a.weight()));
    return new Suggestion(from, to, horizonDays, scored.size(), y.length, churnedCount, weights);
  }

  /** The measures at least half of the scored renewals had, by name. */
  private static List<String> calibrated(List<Scored> scored) {
    Map<String, Integer> seen = new LinkedHashMap<>();
    scored.forEach(s -> s.measures().keySet().forEach(m -> seen.merge(m, 1, Integer::sum)));
    List<String> measures = new ArrayList<>(new TreeSet<>(seen.keySet()));
    measures.removeIf(m -> seen.get(m) < PRESENT_IN * scored.size());
    return measures;
  }

  /**
   * The intercept and non-negative coefficients minimising the mean log-loss plus the ridge penalty.
   *
   * @return [intercept, coefficient per column]
   */
  static double[] fit(double[][] x, boolean[] y) {
    int columns = x[0].length;
    double[] lower = new double[columns + 1];
    double[] upper = new double[columns + 1];
    double[] start = new double[columns + 1];
    lower[0] = -MAX_INTERCEPT;
    upper[0] = MAX_INTERCEPT;
    for (int k = 1; k <= columns; k++) {
      upper[k] = MAX_COEFFICIENT;
      start[k] = 1;
    }
    ObjectiveFunction loss = new ObjectiveFunction(beta -> {
      double sum = 0;
      for (int i = 0; i < x.length; i++) {
        double t = beta[0];
        for (int k = 0; k < columns; k++) {
          t += beta[k + 1] * x[i][k];
        }
        // log(1 + e^t) - y t, without overflow
        sum += Math.max(t, 0) + Math.log1p(Math.exp(-Math.abs(t))) - (y[i] ? t : 0);
      }
      double penalty = 0;
      for (int k = 1; k <= columns; k++) {
        penalty += beta[k] * beta[k];
      }
      return sum / x.length + RIDGE * penalty;
    });
    BOBYQAOptimizer optimizer = new BOBYQAOptimizer(2 * (columns + 1) + 1, 1.0, 1e-7);
    PointValuePair best = optimizer.optimize(new MaxEval(20_000), loss, GoalType.MINIMIZE, new InitialGuess(start),
        new SimpleBounds(lower, upper));
    return best.getPoint();
  }

  /** Coefficients as weights summing to 100 (unrounded); all zero if nothing predicts. */
  private static double[] toWeights(double[] beta) {
    double[] weights = Arrays.copyOfRange(beta, 1, beta.length);
    double sum = Arrays.stream(weights).sum();
    for (int k = 0; k < weights.length; k++) {
      weights[k] = sum == 0 ? 0 : 100 * weights[k] / sum;
    }
    return weights;
  }

  /** Rounded so they sum to exactly 100 (largest remainders get the spare points). */
  static int[] hundred(double[] weights) {
    int[] rounded = new int[weights.length];
    double sum = Arrays.stream(weights).sum();
    if (sum == 0) {
      return rounded;
    }
    int total = 0;
    for (int k = 0; k < weights.length; k++) {
      rounded[k] = (int) Math.floor(weights[k]);
      total += rounded[k];
    }
    Integer[] order = new Integer[weights.length];
    for (int k = 0; k < order.length; k++) {
      order[k] = k;
    }
    Arrays.sort(order, (a, b) -> Double.compare(weights[b] - Math.floor(weights[b]), weights[a] - Math.floor(weights[a])));
    for (int i = 0; total < 100; i++, total++) {
      rounded[order[i % order.length]]++;
    }
    return rounded;
  }
}
