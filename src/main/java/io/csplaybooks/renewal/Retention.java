package io.csplaybooks.renewal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Gross and net revenue retention, logo churn and expansion over a cohort of decided renewals.
 * GRR = (starting ARR - churned - contracted) / starting ARR; NRR adds expansion back.
 */
public final class Retention {

  /** One decided renewal: ARR before, ARR after (0 when churned), and the outcome. */
  public record Decided(BigDecimal arrBefore, BigDecimal arrAfter, String outcome) {}

  public record Figures(int renewals, BigDecimal startingArr, BigDecimal churnedArr, BigDecimal contractionArr,
      BigDecimal expansionArr, int expansions, int churnedLogos, BigDecimal grossRetention, BigDecimal netRetention,
      BigDecimal logoChurnRate) {}

  private Retention() {}

  public static Figures of(List<Decided> cohort) {
    BigDecimal start = BigDecimal.ZERO;
    BigDecimal churned = BigDecimal.ZERO;
    BigDecimal contraction = BigDecimal.ZERO;
    BigDecimal expansion = BigDecimal.ZERO;
    int expansions = 0;
    int churnedLogos = 0;
    for (Decided d : cohort) {
      start = start.add(d.arrBefore());
      switch (d.outcome()) {
        case "churned" -> {
          churned = churned.add(d.arrBefore());
          churnedLogos++;
        }
        case "contracted" -> contraction = contraction.add(d.arrBefore().subtract(d.arrAfter()));
        case "expanded" -> {
          expansion = expansion.add(d.arrAfter().subtract(d.arrBefore()));
          expansions++;
        }
        default -> {
          // renewed flat
        }
      }
    }
    BigDecimal kept = start.subtract(churned).subtract(contraction);
    return new Figures(cohort.size(), start, churned, contraction, expansion, expansions, churnedLogos,
        ratio(kept, start), ratio(kept.add(expansion), start),
        cohort.isEmpty() ? null : ratio(BigDecimal.valueOf(churnedLogos), BigDecimal.valueOf(cohort.size())));
  }

  private static BigDecimal ratio(BigDecimal part, BigDecimal whole) {
    return whole.signum() == 0 ? null : part.divide(whole, 4, RoundingMode.HALF_UP);
  }
}
