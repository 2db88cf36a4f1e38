package io.csplaybooks.common;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/**
 * The jobs of a node that stopped go to the head of the line. The job executor takes the oldest due
 * job first, and a job a node had taken is not always old: a node locks the next job of a playbook
 * the moment it makes it (Camunda runs it in the same thread), so after a {@code kill -9} those
 * jobs, due when they were made, waited behind a whole backlog (BacklogRecoveryBenchmark: 106 s).
 * Every few seconds each node moves the jobs whose lock has expired ahead of every other due job
 * (their due date one second before the oldest), with the engine's own optimistic lock (a new
 * revision), so whichever node acquires next takes them first. Nothing else about them changes;
 * a job still running past its lock is taken again as the engine always would.
 */
@Repository
class AbandonedJobs {

  private static final Logger LOG = LoggerFactory.getLogger(AbandonedJobs.class);

  private final JdbcClient jdbc;
  private final boolean on;

  /** @param on whether to (csp.cluster.abandoned-jobs-first; off only to measure the engine without it) */
  AbandonedJobs(JdbcClient jdbc, @Value("${csp.cluster.abandoned-jobs-first:true}") boolean on) {
    this.jdbc = jdbc;
    this.on = on;
  }

  @Scheduled(fixedDelayString = "${csp.cluster.abandoned-jobs-poll:PT5S}", initialDelayString = "PT10S")
  void poll() {
    if (!on) {
      return;
    }
    try {
      int moved = moveToTheHead(EngineClock.now());
      if (moved > 0) {
        LOG.info("{} jobs whose node stopped (their lock expired) go to the head of the line", moved);
      }
    } catch (RuntimeException e) {
      LOG.warn("Looking for the jobs of a stopped node failed; next look in a few seconds", e);
    }
  }

  /** @return how many jobs were moved ahead */
  int moveToTheHead(Instant now) {
    Timestamp at = Timestamp.from(now);
    Timestamp oldest = jdbc.sql("""
            select min(duedate_) from act_ru_job
            where retries_ > 0 and suspension_state_ = 1 and duedate_ <= :now
              and (lock_owner_ is null or lock_exp_time_ < :now)""")
        .param("now", at).query(Timestamp.class).optional().orElse(null);
    if (oldest == null) {
      return 0;
    }
    Timestamp head = Timestamp.from(oldest.toInstant().minus(Duration.ofSeconds(1)));
    return jdbc.sql("""
            update act_ru_job set duedate_ = :head, rev_ = rev_ + 1
            where lock_owner_ is not null and lock_exp_time_ < :now and retries_ > 0 and suspension_state_ = 1
              and duedate_ > :oldest""")
        .param("head", head).param("now", at).param("oldest", oldest).update();
  }
}
