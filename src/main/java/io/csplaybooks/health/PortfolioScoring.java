package io.csplaybooks.health;

import io.csplaybooks.common.ClusterLock;
import io.csplaybooks.common.EngineClock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The scheduled portfolio run: every open account scored again (cron: csp.health.portfolio-cron),
 * and the day's health of the portfolio kept (health_snapshot). Every node's scheduler fires; one
 * node of the cluster runs it, so each account is scored and announced red once.
 */
@Component
public class PortfolioScoring {

  /** The run's name in scheduled_run. */
  public static final String RUN = "portfolio-scoring";

  private static final Logger LOG = LoggerFactory.getLogger(PortfolioScoring.class);

  private final HealthScoring scoring;
  private final HealthRepository health;
  private final ClusterLock cluster;
  private final Duration holdAtMost;
  private final Duration holdAtLeast;

  public PortfolioScoring(HealthScoring scoring, HealthRepository health, ClusterLock cluster,
      HealthSettings settings) {
    this.scoring = scoring;
    this.health = health;
    this.cluster = cluster;
    this.holdAtMost = settings.health().portfolioHoldAtMost();
    this.holdAtLeast = settings.health().portfolioHoldAtLeast();
  }

  /** The scheduled run, on the node that claims it; empty on the nodes that skip it. */
  @Scheduled(cron = "${csp.health.portfolio-cron}")
  public Optional<HealthScoring.Outcome> scheduled() {
    return cluster.runOnOneNode(RUN, holdAtMost, holdAtLeast, this::run);
  }

  /** Scores every open account now, on this node, whatever the other nodes do. */
  public HealthScoring.Outcome run() {
    long started = System.nanoTime();
    HealthScoring.Outcome outcome = scoring.score(null, "portfolio run");
    // The day's health of the portfolio, for the workspace's twelve months.
    health.snapshotPortfolio(EngineClock.today());
    LOG.info("Portfolio scored on {}: {} accounts in {} ms, {} turned red", cluster.node(), outcome.scored(),
        (System.nanoTime() - started) / 1_000_000, outcome.turnedRed().size());
    return outcome;
  }
}
