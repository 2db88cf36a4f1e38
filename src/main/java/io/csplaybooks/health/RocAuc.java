package io.csplaybooks.health;

import java.util.Arrays;

/**
 * How well a number separates the customers who churned from those who stayed: the area under the
 * ROC curve (the chance that a churned customer had the riskier number than a customer who stayed,
 * ties counting half) with its 95 % confidence interval by DeLong's method (DeLong, DeLong and
 * Clarke-Pearson 1988, with the midrank computation of Sun and Xu 2014: O(n log n)).
 */
final class RocAuc {

  private static final double Z95 = 1.959963984540054;

  /** @param value the area; low and high its 95 % confidence interval (clipped to 0-1) */
  record Interval(double value, double low, double high) {

    static Interval of(double value, double standardError) {
      return new Interval(value, Math.max(0, value - Z95 * standardError), Math.min(1, value + Z95 * standardError));
    }
  }

  private RocAuc() {}

  /**
   * @param churned the risk of each customer who churned (higher is riskier)
   * @param stayed the risk of each customer who stayed
   * @return null when either side is empty: there is nothing to separate
   */
  static Interval of(double[] churned, double[] stayed) {
    int m = churned.length;
    int n = stayed.length;
    if (m == 0 || n == 0) {
      return null;
    }
    double[] all = new double[m + n];
    System.arraycopy(churned, 0, all, 0, m);
    System.arraycopy(stayed, 0, all, m, n);
    double[] rankAll = midranks(all);
    double[] rankChurned = midranks(churned);
    double[] rankStayed = midranks(stayed);
    double[] v10 = new double[m];
    double[] v01 = new double[n];
    double sum = 0;
    for (int i = 0; i < m; i++) {
      v10[i] = (rankAll[i] - rankChurned[i]) / n;
      sum += v10[i];
    }
    for (int j = 0; j < n; j++) {
      v01[j] = 1 - (rankAll[m + j] - rankStayed[j]) / m;
    }
    double auc = sum / m;
    double variance = (m > 1 ? variance(v10, auc) / m : 0) + (n > 1 ? variance(v01, auc) / n : 0);
    return Interval.of(auc, Math.sqrt(variance));
  }

  /** Wilson's 95 % interval of a proportion: right where a red band flags few customers. */
  static Interval proportion(long hits, long total) {
    if (total == 0) {
      return null;
    }
    double p = (double) hits / total;
    double z2 = Z95 * Z95;
    double centre = (p + z2 / (2 * total)) / (1 + z2 / total);
    double half = Z95 * Math.sqrt(p * (1 - p) / total + z2 / (4.0 * total * total)) / (1 + z2 / total);
    return new Interval(p, Math.max(0, centre - half), Math.min(1, centre + half));
  }

  private static double variance(double[] values, double mean) {
    double sum = 0;
    for (double value : values) {
      sum += (value - mean) * (value - mean);
    }
    return sum / (values.length - 1);
  }

  /** Each value's rank among the values (1-based), ties sharing the mean of their ranks. */
  static double[] midranks(double[] values) {
    int size = values.length;
    Integer[] order = new Integer[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
    double[] ranks = new double[size];
    int i = 0;
    while (i < size) {
      int j = i;
      while (j + 1 < size && values[order[j + 1]] == values[order[i]]) {
        j++;
      }
      double rank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        ranks[order[k]] = rank;
      }
      i = j + 1;
    }
    return ranks;
  }
}
