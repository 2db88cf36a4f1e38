package io.csplaybooks.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.support.IntegrationTest;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;

/** The engine's history cleanup is scheduled: every night between 03:00 and 05:00, not never. */
class HistoryCleanupTest extends IntegrationTest {

  @Test
  void theCleanupRunsInTheNightlyWindow() {
    List<Job> cleanup = history.findHistoryCleanupJobs();

    assertThat(cleanup).isNotEmpty();
    assertThat(cleanup).allSatisfy(job -> {
      LocalTime due = job.getDuedate().toInstant().atZone(ZoneId.systemDefault()).toLocalTime();
      assertThat(due).isBetween(LocalTime.of(3, 0), LocalTime.of(5, 0));
    });
  }
}
