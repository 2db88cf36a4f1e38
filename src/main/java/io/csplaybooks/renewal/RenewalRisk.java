package io.csplaybooks.renewal;

import java.util.ArrayList;
import java.util.List;

/**
 * Renewal risk from what the account's signals and plays say, as points with their reasons:
 * low, medium or high. Plain Java, no engine.
 */
final class RenewalRisk {

  public enum Level { LOW, MEDIUM, HIGH }

  /** What the risk is judged on. Nulls are unknown and add no points. */
  public record Inputs(String healthBand, Integer healthTrend30d, Integer adoptionNow, Integer adoptionMonthAgo,
      int openInterventions, int escalatedTickets, boolean championKnown, Integer latestNps, long daysToRenewal) {}

  public record Result(Level level, int points, List<String> reasons) {}

  private final int mediumFrom;
  private final int highFrom;

  public RenewalRisk(int mediumFrom, int highFrom) {
    if (mediumFrom <= 0 || highFrom <= mediumFrom) {
      throw new IllegalArgumentException("renewal risk thresholds must be 0 < medium < high");
    }
    this.mediumFrom = mediumFrom;
    this.highFrom = highFrom;
  }

  public Result assess(Inputs in) {
    int points = 0;
    List<String> reasons = new ArrayList<>();
    if ("red".equals(in.healthBand())) {
      points += 3;
      reasons.add("health is red");
    } else if ("yellow".equals(in.healthBand())) {
      points += 1;
      reasons.add("health is yellow");
    }
    if (in.healthTrend30d() != null && in.healthTrend30d() <= -10) {
      points += 2;
      reasons.add("health fell " + -in.healthTrend30d() + " points in 30 days");
    }
    if (in.adoptionNow() != null && in.adoptionMonthAgo() != null && in.adoptionMonthAgo() - in.adoptionNow() >= 15) {
      points += 2;
      reasons.add("usage fell from " + in.adoptionMonthAgo() + "% to " + in.adoptionNow() + "% of seats");
    }
    if (in.openInterventions() > 0) {
      points += 3;
      reasons.add("a save play is open");
    }
    if (in.escalatedTickets() > 0) {
      points += 1;
      reasons.add(in.escalatedTickets() + " escalated tickets in 30 days");
    }
    if (!in.championKnown()) {
      points += 2;
      reasons.add("no champion");
    }
    if (in.latestNps() != null && in.latestNps() <= 6) {
      points += 2;
      reasons.add("latest NPS " + in.latestNps() + " (detractor)");
    }
    if (in.daysToRenewal() < 60) {
      points += 1;
      reasons.add("renewal in " + in.daysToRenewal() + " days");
    }
    Level level = points >= highFrom ? Level.HIGH : points >= mediumFrom ? Level.MEDIUM : Level.LOW;
    return new Result(level, points, List.copyOf(reasons));
  }
}
