package io.csplaybooks.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.csplaybooks.support.IntegrationTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * On PostgreSQL: nodes (each a ClusterLock with its own name and clock) claiming the same scheduled
 * run. At the same moment only one of them runs it; a claim left by a node that died expires; a
 * quick run stays claimed for its minimum hold.
 */
class ClusterLockTest extends IntegrationTest {

  static final Instant T0 = Instant.parse("2026-11-26T02:00:00Z");
  static final Duration AT_MOST = Duration.ofHours(1);
  static final Duration AT_LEAST = Duration.ofMinutes(10);

  @Autowired JdbcClient jdbc;
  @Autowired PlatformTransactionManager transactions;

  @Test
  void twoNodesFiringAtTheSameMomentRunTheRunOnce() throws Exception {
    // Twenty nights, each fired on both nodes at once: half of them the run's very first (no row
    // yet), half with last night's claim expired.
    for (int night = 0; night < 20; night++) {
      String run = run();
      if (night % 2 == 1) {
        node("node-c", T0.minus(Duration.ofDays(1))).runOnOneNode(run, AT_MOST, Duration.ZERO, () -> "last night");
      }
      ClusterLock a = node("node-a", T0);
      ClusterLock b = node("node-b", T0);
      AtomicInteger ran = new AtomicInteger();
      CyclicBarrier together = new CyclicBarrier(2);
      ExecutorService schedulers = Executors.newFixedThreadPool(2);
      try {
        List<Future<Optional<String>>> fired = new ArrayList<>();
        for (ClusterLock node : List.of(a, b)) {
          fired.add(schedulers.submit(() -> {
            together.await(10, TimeUnit.SECONDS);
            return node.runOnOneNode(run, AT_MOST, Duration.ZERO, () -> {
              ran.incrementAndGet();
              return node.node();
            });
          }));
        }
        List<String> winners = new ArrayList<>();
        for (Future<Optional<String>> f : fired) {
          f.get(30, TimeUnit.SECONDS).ifPresent(winners::add);
        }
        assertThat(ran).as("runs on night %d", night).hasValue(1);
        assertThat(winners).as("winners on night %d", night).hasSize(1);
        assertThat(a.holder(run).orElseThrow().node()).isEqualTo(winners.get(0));
      } finally {
        schedulers.shutdownNow();
      }
    }
  }

  @Test
  void aClaimLeftByANodeThatDiedExpiresAndAnotherNodeTakesTheRun() {
    String run = run();
    ClusterLock.Claim died = node("node-a", T0).claim(run, AT_MOST).orElseThrow();

    assertThat(node("node-b", T0.plus(Duration.ofMinutes(30))).claim(run, AT_MOST)).isEmpty();
    assertThat(node("node-b", T0.plus(AT_MOST)).claim(run, AT_MOST)).as("at the very end of the claim").isEmpty();
    ClusterLock b = node("node-b", T0.plus(AT_MOST).plusSeconds(1));
    assertThat(b.runOnOneNode(run, AT_MOST, AT_LEAST, () -> "ran")).contains("ran");
    ClusterLock.Holder holder = b.holder(run).orElseThrow();
    assertThat(holder.node()).isEqualTo("node-b");
    assertThat(holder.lastStartedAt()).isEqualTo(T0.plus(AT_MOST).plusSeconds(1));

    // node-a comes back and releases what it no longer holds: node-b's claim stays as it is.
    node("node-a", T0.plus(Duration.ofHours(2))).release(died, Duration.ZERO);
    assertThat(b.holder(run)).contains(holder);
  }

  @Test
  void aQuickRunStaysClaimedForItsMinimumHoldThenTheNextRunIsFree() {
    String run = run();
    ClusterLock a = node("node-a", T0);
    assertThat(a.runOnOneNode(run, AT_MOST, AT_LEAST, () -> "ran")).contains("ran");
    assertThat(a.holder(run)).contains(new ClusterLock.Holder("node-a", T0.plus(AT_LEAST), T0, T0));

    // A node whose scheduler fires a minute late does not run it again.
    AtomicInteger late = new AtomicInteger();
    assertThat(node("node-b", T0.plus(Duration.ofMinutes(1))).runOnOneNode(run, AT_MOST, AT_LEAST,
        late::incrementAndGet)).isEmpty();
    assertThat(late).hasValue(0);

    // The next run (here: once the minimum hold is over) is free again, for any node.
    Instant next = T0.plus(AT_LEAST).plusMillis(1);
    assertThat(node("node-b", next).runOnOneNode(run, AT_MOST, AT_LEAST, () -> "next")).contains("next");
    assertThat(a.holder(run).orElseThrow().node()).isEqualTo("node-b");
  }

  @Test
  void aLongRunIsHeldUntilItEndsAndAFailedRunReleasesItsClaim() {
    String run = run();
    // The run outlasts its minimum hold: released when it ends (the clock reads the end time).
    MovingClock clock = new MovingClock(T0);
    ClusterLock a = new ClusterLock(jdbc, transactions, "node-a", clock);
    a.runOnOneNode(run, AT_MOST, AT_LEAST, () -> clock.now = T0.plus(Duration.ofMinutes(25)));
    assertThat(a.holder(run).orElseThrow().lockedUntil()).isEqualTo(T0.plus(Duration.ofMinutes(25)));

    String failing = run();
    assertThatThrownBy(() -> node("node-a", T0).runOnOneNode(failing, AT_MOST, AT_LEAST, () -> {
      throw new IllegalStateException("database went away");
    })).hasMessage("database went away");
    assertThat(a.holder(failing).orElseThrow().lockedUntil()).isEqualTo(T0.plus(AT_LEAST));
  }

  @Test
  void aMinimumHoldLongerThanTheMaximumIsRefused() {
    assertThatThrownBy(() -> node("node-a", T0).runOnOneNode(run(), AT_LEAST, AT_MOST, () -> "never"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private ClusterLock node(String name, Instant now) {
    return new ClusterLock(jdbc, transactions, name, Clock.fixed(now, ZoneOffset.UTC));
  }

  private static String run() {
    return "test-run-" + UUID.randomUUID();
  }

  /** A clock the work moves forward, as time passes during a run. */
  static final class MovingClock extends Clock {
    volatile Instant now;

    MovingClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }
}
