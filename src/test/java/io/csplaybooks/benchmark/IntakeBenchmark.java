package io.csplaybooks.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.handoff.HandoffApiTestData;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The intake benchmark: N handoffs through POST /api/handoffs from 16 concurrent HTTP clients; the
 * same number of starts, through the engine API, of a trivial process that leaves the same wait
 * state behind (an async continuation); the job executor running the handoff playbooks on to their
 * kickoff tasks; completing those kickoffs through the REST API. N: -Dcsp.benchmark.handoffs
 * (default 2000).
 */
class IntakeBenchmark extends Benchmark {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired RuntimeService runtime;
  @Autowired RepositoryService repository;
  @Autowired TaskService tasks;
  @Autowired AuthorizationService authorizations;
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
    Result intake = postHandoffs("BENCH-" + run + "-", n);
    long stored = jdbc.sql("select count(*) from handoff where contract_id like :p").param("p", "BENCH-" + run + "-%")
        .query(Long.class).single();

    // Then the job executor runs every handoff playbook on to its kickoff task.
    long resumed = System.nanoTime();
    executor.start();
    String kickoffs = "BENCH-" + run + "-%";
    waitUntil("the handoffs' kickoff tasks", Duration.ofMinutes(20), () -> tasks.createTaskQuery()
        .taskDefinitionKey("holdKickoff").processInstanceBusinessKeyLike(kickoffs).count() == n);
    double toKickoff = (System.nanoTime() - resumed) / 1e9;
    drain();
    double toQuiet = (System.nanoTime() - resumed) / 1e9;

    // In production the two share the machine: intake while the job executor works through it.
    int busyCount = Math.max(1, n / 2);
    long busyStarted = System.nanoTime();
    Result busy = postHandoffs("BUSY-" + run + "-", busyCount);
    drain();
    double busyQuiet = (System.nanoTime() - busyStarted) / 1e9;

    List<Task> open = tasks.createTaskQuery().taskDefinitionKey("holdKickoff").processInstanceBusinessKeyLike(kickoffs)
        .list();
    AtomicInteger nextTask = new AtomicInteger();
    String today = LocalDate.now().toString();
    Result completion = measure(open.size(), () -> {
      Task task = open.get(nextTask.getAndIncrement());
      String body = "{\"variables\":{\"kickoffHeldOn\":{\"value\":\"" + today + "\",\"type\":\"String\"}}}";
      HttpResponse<String> response = post("/engine-rest/task/" + task.getId() + "/submit-form", body, task.getAssignee());
      if (response.statusCode() != 204) {
        throw new IllegalStateException("submit-form answered " + response.statusCode() + ": " + response.body());
      }
      return null;
    });
    drain();

    System.out.printf(Locale.ROOT, """

        == intake benchmark (PostgreSQL, %d cores, %d clients; job executor: %s) ==
        %-46s %8s %10s %8s %8s %8s
        %-46s %8d %10.1f %8.1f %8.1f %8.1f
        %-46s %8d %10.1f %8.1f %8.1f %8.1f
        %-46s %8d %10.1f %8.1f %8.1f %8.1f
        %-46s %8d %10.1f %8.1f %8.1f %8.1f
        %-46s %8d %10.1f %8.1f %8.1f %8.1f
        handoffs stored: %d of %d; intake / baseline throughput: %.2f
        job executor, resumed: all %d handoffs at their kickoff task after %.1f s (%.1f/s); no job left after %.1f s
        intake with the job executor running: %d handoffs posted and every job done in %.1f s (%.1f/s end to end)
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
        "kickoff completion (REST submit-form)", completion.count(), completion.perSecond(), completion.p(50),
        completion.p(95), completion.p(99),
        stored, n, intake.perSecond() / baseline.perSecond(), n, toKickoff, n / toKickoff, toQuiet,
        busyCount, busyQuiet, busyCount / busyQuiet, peakRss(), startup());
    assertThat(stored).isEqualTo(n);
    assertThat(open).hasSize(n);
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
