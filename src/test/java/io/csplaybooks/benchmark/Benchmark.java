package io.csplaybooks.benchmark;

import io.csplaybooks.support.IntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.junit.jupiter.api.Tag;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.test.context.TestPropertySource;

/**
 * The benchmarks (mvn -B test -Pbenchmark): the whole application on PostgreSQL with its job
 * executor running, as in production. They print figures; they assert only that the work was done.
 */
@Tag("benchmark")
@TestPropertySource(properties = {"camunda.bpm.job-execution.enabled=true", "csp.task-digest.poll=PT5S"})
@Import(Benchmark.StartupClock.class)
abstract class Benchmark extends IntegrationTest {

  static final int CLIENTS = 16;

  /** How long the application context took to start (Spring's "Started ... in"), for the report. */
  static volatile Duration startup;

  @TestConfiguration
  static class StartupClock {
    @EventListener
    void ready(ApplicationReadyEvent event) {
      startup = event.getTimeTaken();
    }
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

  /** Runs {@code count} calls from {@link #CLIENTS} threads; throughput and each call's latency. */
  static Result measure(int count, Callable<Void> call) throws Exception {
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
    try {
      for (Future<Void> done : pool.invokeAll(calls)) {
        done.get();
      }
    } finally {
      pool.shutdown();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    return new Result(count, seconds, sorted);
  }

  /** Seconds until the condition holds; fails after the timeout. */
  static double waitUntil(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long started = System.nanoTime();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - started > timeout.toNanos()) {
        throw new IllegalStateException("gave up waiting for " + what + " after " + timeout);
      }
      Thread.sleep(100);
    }
    return (System.nanoTime() - started) / 1e9;
  }

  @Autowired ProcessEngineConfigurationImpl engineConfiguration;
  @Autowired JdbcClient benchmarkJdbc;

  private JdbcClient jdbc() {
    return benchmarkJdbc;
  }
  @Autowired @Qualifier("camundaTaskExecutor") ThreadPoolTaskExecutor jobThreads;
  @Value("${camunda.bpm.history-level}") String historyLevel;

  /** The job executor's settings in this run, for the report. */
  String jobExecutorSettings() {
    JobExecutor executor = engineConfiguration.getJobExecutor();
    return ("threads %d-%d, queue %d, %d jobs per acquisition, idle wait %d ms, backoff %d ms, timers first %s, by due date"
        + " %s; history %s")
        .formatted(jobThreads.getCorePoolSize(), jobThreads.getMaxPoolSize(), jobThreads.getQueueCapacity(),
            executor.getMaxJobsPerAcquisition(), executor.getWaitTimeInMillis(), executor.getBackoffTimeInMillis(),
            engineConfiguration.isJobExecutorPreferTimerJobs(), engineConfiguration.isJobExecutorAcquireByDueDate(),
            historyLevel);
  }

  /** Whether every task noted so far has been told (no notice left, no notification or digest job left). */
  boolean everyoneTold() {
    return jdbc().sql("select count(*) from task_notice").query(Long.class).single() == 0
        && jdbc().sql("select count(*) from act_ru_job where handler_type_ in ('csp-task-notification', 'csp-task-digest')")
            .query(Long.class).single() == 0;
  }

  /** Mails sent so far whose key starts so (mail_sent): "digest:" for digests, "task:" for a task's own. */
  long mailsSent(String keyPrefix) {
    return jdbc().sql("select count(*) from mail_sent where mail_key like :prefix").param("prefix", keyPrefix + "%")
        .query(Long.class).single();
  }

  static String peakRss() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM"))
          .map(l -> l.replace("VmHWM:", "").trim()).findFirst().orElse("n/a");
    } catch (IOException e) {
      return "n/a";
    }
  }

  static String startup() {
    return startup == null ? "n/a (context started by an earlier test)" : "%.1f s".formatted(startup.toMillis() / 1000.0);
  }
}
