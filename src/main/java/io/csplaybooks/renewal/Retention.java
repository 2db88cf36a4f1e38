package io.csplaybooks.renewal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Gross and net revenue retention, logo churn and expansion over a cohort of decided renewals.
 * GRR = (starting ARR - churned - contracted) / starting ARR; NRR adds expansion back.
 */
public final class Retention {

  /**
   * Decided renewals of one outcome: their ARR before and after (0 when churned), summed, and how many
   * (one renewal, or a group that reports add up in SQL).
   */
  public record Decided(BigDecimal arrBefore, BigDecimal arrAfter, String outcome, int count) {

    public Decided(BigDecimal arrBefore, BigDecimal arrAfter, String outcome) {
      this(arrBefore, arrAfter, outcome, 1);
    }
  }

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
    int renewals = 0;
    for (Decided d : cohort) {
      start = start.add(d.arrBefore());
      renewals += d.count();
      switch (d.outcome()) {
        case "churned" -> {
          churned = churned.add(d.arrBefore());
          churnedLogos += d.count();
        }
        case "contracted" -> contraction = contraction.add(d.arrBefore().subtract(d.arrAfter()));
        case "expanded" -> {
          expansion = expansion.add(d.arrAfter().subtract(d.arrBefore()));
          expansions += d.count();
        }
        default -> {
          // renewed flat
        }
      }
    }
    BigDecimal kept = start.subtract(churned).subtract(contraction);
    return new Figures(renewals, start, churned, contraction, expansion, expansions, churnedLogos,
        ratio(kept, start), ratio(kept.add(expansion), start),
        renewals == 0 ? null : ratio(BigDecimal.valueOf(churnedLogos), BigDecimal.valueOf(renewals)));
  }

  private static BigDecimal ratio(BigDecimal part, BigDecimal whole) {
    return whole.signum() == 0 ? null : part.divide(whole, 4, RoundingMode.HALF_UP);
  }
}
