package io.csplaybooks.health;

import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What a CS team tunes about health: the model and the portfolio run ({@code csp.health}) and how long
 * scores and signals are kept ({@code csp.retention}). Bound at {@code csp} because the two are
 * siblings there; the crons ({@code csp.health.portfolio-cron}, {@code csp.retention.cron}) are read
 * by the schedules themselves.
 *
 * @param health the health model and the portfolio run's hold on the cluster
 * @param retention how long health scores and signals are kept
 */
@ConfigurationProperties("csp")
record HealthSettings(HealthModel health, Retention retention) {

  /** @param keep health scores and customer signals older than this are deleted every night */
  public record Retention(Period keep) {}
}
