package io.csplaybooks.health;

import java.time.Duration;
import java.util.Map;

/**
 * The health model a CS team tunes: measure weights, band thresholds, how engagement and support
 * load are normalized, and the version stored with every score so old scores stay explainable
 * ({@code csp.health}, part of {@link HealthSettings}); beside it, how the nightly portfolio run holds
 * its claim on the cluster.
 *
 * @param redBelow scores below this are red (Gainsight's example: 50)
 * @param greenAbove scores above this are green (75); in between is yellow
 * @param engagementFullDays contact within this many days scores 100
 * @param engagementZeroDays no contact for this many days scores 0 (linear in between)
 * @param supportPointsPerTicket, supportPointsPerEscalation, supportPointsPerCritical load points
 *     taken off 100 for each ticket in the window
 * @param windowDays signals older than this do not count
 * @param portfolioHoldAtMost the portfolio run's claim holds at most this long should its node die mid-run
 * @param portfolioHoldAtLeast and at least this long after its start, so a late node does not run it again
 */
record HealthModel(
    String version,
    Map<String, Double> weights,
    int redBelow,
    int greenAbove,
    int engagementFullDays,
    int engagementZeroDays,
    int supportPointsPerTicket,
    int supportPointsPerEscalation,
    int supportPointsPerCritical,
    int windowDays,
    Duration portfolioHoldAtMost,
    Duration portfolioHoldAtLeast) {

  public HealthBand band(int score) {
    if (score < redBelow) {
      return HealthBand.RED;
    }
    return score > greenAbove ? HealthBand.GREEN : HealthBand.YELLOW;
  }
}
