package io.csplaybooks.qbr;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What the CSM brings to a QBR, as prepared for one round: health now and its trend, the success
 * plan's KPIs against their targets, usage, open risks and interventions, the renewal date and ARR.
 */
public record QbrPack(
    long accountId,
    String accountName,
    String segment,
    int round,
    LocalDate qbrDate,
    Instant preparedAt,
    String csmId,
    Health health,
    List<Kpi> kpis,
    Usage usage,
    List<Risk> openRisks,
    Renewal renewal) {

  /** The current score and band, the 30-day trend, and the latest scores (newest first). */
  public record Health(Integer score, String band, Integer trend30d, List<Point> history) {}

  public record Point(LocalDate on, Integer score, String band) {}

  /** A success-plan KPI; progress is how far from baseline to target the current value is, in percent. */
  public record Kpi(String name, String unit, BigDecimal baseline, BigDecimal target, BigDecimal current,
      LocalDate dueDate, Integer progressPercent) {}

  /** The latest usage signal; adoption is active users per licensed seat, in percent. */
  public record Usage(Integer activeUsers, Integer licensedSeats, Integer adoptionPercent, Integer featuresUsed,
      Integer featuresTotal, Instant asOf) {}

  /** An open risk: a save play in progress, or a challenge from the success plan. */
  public record Risk(String kind, String description, Instant since) {}

  public record Renewal(LocalDate renewalDate, Long daysToRenewal, BigDecimal arr) {}
}
