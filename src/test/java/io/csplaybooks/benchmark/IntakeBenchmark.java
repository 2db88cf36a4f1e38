package io.csplaybooks.benchmark;

import io.csplaybooks.handoff.HandoffApiTestData;
import io.csplaybooks.support.IntegrationTest;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The intake benchmark (mvn -B test -Pbenchmark): N handoffs through POST /api/handoffs from 16
 * concurrent HTTP clients, the same number of starts of a process with the same wait states through
 * the engine API, and completing the resulting kickoff tasks through the REST API. Prints a table.
 * N: -Dcsp.benchmark.handoffs (default 2000).
 */
@Tag("benchmark")
class IntakeBenchmark extends IntegrationTest {

  static final int CLIENTS = 16;

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired RuntimeService runtime;
  @Autowired RepositoryService repository;
  @Autowired TaskService tasks;
  final ObjectMapper json = new ObjectMapper();
  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void intakeAgainstTheRawEngine() throws Exception {
    int n = Integer.getInteger("csp.benchmark.handoffs", 2000);
    String run = Long.toString(System.nanoTime(), 36);
    repository.createDeployment().addClasspathResource("benchmark/engine-baseline.bpmn").deploy();
    warmUp(run);

    List<Map<String, Object>> deals = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      deals.add(HandoffApiTestData.deal("BENCH-" + run + "-" + i));
    }
    AtomicInteger next = new AtomicInteger();
    Result intake = measure(n, () -> {
      Map<String, Object> deal = deals.get(next.getAndIncrement());
      HttpResponse<String> response = post("/api/handoffs", json.writeValueAsString(deal), "ada");
      if (response.statusCode() != 201) {
        throw new IllegalStateException("handoff answered " + response.statusCode() + ": " + response.body());
      }
      return null;
    });
    long stored = jdbc.sql("select count(*) from handoff where contract_id like :p").param("p", "BENCH-" + run + "-%")
        .query(Long.class).single();

    Date due = new Date(System.currentTimeMillis() + 14L * 86_400_000);
    Result baseline = measure(n, () -> {
      runtime.startProcessInstanceByKey("engine-baseline", Map.of("dueDate", due));
      return null;
    });

    List<Task> kickoffs = tasks.createTaskQuery().taskDefinitionKey("holdKickoff")
        .processInstanceBusinessKeyLike("BENCH-" + run + "-%").list();
    AtomicInteger nextTask = new AtomicInteger();
    String today = java.time.LocalDate.now().toString();
    Result completion = measure(kickoffs.size(), () -> {
      Task task = kickoffs.get(nextTask.getAndIncrement());
      String body = "{\"variables\":{\"kickoffHeldOn\":{\"value\":\"" + today + "\",\"type\":\"String\"}}}";
      HttpResponse<String> response = post("/engine-rest/task/" + task.getId() + "/submit-form", body, task.getAssignee());
      if (response.statusCode() != 204) {
        throw new IllegalStateException("submit-form answered " + response.statusCode() + ": " + response.body());
      }
      return null;
    });

    System.out.printf(Locale.ROOT, """

        == intake benchmark (PostgreSQL, %d cores, %d clients) ==
        %-34s %8s %10s %8s %8s %8s
        %-34s %8d %10.1f %8.1f %8.1f %8.1f
        %-34s %8d %10.1f %8.1f %8.1f %8.1f
        %-34s %8d %10.1f %8.1f %8.1f %8.1f
        handoffs stored: %d of %d; intake / baseline throughput: %.2f
        JVM peak RSS: %s; JVM uptime at end: %.1f s

        """,
        Runtime.getRuntime().availableProcessors(), CLIENTS,
        "", "count", "per second", "p50 ms", "p95 ms", "p99 ms",
        "handoff intake (POST /api/handoffs)", intake.count, intake.perSecond(), intake.p(50), intake.p(95), intake.p(99),
        "engine baseline (same wait states)", baseline.count, baseline.perSecond(), baseline.p(50), baseline.p(95), baseline.p(99),
        "kickoff completion (REST submit)", completion.count, completion.perSecond(), completion.p(50), completion.p(95),
        completion.p(99),
        stored, n, intake.perSecond() / baseline.perSecond(), peakRss(),
        ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
  }

  private void warmUp(String run) throws Exception {
    for (int i = 0; i < 50; i++) {
      post("/api/handoffs", json.writeValueAsString(HandoffApiTestData.deal("WARM-" + run + "-" + i)), "ada");
      runtime.startProcessInstanceByKey("engine-baseline", Map.of("dueDate", new Date(System.currentTimeMillis() + 86_400_000L)));
    }
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

  record Result(int count, double seconds, List<Long> nanos) {
    double perSecond() {
      return count / seconds;
    }

    double p(int percentile) {
      if (nanos.isEmpty()) {
        return 0;
      }
      int index = (int) Math.ceil(percentile / 100.0 * nanos.size()) - 1;
      return nanos.get(Math.max(0, index)) / 1e6;
    }
  }

  private Result measure(int count, Callable<Void> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    List<Callable<Void>> calls = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      calls.add(() -> {
        long start = System.nanoTime();
        call.call();
        latencies.add(System.nanoTime() - start);
        return null;
      });
    }
    long started = System.nanoTime();
    for (Future<Void> done : pool.invokeAll(calls)) {
      done.get();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    pool.shutdown();
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    return new Result(count, seconds, sorted);
  }

  private static String peakRss() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM"))
          .map(l -> l.replace("VmHWM:", "").trim()).findFirst().orElse("n/a");
    } catch (IOException e) {
      return "n/a";
    }
  }
}
