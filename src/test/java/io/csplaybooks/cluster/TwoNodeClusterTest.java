package io.csplaybooks.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.csplaybooks.CsPlaybooksApplication;
import io.csplaybooks.handoff.HandoffApiTestData;
import io.csplaybooks.support.Ports;
import io.csplaybooks.support.TestDatabase;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The app scales out as a homogeneous Camunda cluster: two nodes, each its own JVM with its own job
 * executor, on one PostgreSQL database. Closed deals come in through both nodes, every webhook twice
 * at once (a retry that lands on the other node); both job executors run the async steps, the task
 * mails and the kickoff timers. Afterwards each contract has one handoff and one playbook, every job
 * ran exactly once, and every mail went out once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodeClusterTest {

  /** Lean on purpose: the whole test runs in CI on two cores. */
  static final int HANDOFFS = Integer.getInteger("csp.cluster.handoffs", 120);
  static final int CLIENTS = 6;
  static final String CONTRACT_PREFIX = "CLUSTER-";
  static final String ACCOUNT_PREFIX = "Cluster Customer ";
  static final String CHAMPION_DOMAIN = "@cluster.example";
  static final String SALES_USER = "alex";
  static final String PASSWORD = "cluster-s3cret";
  static final Duration NODE_START = Duration.ofMinutes(3);
  static final Duration SETTLE = Duration.ofMinutes(2);
  static final Path LOGS = Path.of("target", "two-nodes");
  /** JobState in Camunda's history (org.camunda.bpm.engine.history.JobState). */
  static final int JOB_FAILED = 1;
  static final int JOB_SUCCESSFUL = 2;

  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  static long startedAt;
  static long nodesUpAt;
  static GreenMail smtp;
  static String databaseUrl;
  static Connection db;
  static Node nodeA;
  static Node nodeB;

  @BeforeAll
  static void startTwoNodes() throws Exception {
    startedAt = System.nanoTime();
    databaseUrl = TestDatabase.recreateSibling("_nodes");
    // The mail server both nodes send to, so the test sees every mail either of them sends.
    smtp = new GreenMail(new ServerSetup(Ports.free(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    Files.createDirectories(LOGS);
    nodeA = new Node("node-a");
    nodeB = new Node("node-b");
    try {
      // One after the other, as a rolling start does: the first node creates the schema, deploys the
      // playbooks and adds the demo people and accounts; the second finds them all there.
      nodeA.start();
      nodeA.awaitUp();
      nodeB.start();
      nodeB.awaitUp();
    } catch (Throwable t) {
      printLogTails();
      throw t;
    }
    nodesUpAt = System.nanoTime();
    db = DriverManager.getConnection(databaseUrl, TestDatabase.user(), TestDatabase.password());
  }

  @AfterAll
  static void stopTwoNodes() throws Exception {
    for (Node node : new Node[] {nodeA, nodeB}) {
      if (node != null) {
        node.stop();
      }
    }
    if (db != null) {
      db.close();
    }
    if (smtp != null) {
      smtp.stop();
    }
  }

  @Test
  @Order(1)
  void handoffsAndTimersThroughBothNodesRunExactlyOnce() throws Throwable {
    try {
      handoffsAndTimers();
    } catch (Throwable t) {
      printLogTails();
      throw t;
    }
  }

  /**
   * Then the bad days: the database goes away for a few seconds in the middle of a burst of deals,
   * and later a node is killed while it holds jobs. The API answers 503 with Retry-After while the
   * database is away; the jobs caught by the outage and the dead node's jobs run again within a
   * minute, on the node that is left; every deal, resent by its CRM, is handed off once.
   */
  @Test
  @Order(2)
  void aDatabaseOutageAndAKilledNodeDelayJobsByLessThanAMinute() throws Throwable {
    try {
      outageAndKill();
    } catch (Throwable t) {
      printLogTails();
      throw t;
    }
  }

  private void outageAndKill() throws Exception {
    String name = databaseUrl.substring(databaseUrl.lastIndexOf('/') + 1);
    // 1. The database goes away for four seconds while both nodes work through a burst.
    List<String> outage = contracts("OUTAGE-", RECOVERY_HANDOFFS);
    Timestamp burstStarted = new Timestamp(System.currentTimeMillis() - 1000);
    Map<String, CompletableFuture<Answer>> burst = send(outage, List.of(nodeA, nodeB));
    awaitLockedJobs(null);
    long restored;
    Answer duringOutage;
    try (Connection admin = DriverManager.getConnection(TestDatabase.serverUrl() + "postgres", TestDatabase.user(),
        TestDatabase.password())) {
      long ours = count("select pg_backend_pid()");
      try (PreparedStatement cut = admin.prepareStatement("alter database " + name + " with allow_connections false")) {
        cut.execute();
      }
      try (PreparedStatement kick = admin.prepareStatement(
          "select pg_terminate_backend(pid) from pg_stat_activity where datname = ? and pid <> ?")) {
        kick.setString(1, name);
        kick.setLong(2, ours);
        kick.execute();
      }
      duringOutage = nodeB.postHandoff(JSON.writeValueAsString(deal(9999, "OUTAGE-PROBE"))).join();
      Thread.sleep(4000);
      try (PreparedStatement back = admin.prepareStatement("alter database " + name + " with allow_connections true")) {
        back.execute();
      }
      restored = System.nanoTime();
    }
    assertThat(duringOutage.status()).as("while the database is away: " + duringOutage.body()).isEqualTo(503);
    assertThat(duringOutage.retryAfter()).isEqualTo("5");
    Map<String, Timestamp> caught = lockedJobs(null);
    double outageDelay = awaitRunAgain("jobs caught by the outage", caught, restored);
    resendFailed(burst, nodeB);
    awaitAllAtKickoff(outage);
    // No job lost a retry to the outage (every form of a lost connection is the database away): a job
    // whose failure was counted shows other retries in a later entry of its log than in its first, or,
    // waiting for its next try, other retries than when it was made.
    long lostRetry = count("""
        select count(*) from (select job_id_ from act_hi_job_log group by job_id_
          having count(distinct job_retries_) > 1 and min(timestamp_) >= ?) lost""", burstStarted)
        + count("""
        select count(*) from act_ru_job j join act_hi_job_log l on l.job_id_ = j.id_ and l.job_state_ = 0
        where j.retries_ <> l.job_retries_ and l.timestamp_ >= ?""", burstStarted);
    assertThat(lostRetry).as("jobs that lost a retry to the database outage").isZero();

    // 2. Node A is killed (kill -9) while it holds jobs; node B runs them once their lock expires.
    List<String> killed = contracts("KILLED-", RECOVERY_HANDOFFS);
    Map<String, CompletableFuture<Answer>> second = send(killed, List.of(nodeA));
    awaitLockedJobs(nodeA.name);
    Map<String, Timestamp> held = lockedJobs(nodeA.name);
    nodeA.process.destroyForcibly();
    long killedAt = System.nanoTime();
    double killDelay = awaitRunAgain("the killed node's jobs", held, killedAt);
    resendFailed(second, nodeB);
    awaitAllAtKickoff(killed);

    for (String contract : concat(outage, killed)) {
      assertThat(count("select count(*) from handoff where contract_id = ?", contract)).as(contract).isOne();
    }
    System.out.printf("Recovery: %d jobs caught by a 4 s database outage ran again %.1f s after it; %d jobs held by a"
        + " node killed with kill -9 ran again on the other node %.1f s after the kill (lock time %d s)%n",
        caught.size(), outageDelay, held.size(), killDelay, LOCK_SECONDS);
    assertThat(outageDelay).as("seconds until the outage's jobs ran again").isLessThan(60);
    assertThat(killDelay).as("seconds until the killed node's jobs ran again").isLessThan(60);
  }

  /** Lock time of the nodes' job executors (application.yaml). */
  static final int LOCK_SECONDS = 30;
  static final int RECOVERY_HANDOFFS = Integer.getInteger("csp.cluster.recovery-handoffs", 60);

  static List<String> contracts(String prefix, int n) {
    return IntStream.rangeClosed(1, n).mapToObj(i -> CONTRACT_PREFIX + prefix + "%04d".formatted(i)).toList();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static Map<String, CompletableFuture<Answer>> send(List<String> contracts, List<Node> nodes) throws IOException {
    Map<String, CompletableFuture<Answer>> sent = new TreeMap<>();
    for (int i = 0; i < contracts.size(); i++) {
      sent.put(contracts.get(i), nodes.get(i % nodes.size()).postHandoff(JSON.writeValueAsString(
          resendable(contracts.get(i)))));
    }
    return sent;
  }

  /** The CRM resends what was not answered 200 or 201 (refused while the database was away, lost with the node). */
  private static void resendFailed(Map<String, CompletableFuture<Answer>> sent, Node to) throws Exception {
    for (Map.Entry<String, CompletableFuture<Answer>> deal : sent.entrySet()) {
      Answer answer;
      try {
        answer = deal.getValue().get(60, TimeUnit.SECONDS);
      } catch (Exception lost) {
        answer = null;
      }
      if (answer == null || (answer.status() != 200 && answer.status() != 201)) {
        // The same deal again, as a CRM retries: a changed one would be a conflict (409).
        Answer again = to.postHandoff(JSON.writeValueAsString(resendable(deal.getKey()))).join();
        assertThat(again.status()).as("resent " + deal.getKey() + ": " + again.body()).isIn(200, 201);
      }
    }
  }

  static void awaitLockedJobs(String owner) throws Exception {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    while (lockedJobs(owner).isEmpty()) {
      assertThat(System.nanoTime()).as("jobs locked by " + (owner == null ? "a node" : owner)).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  /** Jobs locked now (by the owner, or by any node), with their lock's expiry. */
  static Map<String, Timestamp> lockedJobs(String owner) throws SQLException {
    Map<String, Timestamp> locked = new HashMap<>();
    for (List<Object> row : rows("select id_, lock_exp_time_ from act_ru_job where lock_exp_time_ > ?"
        + (owner == null ? "" : " and lock_owner_ = '" + owner + "'"), new Timestamp(System.currentTimeMillis()))) {
      locked.put((String) row.get(0), (Timestamp) row.get(1));
    }
    return locked;
  }

  /** Seconds from the event until none of the jobs is held by its old lock: each ran, or was taken again. */
  private static double awaitRunAgain(String what, Map<String, Timestamp> jobs, long since) throws Exception {
    long deadline = since + Duration.ofMinutes(3).toNanos();
    while (true) {
      long still = 0;
      for (Map.Entry<String, Timestamp> job : jobs.entrySet()) {
        still += count("select count(*) from act_ru_job where id_ = ? and lock_exp_time_ = ?", job.getKey(), job.getValue());
      }
      if (still == 0) {
        return (System.nanoTime() - since) / 1e9;
      }
      assertThat(System.nanoTime()).as(what + ": " + still + " still waiting for their old lock").isLessThan(deadline);
      Thread.sleep(250);
    }
  }

  private void awaitAllAtKickoff(List<String> contracts) throws Exception {
    String first = contracts.get(0);
    String prefix = first.substring(0, first.length() - 4) + "%";
    awaitQuietAllowingFailures("the handoffs' kickoffs", () -> count("""
        select count(*) from act_ru_task t join handoff h on h.process_instance_id = t.proc_inst_id_
        where h.contract_id like ? and t.task_def_key_ = 'holdKickoff'""", prefix) == contracts.size());
  }

  private void handoffsAndTimers() throws Exception {
    List<String> contracts = IntStream.rangeClosed(1, HANDOFFS)
        .mapToObj(i -> CONTRACT_PREFIX + "%04d".formatted(i)).toList();

    // Intake: clients alternate between the nodes; every deal is also sent to the other node at the
    // same moment, as a webhook retry that a load balancer routes elsewhere.
    Map<String, List<Answer>> answers = new ConcurrentHashMap<>();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<?>> sent = new ArrayList<>();
      for (int i = 0; i < contracts.size(); i++) {
        String contractId = contracts.get(i);
        Node first = i % 2 == 0 ? nodeA : nodeB;
        Node retry = first == nodeA ? nodeB : nodeA;
        String body = JSON.writeValueAsString(deal(i + 1, contractId));
        sent.add(clients.submit(() -> {
          CompletableFuture<Answer> one = first.postHandoff(body);
          CompletableFuture<Answer> two = retry.postHandoff(body);
          answers.put(contractId, List.of(one.join(), two.join()));
        }));
      }
      for (Future<?> f : sent) {
        f.get(SETTLE.toSeconds(), TimeUnit.SECONDS);
      }
    } finally {
      clients.shutdownNow();
    }
    for (String contractId : contracts) {
      List<Answer> pair = answers.get(contractId);
      assertThat(pair).as("answers for %s: %s", contractId, pair)
          .extracting(Answer::status).containsExactlyInAnyOrder(201, 200);
      assertThat(pair.get(0).handoffId()).as("both answers for %s name one handoff", contractId)
          .isEqualTo(pair.get(1).handoffId());
    }

    // Both job executors work off the async steps: mail to the CSM, the introduction, the task mails.
    awaitQuiet("the handoffs' async steps", () -> count("""
        select count(*) from act_hi_actinst a join handoff h on h.process_instance_id = a.proc_inst_id_
        where h.contract_id like ? and a.act_id_ = 'introduceCsmToCustomer' and a.end_time_ is not null""",
        CONTRACT_PREFIX + "%") == HANDOFFS);

    // Time passes: the kickoff deadline of every handoff is reached at once, on both nodes.
    int timers = update("""
        update act_ru_job j set duedate_ = ? from act_ru_jobdef d, handoff h
        where d.id_ = j.job_def_id_ and d.act_id_ = 'kickoffOverdue'
          and h.process_instance_id = j.process_instance_id_ and h.contract_id like ?""",
        new Timestamp(System.currentTimeMillis() - 1000), CONTRACT_PREFIX + "%");
    assertThat(timers).as("kickoff timers waiting").isEqualTo(HANDOFFS);
    awaitQuiet("the kickoff timers", () -> count("""
        select count(*) from act_ru_task t join handoff h on h.process_instance_id = t.proc_inst_id_
        where h.contract_id like ? and t.task_def_key_ = 'followUpOverdueKickoff'""", CONTRACT_PREFIX + "%")
        == HANDOFFS);

    // One handoff, one account, one handoff playbook and one renewal per contract; none lost.
    String ours = CONTRACT_PREFIX + "%";
    assertThat(rows("select contract_id, count(*) from handoff where contract_id like ? group by contract_id", ours))
        .extracting(r -> r.get(0)).containsExactlyInAnyOrderElementsOf(contracts);
    assertThat(count("select count(*) from handoff where contract_id like ?", ours)).isEqualTo(HANDOFFS);
    assertThat(count("select count(*) from account where crm_account_id like ?", "CRM-" + ours)).isEqualTo(HANDOFFS);
    assertThat(count("""
        select count(*) from act_hi_procinst where proc_def_key_ = 'sales-handoff' and business_key_ like ?""", ours))
        .isEqualTo(HANDOFFS);
    assertThat(count("""
        select count(distinct business_key_) from act_hi_procinst
        where proc_def_key_ = 'sales-handoff' and business_key_ like ?""", ours)).isEqualTo(HANDOFFS);
    assertThat(count("""
        select count(*) from handoff h join act_hi_procinst p on p.id_ = h.process_instance_id
        where h.contract_id like ? and p.business_key_ = h.contract_id""", ours)).isEqualTo(HANDOFFS);
    assertThat(count("select count(*) from renewal where contract_id like ?", ours)).isEqualTo(HANDOFFS);
    assertThat(count("""
        select count(*) from act_hi_procinst p join handoff h on p.business_key_ = cast(h.account_id as varchar)
        where p.proc_def_key_ = 'renewal' and h.contract_id like ?""", ours)).isEqualTo(HANDOFFS);
    Map<String, Long> openTasks = countsBy("""
        select t.task_def_key_, count(*) from act_ru_task t join handoff h on h.process_instance_id = t.proc_inst_id_
        where h.contract_id like ? group by t.task_def_key_""", ours);
    assertThat(openTasks).isEqualTo(Map.of("holdKickoff", (long) HANDOFFS, "followUpOverdueKickoff", (long) HANDOFFS));

    // Every job ran exactly once and none failed, on either node; no incident anywhere. (The engine's
    // history cleanup keeps one job that it reschedules after each run, within its nightly window,
    // 03:00-05:00: a run of this test in the window sees it succeed several times.)
    assertThat(rows("""
        select job_id_, count(*) from act_hi_job_log where job_state_ = ? and job_def_type_ <> 'history-cleanup'
        group by job_id_ having count(*) > 1""",
        JOB_SUCCESSFUL)).as("jobs that ran more than once").isEmpty();
    assertThat(rows("select job_id_, act_id_, hostname_, job_exception_msg_ from act_hi_job_log where job_state_ = ?",
        JOB_FAILED)).as("failed job runs").isEmpty();
    assertThat(rows("select id_, incident_type_, activity_id_, incident_msg_ from act_ru_incident"))
        .as("incidents").isEmpty();
    assertThat(count("""
        select count(distinct l.job_id_) from act_hi_job_log l join handoff h on h.process_instance_id = l.process_instance_id_
        where h.contract_id like ? and not exists (
          select 1 from act_hi_job_log s where s.job_id_ = l.job_id_ and s.job_state_ = ?)""", ours, JOB_SUCCESSFUL))
        .as("handoff jobs that never ran").isZero();
    // What ran per handoff, from bpmn/sales-handoff.bpmn: the async continuation after "Contract
    // closed in CRM", the two mail steps (a job each, before the send) and the "Kickoff overdue" timer;
    // and the renewal's async "Open renewal". The CSMs hear of their tasks in digests (no job of the
    // handoff's own): none of these tasks is urgent.
    Map<String, Long> ranPerStep = countsBy("""
        select l.act_id_, count(*) from act_hi_job_log l join handoff h on h.process_instance_id = l.process_instance_id_
        where h.contract_id like ? and l.job_state_ = ? group by l.act_id_""", ours, JOB_SUCCESSFUL);
    long n = HANDOFFS;
    assertThat(ranPerStep).isEqualTo(Map.of("startContractClosed", n, "notifyCsmOfNewAccount", n,
        "introduceCsmToCustomer", n, "kickoffOverdue", n));
    assertThat(count("""
        select count(*) from act_hi_job_log l join renewal r on r.process_instance_id = l.process_instance_id_
        where r.contract_id like ? and l.act_id_ = 'openRenewal' and l.job_state_ = ?""", ours, JOB_SUCCESSFUL))
        .isEqualTo(HANDOFFS);
    Map<String, Long> perNode = countsBy("""
        select hostname_, count(*) from act_hi_job_log where job_state_ = ? group by hostname_""", JOB_SUCCESSFUL);
    Map<String, Long> handoffJobsPerNode = countsBy("""
        select l.hostname_, count(*) from act_hi_job_log l join handoff h on h.process_instance_id = l.process_instance_id_
        where h.contract_id like ? and l.job_state_ = ? group by l.hostname_""", ours, JOB_SUCCESSFUL);
    assertThat(perNode.keySet()).as("the hosts that ran jobs").containsExactlyInAnyOrder(nodeA.name, nodeB.name);
    assertThat(handoffJobsPerNode.keySet()).as("the hosts that ran the handoffs' jobs")
        .containsExactlyInAnyOrder(nodeA.name, nodeB.name);
    Map<String, Long> timersPerNode = countsBy("""
        select l.hostname_, count(*) from act_hi_job_log l join handoff h on h.process_instance_id = l.process_instance_id_
        where h.contract_id like ? and l.job_state_ = ? and l.act_id_ = 'kickoffOverdue' group by l.hostname_""",
        ours, JOB_SUCCESSFUL);

    // Every mail went out once: what the handoffs' steps call for, and each open task told to each of
    // its people once, in a mail of its own or in a digest with others, no more.
    awaitQuiet("the people told of their tasks", () -> count("select count(*) from task_notice") == 0
        && count("select count(*) from act_ru_job where handler_type_ in ('csp-task-notification', 'csp-task-digest')")
        == 0);
    Map<String, Long> expected = expectedMails();
    Map<String, List<String>> expectedTasks = expectedTasks();
    Set<String> ourTasks = new HashSet<>();
    expectedTasks.values().forEach(ourTasks::addAll);
    Map<String, Long> received = new TreeMap<>();
    Map<String, List<String>> told = new TreeMap<>();
    Map<String, Long> toldBeyondTheList = new TreeMap<>();
    Map<String, Long> copies = new HashMap<>();
    for (MimeMessage message : smtp.getReceivedMessages()) {
      String subject = message.getSubject();
      String body = body(message);
      // GreenMail keeps one copy per recipient mailbox.
      for (Address to : message.getAllRecipients()) {
        copies.merge(to + "\n" + subject + "\n" + body, 1L, Long::sum);
        if (subject.startsWith("New account: " + ACCOUNT_PREFIX) || to.toString().endsWith(CHAMPION_DOMAIN)) {
          received.merge(to.toString(), 1L, Long::sum);
          continue;
        }
        Matcher link = TASK_LINK.matcher(body);
        while (link.find()) {
          if (ourTasks.contains(link.group(1))) {
            told.computeIfAbsent(to.toString(), k -> new ArrayList<>()).add(link.group(1));
          }
        }
        // A digest lists 100 tasks and counts the rest ("... and 20 more", with the inbox's link).
        Matcher more = MORE_TASKS.matcher(body);
        if (more.find()) {
          toldBeyondTheList.merge(to.toString(), Long.parseLong(more.group(1)), Long::sum);
        }
      }
    }
    assertThat(copies.entrySet()).as("mails sent more than once").filteredOn(e -> e.getValue() > 1).isEmpty();
    assertThat(received).as("mails per recipient").isEqualTo(expected);
    assertThat(told.keySet()).as("who was told of tasks").isEqualTo(expectedTasks.keySet());
    told.forEach((to, listed) -> {
      assertThat(listed).as("tasks listed to %s, each once", to).doesNotHaveDuplicates()
          .isSubsetOf(expectedTasks.get(to));
      assertThat(listed.size() + toldBeyondTheList.getOrDefault(to, 0L)).as("tasks told to %s", to)
          .isEqualTo(expectedTasks.get(to).size());
    });

    // A duplicate that got as far as inserting its account before the unique key stopped it leaves a
    // gap in the account ids (a rolled-back identity value is not reused): how often the race was real.
    long raced = count("select max(id) - min(id) + 1 - count(*) from account where crm_account_id like ?", "CRM-" + ours);
    long seconds = Duration.ofNanos(System.nanoTime() - startedAt).toSeconds();
    System.out.printf("Two nodes: %d handoffs (%d posts: %d created, %d existing; %d duplicates raced to the database),"
            + " %d jobs each run once (%s; handoff jobs %s), %d kickoff timers fired (%s), %d mails, %d s (nodes up in %d s)%n",
        HANDOFFS, 2 * HANDOFFS, HANDOFFS, HANDOFFS, raced, perNode.values().stream().mapToLong(Long::longValue).sum(),
        perNode, handoffJobsPerNode, timers, timersPerNode, received.values().stream().mapToLong(Long::longValue).sum(),
        seconds, Duration.ofNanos(nodesUpAt - startedAt).toSeconds());
  }

  /**
   * Per recipient, the handoffs' step mails, read from the engine: "Tell CSM about new account" mails
   * the CSM; "Introduce CSM to customer" mails the contact it recorded.
   */
  private Map<String, Long> expectedMails() throws SQLException {
    String ours = CONTRACT_PREFIX + "%";
    Map<String, Long> expected = new TreeMap<>();
    for (List<Object> csm : rows("""
        select h.contract_id, u.email_ from handoff h join account a on a.id = h.account_id
        join act_id_user u on u.id_ = a.csm_id
        join act_hi_actinst s on s.proc_inst_id_ = h.process_instance_id and s.act_id_ = 'notifyCsmOfNewAccount'
        where h.contract_id like ? and s.end_time_ is not null""", ours)) {
      expected.merge((String) csm.get(1), 1L, Long::sum);
    }
    for (List<Object> contact : rows("""
        select v.id_, v.text_ from act_hi_varinst v join handoff h on h.process_instance_id = v.proc_inst_id_
        where h.contract_id like ? and v.name_ = 'customerIntroducedTo' and v.text_ is not null""", ours)) {
      expected.merge((String) contact.get(1), 1L, Long::sum);
    }
    return expected;
  }

  /**
   * Per recipient, the open tasks of the handoffs they are told of (as TaskDigests and its jobs do): a
   * task's assignee, else every member of its candidate groups who has an address.
   */
  private Map<String, List<String>> expectedTasks() throws SQLException {
    String ours = CONTRACT_PREFIX + "%";
    Map<String, List<String>> expected = new TreeMap<>();
    for (List<Object> task : rows("""
        select t.id_, u.email_ from act_ru_task t join handoff h on h.process_instance_id = t.proc_inst_id_
        join act_id_user u on u.id_ = t.assignee_ where h.contract_id like ?""", ours)) {
      expected.computeIfAbsent((String) task.get(1), k -> new ArrayList<>()).add((String) task.get(0));
    }
    for (List<Object> task : rows("""
        select distinct t.id_, u.email_ from act_ru_task t join handoff h on h.process_instance_id = t.proc_inst_id_
        join act_ru_identitylink i on i.task_id_ = t.id_ and i.type_ = 'candidate'
        join act_id_membership m on m.group_id_ = i.group_id_ join act_id_user u on u.id_ = m.user_id_
        where h.contract_id like ? and t.assignee_ is null and u.email_ <> ''""", ours)) {
      expected.computeIfAbsent((String) task.get(1), k -> new ArrayList<>()).add((String) task.get(0));
    }
    return expected;
  }

  /** A task's link in a mail: its page in the workspace. */
  private static final Pattern TASK_LINK = Pattern.compile("/tasks/([0-9a-f-]{36})");
  private static final Pattern MORE_TASKS = Pattern.compile("\\.\\.\\. and (\\d+) more");

  /** A complete closed deal (CS straight away: enterprise EMEA, no CS manager review), its own customer. */
  /** The deal of a contract the CRM may send again: the same each time. */
  private static Map<String, Object> resendable(String contractId) {
    return deal(10_000 + Math.floorMod(contractId.hashCode(), 10_000), contractId);
  }

  static Map<String, Object> deal(int number, String contractId) {
    Map<String, Object> deal = HandoffApiTestData.deal(contractId);
    deal.put("account", Map.of("name", ACCOUNT_PREFIX + number, "segment", "enterprise", "region", "EMEA",
        "crmAccountId", "CRM-" + contractId));
    deal.put("accountExecutive", SALES_USER);
    deal.put("stakeholders", List.of(
        Map.of("name", "Champion " + number, "role", "champion", "email", "champion-" + number + CHAMPION_DOMAIN),
        Map.of("name", "Sponsor " + number, "role", "executive-sponsor", "email", "sponsor-" + number + CHAMPION_DOMAIN)));
    return deal;
  }

  /** Polls until done, failing at once when a job fails; then waits until no job is due on either node. */
  private void awaitQuiet(String what, SqlCondition done) throws Exception {
    awaitQuiet(what, done, true);
  }

  /** The same, where jobs may have failed on the way (they are retried). */
  private void awaitQuietAllowingFailures(String what, SqlCondition done) throws Exception {
    awaitQuiet(what, done, false);
  }

  private void awaitQuiet(String what, SqlCondition done, boolean noFailures) throws Exception {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    while (true) {
      List<List<Object>> failing = rows("select id_, exception_msg_ from act_ru_job where exception_msg_ is not null"
          + " and retries_ = 0");
      if (noFailures) {
        failing = rows("select id_, exception_msg_ from act_ru_job where exception_msg_ is not null");
      }
      if (!failing.isEmpty()) {
        fail("jobs failed while waiting for " + what + ": " + failing);
      }
      long due = count("""
          select count(*) from act_ru_job where retries_ > 0 and suspension_state_ = 1
          and (duedate_ is null or duedate_ <= ?)""", new Timestamp(System.currentTimeMillis()));
      if (due == 0 && done.holds()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        fail("still waiting for " + what + " after " + SETTLE + " (" + due + " jobs due)");
      }
      Thread.sleep(500);
    }
  }

  interface SqlCondition {
    boolean holds() throws SQLException;
  }

  static long count(String sql, Object... parameters) throws SQLException {
    return ((Number) rows(sql, parameters).get(0).get(0)).longValue();
  }

  private static Map<String, Long> countsBy(String sql, Object... parameters) throws SQLException {
    return rows(sql, parameters).stream().collect(Collectors.toMap(
        r -> String.valueOf(r.get(0)), r -> ((Number) r.get(1)).longValue(), Long::sum, TreeMap::new));
  }

  static List<List<Object>> rows(String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = db.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet result = statement.executeQuery()) {
        List<List<Object>> rows = new ArrayList<>();
        int columns = result.getMetaData().getColumnCount();
        while (result.next()) {
          List<Object> row = new ArrayList<>();
          for (int c = 1; c <= columns; c++) {
            row.add(result.getObject(c));
          }
          rows.add(row);
        }
        return rows;
      }
    }
  }

  private static int update(String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = db.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      return statement.executeUpdate();
    }
  }

  private static String body(MimeMessage message) {
    try {
      return String.valueOf(message.getContent());
    } catch (IOException | MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  record Answer(int status, long handoffId, String body, String retryAfter) {}

  /** One application node: a JVM of its own, from the test's classpath, logging to target/two-nodes. */
  static final class Node {

    final String name;
    final int port = Ports.free();
    final Path log;
    /** Further command-line properties of this node (a benchmark's engine settings), after the ones below. */
    final List<String> extraArguments;
    Process process;

    Node(String name) {
      this(name, List.of());
    }

    Node(String name, List<String> extraArguments) {
      this.name = name;
      this.log = LOGS.resolve(name + ".log");
      this.extraArguments = List.copyOf(extraArguments);
    }

    void start() throws IOException {
      // The application as it ships: its classes and dependencies, not the test classes.
      String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
          .filter(entry -> !entry.endsWith("test-classes"))
          .collect(Collectors.joining(File.pathSeparator));
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
          "-cp", classpath, CsPlaybooksApplication.class.getName(),
          "--server.port=" + port,
          // Demo people (alex in sales, carol and casey in the enterprise EMEA pod, maria a CS manager)
          // on the production database profile.
          "--spring.profiles.active=demo,postgres",
          // No demo mailbox inside each node: both send to the test's SMTP server.
          "--csp.demo.mailbox.enabled=false",
          "--spring.mail.host=127.0.0.1",
          "--spring.mail.port=" + smtp.getSmtp().getPort(),
          // The job log's HOSTNAME_ says which node ran a job, act_ru_job.lock_owner_ which holds one.
          "--camunda.bpm.generic-properties.properties.hostname=" + name,
          "--csp.cluster.node-name=" + name,
          // An idle job executor looks for due jobs at least every 5 s (default: up to a minute), so
          // timers moved by the test are found quickly.
          "--camunda.bpm.job-execution.max-wait=5000",
          // No nightly portfolio run in the middle of the test.
          "--csp.health.portfolio-cron=-"));
      command.addAll(extraArguments);
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(log.toFile());
      builder.environment().put("CSP_DB_URL", databaseUrl);
      builder.environment().put("CSP_DB_USER", TestDatabase.user());
      builder.environment().put("CSP_DB_PASSWORD", TestDatabase.password());
      builder.environment().put("CSP_DEMO_PASSWORD", PASSWORD);
      process = builder.start();
      // Should the test JVM itself be stopped, the node goes with it.
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
    }

    void awaitUp() throws Exception {
      long deadline = System.nanoTime() + NODE_START.toNanos();
      HttpRequest health = HttpRequest.newBuilder(uri("/actuator/health")).timeout(Duration.ofSeconds(5)).build();
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          fail(name + " exited with " + process.exitValue() + " while starting; see " + log);
        }
        try {
          HttpResponse<String> response = HTTP.send(health, HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
            return;
          }
        } catch (IOException e) {
          // not listening yet
        }
        Thread.sleep(500);
      }
      fail(name + " not up after " + NODE_START + "; see " + log);
    }

    CompletableFuture<Answer> postHandoff(String json) {
      String credentials = Base64.getEncoder().encodeToString((SALES_USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
      HttpRequest request = HttpRequest.newBuilder(uri("/api/handoffs"))
          .timeout(Duration.ofSeconds(60))
          .header("Authorization", "Basic " + credentials)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json))
          .build();
      return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
        long handoffId = -1;
        if (response.statusCode() == 200 || response.statusCode() == 201) {
          try {
            JsonNode view = JSON.readTree(response.body());
            handoffId = view.get("handoffId").asLong();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
        return new Answer(response.statusCode(), handoffId, response.body(),
            response.headers().firstValue("Retry-After").orElse(null));
      });
    }

    URI uri(String path) {
      return URI.create("http://127.0.0.1:" + port + path);
    }

    void stop() throws InterruptedException {
      if (process == null) {
        return;
      }
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }

    String tail(int lines) {
      try {
        List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
      } catch (IOException e) {
        return "(no log: " + e.getMessage() + ")";
      }
    }
  }

  static void printLogTails() {
    for (Node node : new Node[] {nodeA, nodeB}) {
      if (node != null) {
        System.out.println("----- last lines of " + node.log + " -----\n" + node.tail(80));
      }
    }
  }
}
