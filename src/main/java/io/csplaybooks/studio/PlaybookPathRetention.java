package io.csplaybooks.studio;

import io.csplaybooks.common.ClusterLock;
import io.csplaybooks.common.EngineClock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code playbook_path} as long as the engine keeps the history it belongs to: each night,
 * after the engine's history cleanup has removed finished playbooks past their time to live, their
 * paths go too. One node of the cluster runs it.
 */
@Component
class PlaybookPathRetention {

  private static final Logger LOG = LoggerFactory.getLogger(PlaybookPathRetention.class);

  /** The run's name in scheduled_run. */
  public static final String RUN = "playbook-path-retention";

  private final PlaybookPaths paths;
  private final ClusterLock cluster;

  public PlaybookPathRetention(PlaybookPaths paths, ClusterLock cluster) {
    this.paths = paths;
    this.cluster = cluster;
  }

  @Scheduled(cron = "${csp.retention.cron}")
  public Optional<Integer> scheduled() {
    return cluster.runOnOneNode(RUN, Duration.ofHours(1), Duration.ofMinutes(10), this::run);
  }

  /** Deletes the paths of playbooks whose history is gone (a path of the last day is kept: its playbook may be starting). */
  public int run() {
    int deleted = paths.prune(EngineClock.now().minus(Duration.ofDays(1)));
    LOG.info("Retention on {}: {} playbook paths whose history the engine cleaned up deleted", cluster.node(), deleted);
    return deleted;
  }
}
