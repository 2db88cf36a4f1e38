package io.csplaybooks.common;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Scheduled work that runs on one node of the cluster. Every node's scheduler fires; each claims the
 * run in {@code scheduled_run} with one conditional update that only one node can win, the winner
 * runs the work and the others skip it.
 *
 * <p>A claim holds for {@code holdAtMost}, which must be longer than the work ever takes: a node
 * that dies mid-run leaves a lock that expires then. When the work is done the claim is shortened,
 * but to no less than {@code holdAtLeast} after the start, so that a node whose clock or scheduler is
 * a little late does not claim the same run again once a quick run has finished. Claims and releases
 * commit at once, in transactions of their own.
 */
@Repository
public class ClusterLock {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterLock.class);

  /** A run this node claimed. */
  public record Claim(String name, String node, Instant startedAt, Instant lockedUntil) {}

  /** Who holds a run, or held it last. */
  public record Holder(String node, Instant lockedUntil, Instant lastStartedAt, Instant lastFinishedAt) {}

  private final JdbcClient jdbc;
  private final TransactionTemplate ownTransaction;
  private final String node;
  private final Clock clock;

  @Autowired
  public ClusterLock(JdbcClient jdbc, PlatformTransactionManager transactions,
      CommonSettings common) {
    this(jdbc, transactions, common.cluster().nodeName(), Clock.systemUTC());
  }

  /** A node named {@code node} (pid@host when blank) whose "now" comes from {@code clock}. */
  public ClusterLock(JdbcClient jdbc, PlatformTransactionManager transactions, String node, Clock clock) {
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.node = node == null || node.isBlank() ? ManagementFactory.getRuntimeMXBean().getName() : node;
    this.clock = clock;
  }

  /** This node's name, as it appears in {@code scheduled_run.locked_by} and the logs. */
  public String node() {
    return node;
  }

  /**
   * Runs the work if this node claims the run {@code name}, else skips it.
   *
   * @return the work's result; empty when another node holds the run
   */
  public <T> Optional<T> runOnOneNode(String name, Duration holdAtMost, Duration holdAtLeast, Supplier<T> work) {
    if (holdAtLeast.isNegative() || holdAtLeast.compareTo(holdAtMost) > 0) {
      throw new IllegalArgumentException(name + ": hold at least " + holdAtLeast + " must be between 0 and the hold"
          + " at most, " + holdAtMost);
    }
    Optional<Claim> claimed = claim(name, holdAtMost);
    if (claimed.isEmpty()) {
      Optional<Holder> holder = holder(name);
      LOG.info("{}: skipped on {}; {} holds it until {}", name, node,
          holder.map(Holder::node).orElse("another node"), holder.map(Holder::lockedUntil).orElse(null));
      return Optional.empty();
    }
    Claim claim = claimed.get();
    LOG.info("{}: runs on {} (claimed until {})", name, node, claim.lockedUntil());
    try {
      return Optional.ofNullable(work.get());
    } finally {
      release(claim, holdAtLeast);
    }
  }

  /**
   * Claims the run for {@code holdAtMost} from now, if nobody holds it: the run's row is free when its
   * lock has expired, and a run never claimed before has no row yet.
   */
  public Optional<Claim> claim(String name, Duration holdAtMost) {
    Instant now = now();
    Instant until = now.plus(holdAtMost);
    try {
      boolean won = Boolean.TRUE.equals(ownTransaction.execute(status -> {
        // Two nodes with the same "now": the second waits for the first's row lock, then finds
        // locked_until moved past now and updates nothing.
        int updated = jdbc.sql("""
                update scheduled_run set locked_until = :until, locked_by = :node, last_started_at = :now
                where name = :name and locked_until < :now""")
            .param("until", utc(until)).param("node", node).param("now", utc(now)).param("name", name)
            .update();
        if (updated == 1) {
          return true;
        }
        if (holder(name).isPresent()) {
          return false;
        }
        jdbc.sql("""
                insert into scheduled_run (name, locked_until, locked_by, last_started_at)
                values (:name, :until, :node, :now)""")
            .param("name", name).param("until", utc(until)).param("node", node).param("now", utc(now))
            .update();
        return true;
      }));
      return won ? Optional.of(new Claim(name, node, now, until)) : Optional.empty();
    } catch (DuplicateKeyException e) {
      // The run's first claim ever, made by another node at the same moment.
      return Optional.empty();
    }
  }

  /**
   * Ends this node's claim: the run stays held until {@code holdAtLeast} after its start, or until
   * now if that is later. A claim that expired and was taken over by another node is left alone.
   */
  public void release(Claim claim, Duration holdAtLeast) {
    Instant now = now();
    Instant atLeast = claim.startedAt().plus(holdAtLeast);
    Instant until = now.isAfter(atLeast) ? now : atLeast;
    try {
      Integer updated = ownTransaction.execute(status -> jdbc.sql("""
              update scheduled_run set locked_until = :until, last_finished_at = :now
              where name = :name and locked_by = :node and locked_until = :claimed""")
          .param("until", utc(until)).param("now", utc(now)).param("name", claim.name()).param("node", claim.node())
          .param("claimed", utc(claim.lockedUntil()))
          .update());
      if (updated == null || updated == 0) {
        LOG.warn("{}: ran on {} past its claim (until {}); another node may have run it as well", claim.name(),
            claim.node(), claim.lockedUntil());
      } else {
        LOG.info("{}: done on {} in {} ms; held until {}", claim.name(), claim.node(),
            Duration.between(claim.startedAt(), now).toMillis(), until);
      }
    } catch (RuntimeException e) {
      LOG.warn("{}: could not release the claim of {}; it expires at {}", claim.name(), claim.node(),
          claim.lockedUntil(), e);
    }
  }

  /** Who holds the run {@code name} (or held it last); empty if it never ran. */
  public Optional<Holder> holder(String name) {
    return jdbc.sql("""
            select locked_by, locked_until, last_started_at, last_finished_at from scheduled_run where name = :name""")
        .param("name", name)
        .query((rs, n) -> new Holder(rs.getString("locked_by"),
            instant(rs.getObject("locked_until", LocalDateTime.class)),
            instant(rs.getObject("last_started_at", LocalDateTime.class)),
            instant(rs.getObject("last_finished_at", LocalDateTime.class))))
        .optional();
  }

  private Instant now() {
    // Milliseconds, so that a claim's time reads back equal from every database.
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static Instant instant(LocalDateTime utc) {
    return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
  }
}
