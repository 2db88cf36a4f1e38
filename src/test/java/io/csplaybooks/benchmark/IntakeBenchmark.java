package io.csplaybooks.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.csplaybooks.handoff.HandoffApiTestData;
import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.PlaybookEvent;
import io.csplaybooks.playbook.PlaybookEvents;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.text.SimpleDateFormat;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The intake benchmark: N handoffs through POST /api/handoffs from 16 concurrent HTTP clients; the
 * same number of starts, through the engine API, of a trivial process that leaves the same wait
 * state behind (an async continuation); the job executor running the handoff playbooks on to their
 * kickoff tasks; the same job executor running N instances of a raw-engine process of the handoff's
 * shape (same jobs per instance, steps that do nothing) on to their user task, for the engine's own
 * drain beside ours; completing those kickoffs through the REST API. N: -Dcsp.benchmark.handoffs
 * (default 2000).
 */
class IntakeBenchmark extends Benchmark {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired RuntimeService runtime;
  @Autowired RepositoryService repository;
  @Autowired TaskService tasks;
  @Autowired AuthorizationService authorizations;
  @Autowired PlaybookEvents events;
  final ObjectMapper json = new ObjectMapper();
  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void intakeAgainstTheRawEngine() throws Exception {
    int n = Integer.getInteger("csp.benchmark.handoffs", 2000);
    String run = Long.toString(System.nanoTime(), 36);
    // The start form names the one variable a person's REST start may set (PersonCommandGuard).
    repository.createDeployment().addClasspathResource("benchmark/engine-baseline.bpmn")
        .addClasspathResource("benchmark/engine-baseline.form").deploy();
    grantBaselineStart("ada");
    repository.createDeployment().name("engine-same-shape").addModelInstance("engine-same-shape.bpmn", sameShape())
        .addModelInstance("engine-same-shape-now.bpmn", sameShapeNow())
        .addModelInstance("engine-same-shape-term.bpmn", sameShapeTerm()).deploy();
    warmUp(run);

    // Like for like: the webhook's transaction against a raw start that leaves the same wait behind,
    // with the job executor paused so that neither shares the machine with the work after it.
    JobExecutor executor = engineConfiguration.getJobExecutor();
    executor.shutdown();
    Date due = new Date(System.currentTimeMillis() + 14L * 86_400_000);
    Result baseline = measure(n, () -> {
      runtime.startProcessInstanceByKey("engine-baseline", Map.of("dueDate", due));
      return null;
    });
    String start = "{\"variables\":{\"dueDate\":{\"value\":\"" + new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
        .format(due) + "\",\"type\":\"Date\"}}}";
    Result baselineRest = measure(n, () -> {
      HttpResponse<String> response = post("/engine-rest/process-definition/key/engine-baseline/start", start, "ada");
      if (response.statusCode() != 200) {
        throw new IllegalStateException("engine REST start answered " + response.statusCode() + ": " + response.body());
      }
      return null;
    });
    // The baseline's waits run now, so that the handoffs' drain below is the handoffs' alone.
    executor.start();
    drain();
    executor.shutdown();
    Timestamp handoffsFrom = now();
    Result intake = postHandoffs("BENCH-" + run + "-", n);
    long stored = jdbc.sql("select count(*) from handoff where contract_id like :p").param("p", "BENCH-" + run + "-%")
        .query(Long.class).single();

    // Then the job executor runs every handoff playbook on to its kickoff task.
    boolean drainOnly = Boolean.getBoolean("csp.benchmark.drain-only");
    if (drainOnly) {
      // For profiling the drain alone: PostgreSQL's statement statistics from here (pg_stat_statements
      // must be in shared_preload_libraries).
      jdbc.sql("create extension if not exists pg_stat_statements").update();
      jdbc.sql("select pg_stat_statements_reset()").query().singleRow();
    }
    // PostgreSQL's statistics as autovacuum would have them in production (this machine runs without
    // it): without them the planner reads a variable's execution through a bitmap of every variable.
    jdbc.sql("analyze").update();
    long digestsBefore = mailsSent("digest:");
    long ownBefore = mailsSent("task:");
    long resumed = System.nanoTime();
    executor.start();
    String kickoffs = "BENCH-" + run + "-%";
    waitUntil("the handoffs' kickoff tasks", Duration.ofMinutes(20), () -> tasks.createTaskQuery()
        .taskDefinitionKey("holdKickoff").processInstanceBusinessKeyLike(kickoffs).count() == n);
    double toKickoff = (System.nanoTime() - resumed) / 1e9;
    drain();
    double toQuiet = (System.nanoTime() - resumed) / 1e9;
    waitUntil("the CSMs to be told", Duration.ofMinutes(10), this::everyoneTold);
    double toTold = (System.nanoTime() - resumed) / 1e9;
    if (drainOnly) {
      System.out.printf(Locale.ROOT, "%n== drain only: all %d handoffs at their kickoff task after %.1f s (%.1f/s); no job left"
          + " after %.1f s; told after %.1f s; jobs made per handoff: %s ==%n", n, toKickoff, n / toKickoff, toQuiet, toTold,
          jobsPerInstance(handoffsFrom, now(), n));
      return;
    }
    String handoffJobs = jobsPerInstance(handoffsFrom, now(), n);

    // The raw engine's drain of the same shape, right after ours, with the same job executor settings:
    // the handoff's shape when issue 29 was filed, and its shape now.
    double[] shape = sameShapeDrain("engine-same-shape", "SHAPE-" + run + "-", n, due);
    String shapeJobs = jobsPerInstance(new Timestamp((long) shape[2]), new Timestamp((long) shape[3]), n);
    double[] shapeNow = sameShapeDrain("engine-same-shape-now", "SHAPENOW-" + run + "-", n, due);
    String shapeNowJobs = jobsPerInstance(new Timestamp((long) shapeNow[2]), new Timestamp((long) shapeNow[3]), n);
    double shapeToTask = shape[0];
    double shapeToQuiet = shape[1];

    // In production the two share the machine: intake while the job executor works through it.
    int busyCount = Math.max(1, n / 2);
    long busyStarted = System.nanoTime();
    Result busy = postHandoffs("BUSY-" + run + "-", busyCount);
    drain();
    double busyQuiet = (System.nanoTime() - busyStarted) / 1e9;

    // People's clicks through the engine's REST API, as Tasklist sends them: the raw engine's trivial
    // task, then the CSMs' kickoffs, QBR outcomes and risk diagnoses. Like the intake, with the job
    // executor paused while they are measured: what a click starts runs afterwards, as jobs.
    String today = LocalDate.now().toString();
    Result baselineClick = complete(tasks.createTaskQuery().processDefinitionKey("engine-baseline")
        .taskDefinitionKey("baselineTask").listPage(0, n), "complete", "{}", "carl");
    List<Task> open = tasks.createTaskQuery().taskDefinitionKey("holdKickoff").processInstanceBusinessKeyLike(kickoffs)
        .list();
    int kickoffCount = open.size();
    Result kickoff = complete(open, "submit-form",
        "{\"variables\":{\"kickoffHeldOn\":{\"value\":\"" + today + "\",\"type\":\"String\"}}}", null);
    drain();
    List<String> accounts = jdbc.sql("select cast(account_id as varchar) from handoff where contract_id like :p")
        .param("p", kickoffs).query(String.class).list();
    Result qbr = complete(qbrOutcomesOf(accounts), "submit-form", "{\"variables\":{\"qbrHeldOn\":{\"value\":\""
        + today + "\",\"type\":\"String\"},\"outcomeNotes\":{\"value\":\"Agreed the next quarter's goals\","
        + "\"type\":\"String\"}}}", null);
    Result diagnosis = complete(riskDiagnosesOf(accounts), "submit-form", "{\"variables\":{\"reasonLowAdoption\":"
        + "{\"value\":true,\"type\":\"Boolean\"},\"diagnosisNotes\":{\"value\":\"Two teams never started\","
        + "\"type\":\"String\"}}}", null);
    drain();

    System.out.printf(Locale.ROOT, """

        == intake benchmark (PostgreSQL, %d cores, %d clients; job executor: %s) ==
        %-46s %8s %10s %8s %8s %8s
        %-46s %8d %10.1f %8.1f %8.1f %8.1f
        %-46s %8d %10.1f %8.1f %8.1f %8.1f
        %-46s %8d %10.1f %8.1f %8.1f %8.1f
        %-46s %8d %10.1f %8.1f %8.1f %8.1f
        %-46s %8d %10.1f %8.1f %8.1f %8.1f
        %-46s %8d %10.1f %8.1f %8.1f %8.1f
        %-46s %8d %10.1f %8.1f %8.1f %8.1f
        %-46s %8d %10.1f %8.1f %8.1f %8.1f
        handoffs stored: %d of %d; intake / baseline throughput: %.2f
        job executor, resumed: all %d handoffs at their kickoff task after %.1f s (%.1f/s); no job left after %.1f s
        every CSM told of their kickoff tasks (digests) after %.1f s: %d digest mails, %d mails of a task's own
        raw engine, the handoff's shape as issue 29 found it: all %d instances at their task after %.1f s (%.1f/s); no job left after %.1f s
        raw engine, the handoff's shape now: all %d instances at their task after %.1f s (%.1f/s); no job left after %.1f s
        drain to the kickoff, ours / raw engine's shape as found: %.2f (to no job left: %.2f); / shape now: %.2f (%.2f)
        jobs made per handoff: %s
        jobs made per same-shape instance as found: %s
        jobs made per same-shape instance now: %s
        intake with the job executor running: %d handoffs posted and every job done in %.1f s (%.1f/s end to end)
        people's clicks: 16 users, job executor paused while measured; what each click starts then ran as jobs
        JVM peak RSS: %s; application start-up: %s

        """,
        Runtime.getRuntime().availableProcessors(), CLIENTS, jobExecutorSettings(),
        "", "count", "per second", "p50 ms", "p95 ms", "p99 ms",
        "engine baseline (start, async wait; paused JE)", baseline.count(), baseline.perSecond(), baseline.p(50),
        baseline.p(95), baseline.p(99),
        "same start through /engine-rest (HTTP, auth)", baselineRest.count(), baselineRest.perSecond(),
        baselineRest.p(50), baselineRest.p(95), baselineRest.p(99),
        "handoff intake (POST /api/handoffs; paused JE)", intake.count(), intake.perSecond(), intake.p(50),
        intake.p(95), intake.p(99),
        "handoff intake while the job executor works", busy.count(), busy.perSecond(), busy.p(50), busy.p(95),
        busy.p(99),
        "engine baseline: complete a task (REST)", baselineClick.count(), baselineClick.perSecond(),
        baselineClick.p(50), baselineClick.p(95), baselineClick.p(99),
        "hold kickoff (REST submit-form)", kickoff.count(), kickoff.perSecond(), kickoff.p(50), kickoff.p(95),
        kickoff.p(99),
        "record QBR outcome (REST submit-form)", qbr.count(), qbr.perSecond(), qbr.p(50), qbr.p(95), qbr.p(99),
        "diagnose risk (REST submit-form)", diagnosis.count(), diagnosis.perSecond(), diagnosis.p(50),
        diagnosis.p(95), diagnosis.p(99),
        stored, n, intake.perSecond() / baseline.perSecond(), n, toKickoff, n / toKickoff, toQuiet,
        toTold, mailsSent("digest:") - digestsBefore, mailsSent("task:") - ownBefore,
        n, shapeToTask, n / shapeToTask, shapeToQuiet, n, shapeNow[0], n / shapeNow[0], shapeNow[1],
        shapeToTask / toKickoff, shapeToQuiet / toQuiet, shapeNow[0] / toKickoff, shapeNow[1] / toQuiet,
        handoffJobs, shapeJobs, shapeNowJobs,
        busyCount, busyQuiet, busyCount / busyQuiet, peakRss(), startup());
    assertThat(stored).isEqualTo(n);
    assertThat(kickoffCount).isEqualTo(n);
    assertThat(qbr.count()).isEqualTo(n);
    assertThat(diagnosis.count()).isEqualTo(n);
  }

  /**
   * Completes the tasks through /engine-rest from 16 clients, each as its assignee (or {@code user}),
   * with the job executor paused, then lets it run what the clicks started.
   */
  private Result complete(List<Task> open, String action, String body, String user) throws Exception {
    AtomicInteger next = new AtomicInteger();
    JobExecutor executor = engineConfiguration.getJobExecutor();
    executor.shutdown();
    try {
      return clicks(open, next, action, body, user);
    } finally {
      executor.start();
      drain();
    }
  }

  private Result clicks(List<Task> open, AtomicInteger next, String action, String body, String user) throws Exception {
    return measure(open.size(), () -> {
      Task task = open.get(next.getAndIncrement());
      HttpResponse<String> response = post("/engine-rest/task/" + task.getId() + "/" + action, body,
          user != null ? user : task.getAssignee());
      if (response.statusCode() != 204) {
        throw new IllegalStateException(action + " answered " + response.statusCode() + ": " + response.body());
      }
      return null;
    });
  }

  /** Each account's QBR cycle, started as onboarding's end starts it, up to its "Record QBR outcome". */
  private List<Task> qbrOutcomesOf(List<String> accounts) throws Exception {
    for (String account : accounts) {
      events.publish(PlaybookEvent.ONBOARDING_COMPLETED, AccountId.of(Long.parseLong(account)), Map.of());
    }
    drain();
    // The preparation windows open now rather than in a few weeks.
    for (Job window : management.createJobQuery().timers().activityId("preparationWindowOpens").list()) {
      management.setJobDuedate(window.getId(), new Date());
    }
    drain();
    for (Task prepare : tasks.createTaskQuery().taskDefinitionKey("scheduleAndPrepareQbr")
        .processInstanceBusinessKeyIn(accounts.toArray(String[]::new)).list()) {
      tasks.complete(prepare.getId(), Map.of("preparationNotes", "Agenda sent"));
    }
    drain();
    return tasks.createTaskQuery().taskDefinitionKey("recordQbrOutcome")
        .processInstanceBusinessKeyIn(accounts.toArray(String[]::new)).list();
  }

  /** Each account's CSM flags a risk: a save play opens with its "Diagnose risk". */
  private List<Task> riskDiagnosesOf(List<String> accounts) throws Exception {
    AtomicInteger next = new AtomicInteger();
    measure(accounts.size(), () -> {
      String account = accounts.get(next.getAndIncrement());
      String csm = jdbc.sql("select csm_id from account where id = :id").param("id", Long.parseLong(account))
          .query(String.class).single();
      HttpResponse<String> response = post("/api/accounts/" + account + "/risk",
          "{\"reason\":\"Usage fell by half this month\"}", csm);
      if (response.statusCode() != 202) {
        throw new IllegalStateException("risk flag answered " + response.statusCode() + ": " + response.body());
      }
      return null;
    });
    drain();
    return tasks.createTaskQuery().taskDefinitionKey("diagnoseRisk")
        .processInstanceBusinessKeyIn(accounts.toArray(String[]::new)).list();
  }

  /**
   * A handoff's shape in the raw engine, as act_hi_job_log counted a handoff's jobs up to its kickoff
   * task when issue 29 was filed: an async start (the webhook's transaction ends there); the contract
   * term's playbook started on the way (here by a signal, {@link #sameShapeTerm()}); the steps that run
   * in that first job (register, score, decide the pod, pick, assign: expressions that do nothing);
   * then two mail-like steps, each async before and after, beside the kickoff task with its
   * non-interrupting timer and a mail-like job for the person (the task notification then, here an
   * async step that does nothing). The user task names nobody, so that no notification of ours is
   * added to it. Per instance: 7 jobs run, 2 timers made.
   */
  static BpmnModelInstance sameShape() {
    return sameShape("engine-same-shape", true);
  }

  /**
   * A handoff's shape now: the mail steps are async before only (a mail's key in mail_sent makes a
   * retry harmless) and the person hears of the task in a digest, no job of its own. Per instance: 4
   * jobs run, 2 timers made.
   */
  static BpmnModelInstance sameShapeNow() {
    return sameShape("engine-same-shape-now", false);
  }

  private static BpmnModelInstance sameShape(String key, boolean asFiled) {
    var split = Bpmn.createExecutableProcess(key).name("Engine same shape").camundaHistoryTimeToLive(1)
        .startEvent("sameShapeStart").camundaAsyncAfter()
        .intermediateThrowEvent("sameShapeTermStarted").signal("SameShapeTermStarted")
        .serviceTask("sameShapeScore").camundaExpression("${true}")
        .serviceTask("sameShapeDecide").camundaExpression("${true}")
        .serviceTask("sameShapePick").camundaExpression("${true}")
        .serviceTask("sameShapeAssign").camundaExpression("${true}")
        .parallelGateway("sameShapeSplit");
    var mailOne = split.serviceTask("sameShapeMailOne").camundaAsyncBefore().camundaExpression("${true}");
    if (asFiled) {
      mailOne.camundaAsyncAfter();
    }
    var mailTwo = mailOne.serviceTask("sameShapeMailTwo").camundaAsyncBefore().camundaExpression("${true}");
    if (asFiled) {
      mailTwo.camundaAsyncAfter();
    }
    var kickoff = mailTwo.endEvent("sameShapeMailed")
        .moveToNode("sameShapeSplit")
        .subProcess("sameShapeKickoff").embeddedSubProcess()
        .startEvent("sameShapeKickoffStart")
        .parallelGateway("sameShapeKickoffSplit")
        .userTask("sameShapeTask").name("Wait").camundaDueDate("${dueDate}")
        .boundaryEvent("sameShapeOverdue").cancelActivity(false).timerWithDuration("P14D").endEvent("sameShapeFollowedUp")
        .moveToActivity("sameShapeTask").endEvent("sameShapeTaskDone")
        .moveToNode("sameShapeKickoffSplit");
    var told = asFiled ? kickoff.serviceTask("sameShapeTellPerson").camundaAsyncBefore().camundaExpression("${true}")
        .endEvent("sameShapeTold") : kickoff.endEvent("sameShapeTold");
    return told.subProcessDone().endEvent("sameShapeDone").done();
  }

  /**
   * Starts n instances of a same-shape process with the job executor paused, then lets it run them.
   *
   * @return seconds to every instance at its task, seconds to no job left, and the start and end of
   *     the run (epoch milliseconds) for counting its jobs
   */
  private double[] sameShapeDrain(String key, String businessKeys, int n, Date due) throws Exception {
    JobExecutor executor = engineConfiguration.getJobExecutor();
    executor.shutdown();
    Timestamp from = now();
    AtomicInteger next = new AtomicInteger();
    measure(n, () -> {
      runtime.startProcessInstanceByKey(key, businessKeys + next.getAndIncrement(), Map.of("dueDate", due));
      return null;
    });
    jdbc.sql("analyze").update();
    long resumed = System.nanoTime();
    executor.start();
    waitUntil("the same-shape instances' tasks", Duration.ofMinutes(20), () -> tasks.createTaskQuery()
        .taskDefinitionKey("sameShapeTask").processInstanceBusinessKeyLike(businessKeys + "%").count() == n);
    double toTask = (System.nanoTime() - resumed) / 1e9;
    drain();
    double toQuiet = (System.nanoTime() - resumed) / 1e9;
    return new double[] {toTask, toQuiet, from.getTime(), now().getTime()};
  }

  /** The contract term's playbook in the raw engine: started by the signal, an async step, then a timer. */
  static BpmnModelInstance sameShapeTerm() {
    return Bpmn.createExecutableProcess("engine-same-shape-term").name("Engine same shape: term")
        .camundaHistoryTimeToLive(1)
        .startEvent("sameShapeTermStart").signal("SameShapeTermStarted")
        .serviceTask("sameShapeOpenTerm").camundaAsyncBefore().camundaExpression("${true}")
        .intermediateCatchEvent("sameShapeTermWindow").timerWithDuration("P300D")
        .endEvent("sameShapeTermDone")
        .done();
  }

  /**
   * The jobs made between two moments (act_hi_job_log), per instance: async continuations by their
   * kind, other jobs by their handler, timers together.
   */
  private String jobsPerInstance(Timestamp from, Timestamp to, int instances) {
    return jdbc.sql("""
            select case when job_def_type_ like 'timer%' then 'timers'
                        when job_def_type_ = 'async-continuation' then job_def_configuration_
                        else job_def_type_ end kind, count(*) made
            from act_hi_job_log
            where job_state_ = 0 and timestamp_ >= :from and timestamp_ <= :to
              and process_def_key_ <> 'engine-baseline'
            group by 1 order by 1""")
        .param("from", from).param("to", to)
        .query((row, i) -> String.format(Locale.ROOT, "%s %.2f", row.getString("kind"),
            row.getLong("made") / (double) instances))
        .list().stream().reduce((a, b) -> a + ", " + b).orElse("none");
  }

  private static Timestamp now() {
    return new Timestamp(System.currentTimeMillis());
  }

  /** The engine REST baseline runs as the same user as the intake. */
  private void grantBaselineStart(String user) {
    if (authorizations.createAuthorizationQuery().userIdIn(user).resourceType(Resources.PROCESS_DEFINITION)
        .resourceId("engine-baseline").count() > 0) {
      return;
    }
    Authorization definition = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    definition.setUserId(user);
    definition.setResource(Resources.PROCESS_DEFINITION);
    definition.setResourceId("engine-baseline");
    definition.addPermission(Permissions.READ);
    definition.addPermission(Permissions.CREATE_INSTANCE);
    authorizations.saveAuthorization(definition);
    Authorization instances = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    instances.setUserId(user);
    instances.setResource(Resources.PROCESS_INSTANCE);
    instances.setResourceId("*");
    instances.addPermission(Permissions.CREATE);
    authorizations.saveAuthorization(instances);
  }

  private Result postHandoffs(String prefix, int count) throws Exception {
    List<String> deals = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      deals.add(json.writeValueAsString(HandoffApiTestData.deal(prefix + i)));
    }
    AtomicInteger next = new AtomicInteger();
    return measure(count, () -> {
      HttpResponse<String> response = post("/api/handoffs", deals.get(next.getAndIncrement()), "ada");
      if (response.statusCode() != 201) {
        throw new IllegalStateException("handoff answered " + response.statusCode() + ": " + response.body());
      }
      return null;
    });
  }

  /** Waits until the job executor has nothing left to do (and nothing failed). */
  private void drain() throws InterruptedException {
    waitUntil("the job executor to run every due job", Duration.ofMinutes(20),
        () -> management.createJobQuery().executable().count() == 0);
    assertThat(management.createJobQuery().withException().count()).as("failed jobs").isZero();
  }

  private void warmUp(String run) throws Exception {
    for (int i = 0; i < 50; i++) {
      post("/api/handoffs", json.writeValueAsString(HandoffApiTestData.deal("WARM-" + run + "-" + i)), "ada");
      runtime.startProcessInstanceByKey("engine-baseline", Map.of("dueDate", new Date(System.currentTimeMillis() + 86_400_000L)));
    }
    drain();
  }

  private HttpResponse<String> post(String path, String body, String user) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/json")
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD)
            .getBytes(StandardCharsets.UTF_8)))
        .timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
