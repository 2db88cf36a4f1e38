package io.csplaybooks.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.common.EngineClock;
import io.csplaybooks.support.WorkspaceClient;
import java.time.LocalDate;
import javax.sql.DataSource;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The playbook studio's page of the sales handoff with a year of history in the engine's tables:
 * 100,000 finished and 10,000 running handoffs (2.4 million steps, a million ways taken out of its
 * gateways; {@link PlaybookHistoryData}), one request at a time as a CS manager clicks. Target: the
 * studio page under 1 s for the year (its default period). Also a quarter, one version, a step's
 * waiting accounts, and the analytics API. {@code -Dcsp.benchmark.keep=true} keeps the history
 * afterwards (to study the queries).
 */
class StudioBenchmark extends Benchmark {

  static final int FINISHED = Integer.getInteger("csp.benchmark.finished", 100_000);
  static final int RUNNING = Integer.getInteger("csp.benchmark.running", 10_000);

  @Autowired DataSource dataSource;
  @Autowired RepositoryService repository;
  @LocalServerPort int port;

  @Test
  void theHandoffsStudioWithAYearOfHistory() {
    PlaybookHistoryData data = new PlaybookHistoryData(dataSource);
    long filling = System.nanoTime();
    PlaybookHistoryData.History history = data.fill(FINISHED, RUNNING, EngineClock.now());
    System.out.printf("%n== Playbook studio: the sales handoff, %,d finished and %,d running in a year of history"
        + " (filled in %.1f s: %s)%n", FINISHED, RUNNING, (System.nanoTime() - filling) / 1e9, data.count(history));
    try {
      WorkspaceClient manager = new WorkspaceClient(port);
      assertThat(manager.login("mia", PASSWORD).statusCode()).isEqualTo(302);
      String quarter = "?from=" + LocalDate.now().minusMonths(3) + "&to=" + LocalDate.now();
      int version = repository.createProcessDefinitionQuery().processDefinitionKey("sales-handoff").latestVersion()
          .singleResult().getVersion();
      double year = PageTimer.time("studio, a year", i -> manager.get("/studio/playbooks/sales-handoff"));
      PageTimer.time("studio, a quarter", i -> manager.get("/studio/playbooks/sales-handoff" + quarter));
      PageTimer.time("studio, one version", i -> manager.get("/studio/playbooks/sales-handoff?version=" + version));
      PageTimer.time("studio, waiting in a step", i -> manager.get("/studio/playbooks/sales-handoff?step=holdKickoff"));
      PageTimer.time("analytics API, all history", i -> manager.getApi("/api/playbooks/sales-handoff/analytics", "mia",
          PASSWORD));
      System.out.printf("studio page for a year: %.0f ms median, target under 1000 ms%n", year);
    } finally {
      if (!Boolean.getBoolean("csp.benchmark.keep")) {
        data.delete(history);
      }
    }
  }
}
