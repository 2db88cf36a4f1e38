package io.csplaybooks.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.benchmark.PlaybookHistoryData.Counts;
import io.csplaybooks.benchmark.PlaybookHistoryData.History;
import io.csplaybooks.common.EngineClock;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * How long the studio benchmark's history takes to make (not part of the test run): a year of the
 * sales handoff, by default 100,000 finished and 10,000 running handoffs, on PostgreSQL. Run it with
 * {@code mvn -B test -Pbenchmark -Dtest=PlaybookHistoryDataBenchmark} (sizes: -Dcsp.benchmark.finished=...,
 * -Dcsp.benchmark.running=...). It prints the figures, then deletes the history and prints that too.
 */
class PlaybookHistoryDataBenchmark extends Benchmark {

  @Autowired DataSource dataSource;

  @Test
  void fillsAndDeletesTheHistory() throws Exception {
    int finished = Integer.getInteger("csp.benchmark.finished", 100_000);
    int running = Integer.getInteger("csp.benchmark.running", 10_000);
    PlaybookHistoryData data = new PlaybookHistoryData(dataSource);

    long started = System.nanoTime();
    History history = data.fill(finished, running, EngineClock.now());
    double fill = (System.nanoTime() - started) / 1e9;
    Counts counts = data.count(history);
    started = System.nanoTime();
    data.delete(history);
    double delete = (System.nanoTime() - started) / 1e9;

    System.out.printf(Locale.ROOT, "%n== playbook history data benchmark (PostgreSQL, %d cores, load average %s) ==%n"
            + "filled %d finished and %d running handoffs in %.1f s: %d activity instances (%d open), %d tasks"
            + " (%d open), %d variables, %d gateway paths, %d accounts, contracts and handoffs%ndeleted in %.1f s%n%n",
        Runtime.getRuntime().availableProcessors(), loadAverage(), counts.finished(), counts.running(), fill,
        counts.activityInstances(), counts.openActivityInstances(), counts.taskInstances(), counts.openTasks(),
        counts.variables(), counts.paths(), counts.accounts(), delete);
    assertThat(counts.finished()).isEqualTo(finished);
    assertThat(counts.running()).isEqualTo(running);
    assertThat(data.count(history).activityInstances()).isZero();
  }

  /** Other work on the machine slows the figures down: the report says how busy it was. */
  private static String loadAverage() throws Exception {
    return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
  }
}
