package io.csplaybooks.health;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The scheduled portfolio run: every open account scored again (cron: csp.health.portfolio-cron). */
@Component
public class PortfolioScoring {

  private static final Logger LOG = LoggerFactory.getLogger(PortfolioScoring.class);

  private final HealthScoring scoring;

  public PortfolioScoring(HealthScoring scoring) {
    this.scoring = scoring;
  }

  @Scheduled(cron = "${csp.health.portfolio-cron}")
  public HealthScoring.Outcome run() {
    long started = System.nanoTime();
    HealthScoring.Outcome outcome = scoring.score(null, "portfolio run");
    LOG.info("Portfolio scored: {} accounts in {} ms, {} turned red", outcome.scored(),
        (System.nanoTime() - started) / 1_000_000, outcome.turnedRed().size());
    return outcome;
  }
}
