package io.csplaybooks.health;

import io.csplaybooks.common.ClusterLock;
import io.csplaybooks.common.EngineClock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The nightly retention run of the two tables that grow every day: health scores (one per open
 * account each night, and one per scoring event) and customer signals. What is older than
 * {@code csp.retention.keep} goes; scoring reads only the last 30 days of signals, renewal risk the
 * last 45, and the health history shown per account the last year or two. One node of the cluster
 * runs it, like the portfolio run.
 */
@Component
class HealthRetention {

  private static final Logger LOG = LoggerFactory.getLogger(HealthRetention.class);

  /** The run's name in scheduled_run. */
  public static final String RUN = "health-retention";

  /** Rows per delete statement. */
  private static final int BATCH = 10_000;

  public record Outcome(Instant cutoff, long scoresDeleted, long signalsDeleted) {}

  private final HealthRepository health;
  private final HealthModelRepository models;
  private final SignalRepository signals;
  private final ClusterLock cluster;
  private final Period keep;

  public HealthRetention(HealthRepository health, HealthModelRepository models, SignalRepository signals,
      ClusterLock cluster, HealthSettings settings) {
    this.health = health;
    this.models = models;
    this.signals = signals;
    this.cluster = cluster;
    this.keep = settings.retention().keep();
  }

  /** The scheduled run, on the node that claims it. */
  @Scheduled(cron = "${csp.retention.cron}")
  public Optional<Outcome> scheduled() {
    return cluster.runOnOneNode(RUN, Duration.ofHours(1), Duration.ofMinutes(10), this::run);
  }

  /** Deletes what is older than the retention period, now, on this node. */
  public Outcome run() {
    Instant cutoff = EngineClock.now().atOffset(ZoneOffset.UTC).minus(keep).toInstant();
    Outcome outcome = new Outcome(cutoff, health.deleteScoresBefore(cutoff, BATCH), signals.deleteBefore(cutoff, BATCH));
    long snapshots = health.deleteSnapshotsBefore(cutoff.atOffset(ZoneOffset.UTC).toLocalDate());
    // The shadow models' scores go with the live ones.
    models.deleteShadowScoresBefore(cutoff);
    LOG.info("Retention on {}: {} health scores, {} signals and {} portfolio snapshot rows from before {} deleted",
        cluster.node(), outcome.scoresDeleted(), outcome.signalsDeleted(), snapshots, cutoff);
    return outcome;
  }
}
