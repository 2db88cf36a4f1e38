package io.csplaybooks.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The midrank AUC and DeLong interval against the definitions computed pair by pair. */
class RocAucTest {

  @Test
  void theAreaAndItsIntervalAreTheDefinitionsPairByPair() {
    Random random = new Random(7);
    double[] churned = new double[300];
    double[] stayed = new double[700];
    for (int i = 0; i < churned.length; i++) {
      churned[i] = Math.round(random.nextGaussian() * 10 + 5);
    }
    for (int j = 0; j < stayed.length; j++) {
      stayed[j] = Math.round(random.nextGaussian() * 10);
    }
    double[] v10 = new double[churned.length];
    double[] v01 = new double[stayed.length];
    double sum = 0;
    for (int i = 0; i < churned.length; i++) {
      for (int j = 0; j < stayed.length; j++) {
        double psi = churned[i] > stayed[j] ? 1 : churned[i] == stayed[j] ? 0.5 : 0;
        v10[i] += psi / stayed.length;
        v01[j] += psi / churned.length;
        sum += psi;
      }
    }
    double auc = sum / churned.length / stayed.length;
    double variance = sampleVariance(v10, auc) / churned.length + sampleVariance(v01, auc) / stayed.length;

    RocAuc.Interval interval = RocAuc.of(churned, stayed);
    assertThat(interval.value()).isCloseTo(auc, within(1e-12));
    assertThat(interval.high() - interval.value()).isCloseTo(1.959963984540054 * Math.sqrt(variance), within(1e-12));
    assertThat(interval.value()).isBetween(0.6, 0.7);
  }

  @Test
  void perfectSeparationTiesAndEmptySides() {
    assertThat(RocAuc.of(new double[] {3, 4}, new double[] {1, 2}).value()).isEqualTo(1.0);
    assertThat(RocAuc.of(new double[] {1, 1}, new double[] {1, 1}).value()).isEqualTo(0.5);
    assertThat(RocAuc.of(new double[] {}, new double[] {1})).isNull();
    assertThat(RocAuc.midranks(new double[] {5, 1, 5, 3})).containsExactly(3.5, 1, 3.5, 2);
    RocAuc.Interval rate = RocAuc.proportion(0, 20);
    assertThat(rate.value()).isZero();
    assertThat(rate.high()).as("Wilson: no hits in 20 is not certainty").isBetween(0.1, 0.2);
  }

  private static double sampleVariance(double[] values, double mean) {
    double sum = 0;
    for (double value : values) {
      sum += (value - mean) * (value - mean);
    }
    return sum / (values.length - 1);
  }
}
