package io.csplaybooks.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.csplaybooks.cluster.TwoNodeClusterTest.Answer;
import io.csplaybooks.cluster.TwoNodeClusterTest.Node;
import io.csplaybooks.support.Ports;
import io.csplaybooks.support.TestDatabase;
import java.nio.file.Files;
import java.sql.Array;
import java.sql.DriverManager;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Recovery under a backlog (issue 29): two nodes on one PostgreSQL database, a burst of closed deals
 * that leaves at least 2,000 due jobs waiting (-Dcsp.benchmark.backlog=N), then node A is killed
 * (kill -9) while it holds jobs. Node B, the survivor, takes over. How soon after the kill do the
 * dead node's jobs run again: within a minute (their lock of 30 s, then the oldest due jobs first),
 * or somewhere in the backlog?
 *
 * <p>Once with the engine's job acquisition as it was ("before": timers first, no other order, async
 * jobs without a due date) and once by due date ("after": job-executor-acquire-by-due-date,
 * ensure-job-due-date-not-null, no timers first, and a stopped node's jobs moved to the head of the
 * line, AbandonedJobs), each on a database of its own, the settings given
 * to both nodes on their command line so that application.yaml does not decide. Only "after" is held
 * to the 60 s. Runs with -Pbenchmark only (tag and name), outside CI.
 *
 * <p>A's jobs are of two kinds, counted apart: those its acquisition took from the backlog, and those
 * it locked as it made them (the engine runs an exclusive job's follow-up of the same process instance
 * next, in the same thread). By due date the first are the oldest waiting; the second are as new as
 * the kill, so they wait behind the whole backlog.
 */
@Tag("benchmark")
class BacklogRecoveryBenchmark {

  static final int BACKLOG = Integer.getInteger("csp.benchmark.backlog", 2_000);
  /** Deals posted at most to build the backlog, should the job executors keep up better than expected. */
  static final int MOST_DEALS = Integer.getInteger("csp.benchmark.backlog-deals", 3 * BACKLOG);
  static final int CLIENTS = 16;
  /** How long a setting may take to run the dead node's jobs and the backlog after the kill. */
  static final Duration RECOVERY = Duration.ofMinutes(Long.getLong("csp.benchmark.backlog-minutes", 5));
  static final Duration BUILD = Duration.ofMinutes(5);
  /** Due now: what a job executor's acquisition may take (retries left, not suspended, due). */
  static final String DUE = "retries_ > 0 and suspension_state_ = 1 and (duedate_ is null or duedate_ <= now())";

  /** The job acquisition of a run: its engine properties, given to both nodes. */
  enum Setting {
    BEFORE("timers first, no other order", true, false, false),
    AFTER("by due date, due dates never null", false, true, true);

    final String acquisition;
    final boolean preferTimerJobs;
    final boolean acquireByDueDate;
    final boolean ensureDueDateNotNull;

    Setting(String acquisition, boolean preferTimerJobs, boolean acquireByDueDate, boolean ensureDueDateNotNull) {
      this.acquisition = acquisition;
      this.preferTimerJobs = preferTimerJobs;
      this.acquireByDueDate = acquireByDueDate;
      this.ensureDueDateNotNull = ensureDueDateNotNull;
    }

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    List<String> arguments() {
      String engine = "--camunda.bpm.generic-properties.properties.";
      return List.of(engine + "job-executor-prefer-timer-jobs=" + preferTimerJobs,
          engine + "job-executor-acquire-by-due-date=" + acquireByDueDate,
          engine + "ensure-job-due-date-not-null=" + ensureDueDateNotNull,
          // A stopped node's jobs to the head of the line (AbandonedJobs) goes with the order by due date.
          "--csp.cluster.abandoned-jobs-first=" + acquireByDueDate);
    }
  }

  /**
   * What one setting's run measured; seconds after the kill. ranAgain: each of A's jobs that ran again on
   * B, ascending, and split into those A had taken from the backlog and those it had locked as it made
   * them; neverRan: A's jobs not run within {@link #RECOVERY}; backlogRun NaN if the backlog was not.
   */
  record Outcome(Setting setting, int posted, double postSeconds, long dueAtKill, long withoutDueDate,
      double backlogOldestAge, double backlogMedianAge, int held, double heldMedianAge, int lockedAsMade,
      int ranOnDeadNode, List<Double> ranAgain, List<Double> takenRanAgain, List<Double> madeRanAgain, int neverRan,
      long waitingThen, long dueThen, double backlogRun, long backlogLeft) {

    /** The last of the dead node's jobs to run again; infinite if one did not run at all. */
    double max() {
      return neverRan > 0 || ranAgain.isEmpty() ? Double.POSITIVE_INFINITY : ranAgain.get(ranAgain.size() - 1);
    }
  }

  /** min / median / max of ascending seconds. */
  static String spread(List<Double> sorted) {
    return sorted.isEmpty() ? "-" : "%.1f / %.1f / %.1f".formatted(sorted.get(0), median(sorted),
        sorted.get(sorted.size() - 1));
  }

  @BeforeAll
  static void startMailServer() throws Exception {
    // The nodes send their task mails here (TwoNodeClusterTest.Node reads the server from its class).
    TwoNodeClusterTest.smtp = new GreenMail(new ServerSetup(Ports.free(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    TwoNodeClusterTest.smtp.start();
    Files.createDirectories(TwoNodeClusterTest.LOGS);
  }

  @AfterAll
  static void stopEverything() throws Exception {
    stopNodes();
    if (TwoNodeClusterTest.smtp != null) {
      TwoNodeClusterTest.smtp.stop();
    }
  }

  @Test
  void theDeadNodesJobsRunBeforeTheBacklog() throws Exception {
    long started = System.nanoTime();
    List<Outcome> outcomes = new ArrayList<>();
    for (Setting setting : Setting.values()) {
      try {
        outcomes.add(run(setting));
      } catch (Throwable t) {
        TwoNodeClusterTest.printLogTails();
        throw t;
      } finally {
        stopNodes();
      }
    }

    System.out.printf(Locale.ROOT, """

        == backlog recovery (PostgreSQL, %d cores, two nodes, node A killed with kill -9 under a backlog of %d due jobs;\
         survivor node B takes over; job lock %d s, 20 jobs per acquisition, %d clients posting) ==
        """, Runtime.getRuntime().availableProcessors(), BACKLOG, TwoNodeClusterTest.LOCK_SECONDS, CLIENTS);
    for (Outcome o : outcomes) {
      System.out.printf(Locale.ROOT, "%-6s (%s): %d deals posted in %.0f s; %d due jobs waiting at the kill (oldest"
              + " %.0f s, median %.0f s old, %d without a due date); A held %d (median %.0f s old: %d taken from the"
              + " backlog, %d locked by A as it made them%s); on B they ran again %s s after the kill (min / median /"
              + " max; taken %s, made %s%s), %d of the backlog still waiting when the last ran (%d jobs due then);"
              + " the backlog at the kill %s%n",
          o.setting().label(), o.setting().acquisition, o.posted(), o.postSeconds(), o.dueAtKill(), o.backlogOldestAge(),
          o.backlogMedianAge(), o.withoutDueDate(), o.held(), o.heldMedianAge(), o.held() - o.lockedAsMade(),
          o.lockedAsMade(), o.ranOnDeadNode() > 0 ? "; " + o.ranOnDeadNode() + " finished on A before it died" : "",
          spread(o.ranAgain()), spread(o.takenRanAgain()), spread(o.madeRanAgain()),
          o.neverRan() > 0 ? "; " + o.neverRan() + " not run within " + RECOVERY.toMinutes() + " min" : "",
          o.waitingThen(), o.dueThen(),
          Double.isNaN(o.backlogRun()) ? "not all run within " + RECOVERY.toMinutes() + " min (" + o.backlogLeft()
              + " left)" : "all run %.1f s after the kill".formatted(o.backlogRun()));
    }
    System.out.printf(Locale.ROOT, "whole run %.0f s%n%n", (System.nanoTime() - started) / 1e9);
    System.out.flush();

    Outcome after = outcomes.get(Setting.AFTER.ordinal());
    assertThat(after.withoutDueDate()).as("async jobs without a due date (ensure-job-due-date-not-null)").isZero();
    assertThat(after.max()).as("seconds after the kill until the dead node's last job ran again, by due date")
        .isLessThan(60);
  }

  private Outcome run(Setting setting) throws Exception {
    String databaseUrl = TestDatabase.recreateSibling("_backlog_" + setting.label());
    TwoNodeClusterTest.databaseUrl = databaseUrl;
    Node nodeA = new Node("node-a-" + setting.label(), setting.arguments());
    Node nodeB = new Node("node-b-" + setting.label(), setting.arguments());
    TwoNodeClusterTest.nodeA = nodeA;
    TwoNodeClusterTest.nodeB = nodeB;
    // The first node makes the schema; then the due-date index of the fix (Flyway V29 in main; a no-op there).
    nodeA.start();
    nodeA.awaitUp();
    TwoNodeClusterTest.db = DriverManager.getConnection(databaseUrl, TestDatabase.user(), TestDatabase.password());
    try (Statement statement = TwoNodeClusterTest.db.createStatement()) {
      statement.execute("create index if not exists act_idx_job_duedate on act_ru_job (duedate_)");
    }
    nodeB.start();
    nodeB.awaitUp();

    // The burst: clients post closed deals to both nodes as fast as they are answered, while both job
    // executors work, until the due jobs waiting reach the backlog (or MOST_DEALS are posted).
    AtomicBoolean enough = new AtomicBoolean();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger posted = new AtomicInteger();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    long burstStarted = System.nanoTime();
    List<Future<Void>> sent = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      sent.add(clients.submit(() -> {
        int i;
        while (!enough.get() && (i = next.getAndIncrement()) < MOST_DEALS) {
          String contract = "BACKLOG-" + setting.label().toUpperCase(Locale.ROOT) + "-%05d".formatted(i + 1);
          Answer answer = (i % 2 == 0 ? nodeA : nodeB).postHandoff(
              TwoNodeClusterTest.JSON.writeValueAsString(TwoNodeClusterTest.deal(i + 1, contract))).join();
          assertThat(answer.status()).as(contract + ": " + answer.body()).isIn(200, 201);
          posted.incrementAndGet();
        }
        return null;
      }));
    }
    clients.shutdown();
    while (!clients.isTerminated() && count("select count(*) from act_ru_job where " + DUE) < BACKLOG) {
      assertThat(System.nanoTime() - burstStarted).as("building the backlog").isLessThan(BUILD.toNanos());
      Thread.sleep(500);
    }
    enough.set(true);
    assertThat(clients.awaitTermination(90, TimeUnit.SECONDS)).as("the clients' last posts").isTrue();
    for (Future<Void> client : sent) {
      client.get();
    }
    double postSeconds = (System.nanoTime() - burstStarted) / 1e9;

    // Node A dies while it holds jobs: the backlog and the jobs it holds, then kill -9. Not counted: the
    // engine's history cleanup job, which lives on (rescheduled, never logged as done).
    TwoNodeClusterTest.awaitLockedJobs(nodeA.name);
    Timestamp lookedAt = new Timestamp(System.currentTimeMillis());
    Map<String, Timestamp> locks = new HashMap<>(TwoNodeClusterTest.lockedJobs(nodeA.name));
    List<String> backlog = ids("select id_ from act_ru_job where handler_type_ <> 'history-cleanup' and " + DUE);
    nodeA.process.destroyForcibly();
    long killedAt = System.currentTimeMillis();
    nodeA.process.waitFor(30, TimeUnit.SECONDS);
    locks.keySet().removeAll(ids("select id_ from act_ru_job where handler_type_ = 'history-cleanup'"));
    List<String> held = new ArrayList<>(locks.keySet());
    Array heldIds = array(held);
    Array backlogIds = array(backlog);
    long withoutDueDate = count("select count(*) from act_ru_job where id_ = any(?) and duedate_ is null", backlogIds);
    // A job that A made while it ran another of the same process instance (an exclusive follow-up) A locked
    // at once, to run it next in the same thread: its lock began when it was made. The others A took from
    // the backlog by acquisition.
    Map<String, Long> created = new HashMap<>();
    for (List<Object> row : TwoNodeClusterTest.rows("""
        select job_id_, min(timestamp_) from act_hi_job_log where job_id_ = any(?) and job_state_ = 0
        group by job_id_""", heldIds)) {
      created.put((String) row.get(0), ((Timestamp) row.get(1)).getTime());
    }
    Set<String> lockedAsMade = new HashSet<>();
    for (String job : held) {
      long lockedAt = locks.get(job).getTime() - TwoNodeClusterTest.LOCK_SECONDS * 1000L;
      if (created.containsKey(job) && lockedAt - created.get(job) < 2000) {
        lockedAsMade.add(job);
      }
    }

    // Node B takes over: when does each of A's jobs run (or fail) again, and when has the backlog run? A job
    // log entry is written before its transaction commits: what A finished just before the kill is found by
    // looking back over the lock time.
    Timestamp lockedSince = new Timestamp(lookedAt.getTime() - TwoNodeClusterTest.LOCK_SECONDS * 1000L);
    List<List<Object>> runs = List.of();
    int seen = -1;
    long waitingThen = -1;
    long dueThen = -1;
    double backlogRun = Double.NaN;
    long backlogLeft = backlog.size();
    long deadline = killedAt + RECOVERY.toMillis();
    while (System.currentTimeMillis() < deadline) {
      long now = System.currentTimeMillis();
      runs = TwoNodeClusterTest.rows("""
          select distinct on (job_id_) job_id_, timestamp_, hostname_ from act_hi_job_log
          where job_id_ = any(?) and job_state_ in (?, ?) and timestamp_ >= ? order by job_id_, timestamp_""",
          heldIds, TwoNodeClusterTest.JOB_FAILED, TwoNodeClusterTest.JOB_SUCCESSFUL, lockedSince);
      backlogLeft = count("select count(*) from act_ru_job where id_ = any(?) and exception_msg_ is null", backlogIds);
      if (runs.size() > seen) {
        // What was still waiting when the latest of A's jobs ran.
        seen = runs.size();
        waitingThen = backlogLeft;
        dueThen = count("select count(*) from act_ru_job where " + DUE);
      }
      if (backlogLeft == 0 && Double.isNaN(backlogRun)) {
        backlogRun = (now - killedAt) / 1000.0;
      }
      if (runs.size() == held.size() && !Double.isNaN(backlogRun)) {
        break;
      }
      Thread.sleep(250);
    }
    int ranOnDeadNode = 0;
    List<Double> ranAgain = new ArrayList<>();
    List<Double> takenRanAgain = new ArrayList<>();
    List<Double> madeRanAgain = new ArrayList<>();
    for (List<Object> run : runs) {
      if (nodeA.name.equals(run.get(2))) {
        ranOnDeadNode++;
        continue;
      }
      double seconds = (((Timestamp) run.get(1)).getTime() - killedAt) / 1000.0;
      ranAgain.add(seconds);
      (lockedAsMade.contains((String) run.get(0)) ? madeRanAgain : takenRanAgain).add(seconds);
    }
    Collections.sort(ranAgain);
    Collections.sort(takenRanAgain);
    Collections.sort(madeRanAgain);

    // The ages at the kill, from the job log's "created" entries (an async job before the fix has no due date).
    List<Double> backlogAges = ages(backlogIds, killedAt);
    List<Double> heldAges = ages(heldIds, killedAt);
    return new Outcome(setting, posted.get(), postSeconds, backlog.size(), withoutDueDate,
        backlogAges.isEmpty() ? Double.NaN : backlogAges.get(backlogAges.size() - 1), median(backlogAges), held.size(),
        median(heldAges), lockedAsMade.size(), ranOnDeadNode, ranAgain, takenRanAgain, madeRanAgain,
        held.size() - runs.size(), waitingThen, dueThen, backlogRun, backlogLeft);
  }

  /** Seconds between each job's creation and the moment, ascending. */
  private static List<Double> ages(Array ids, long at) throws Exception {
    List<Double> ages = new ArrayList<>();
    for (List<Object> created : TwoNodeClusterTest.rows("""
        select job_id_, min(timestamp_) from act_hi_job_log where job_id_ = any(?) and job_state_ = 0
        group by job_id_""", ids)) {
      ages.add((at - ((Timestamp) created.get(1)).getTime()) / 1000.0);
    }
    Collections.sort(ages);
    return ages;
  }

  private static double median(List<Double> sorted) {
    return sorted.isEmpty() ? Double.NaN : sorted.get((sorted.size() - 1) / 2);
  }

  private static List<String> ids(String sql) throws Exception {
    return TwoNodeClusterTest.rows(sql).stream().map(row -> (String) row.get(0)).toList();
  }

  private static Array array(List<String> ids) throws Exception {
    return TwoNodeClusterTest.db.createArrayOf("varchar", ids.toArray());
  }

  private static long count(String sql, Object... parameters) throws Exception {
    return TwoNodeClusterTest.count(sql, parameters);
  }

  private static void stopNodes() throws Exception {
    for (Node node : new Node[] {TwoNodeClusterTest.nodeA, TwoNodeClusterTest.nodeB}) {
      if (node != null) {
        node.stop();
      }
    }
    TwoNodeClusterTest.nodeA = null;
    TwoNodeClusterTest.nodeB = null;
    if (TwoNodeClusterTest.db != null) {
      TwoNodeClusterTest.db.close();
      TwoNodeClusterTest.db = null;
    }
  }
}
