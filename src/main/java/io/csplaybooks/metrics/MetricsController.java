package io.csplaybooks.metrics;

import io.csplaybooks.common.EngineClock;
import io.csplaybooks.common.InvalidInputException;
import io.csplaybooks.renewal.Retention;
import io.csplaybooks.security.Groups;
import io.csplaybooks.security.People;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The numbers a CS team reports: retention (GRR, NRR), logo churn and expansion of the renewals due
 * in the period, the renewal pipeline by month and forecast, health distribution, time to first
 * value, and each CSM's workload. Computed from stored outcomes with set-based queries.
 */
@RestController
public class MetricsController {

  public record Workload(String csm, String name, int accounts, long openTasks) {}

  public record Metrics(LocalDate from, LocalDate to, Retention.Figures retention,
      List<MetricsQueries.PipelineRow> renewalPipeline, Map<String, Integer> healthDistribution,
      Double averageTimeToFirstValueDays, List<Workload> csmWorkload) {}

  private final MetricsQueries queries;
  private final People people;
  private final TaskService tasks;

  public MetricsController(MetricsQueries queries, People people, TaskService tasks) {
    this.queries = queries;
    this.people = people;
    this.tasks = tasks;
  }

  @GetMapping("/api/metrics")
  public Metrics metrics(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
    LocalDate end = date("to", to, EngineClock.today());
    LocalDate start = date("from", from, end.minusYears(1));
    if (start.isAfter(end)) {
      throw new InvalidInputException("from", "must not be after to");
    }
    Map<String, Integer> accountsPerCsm = queries.accountsPerCsm();
    List<Workload> workload = people.membersOf(Groups.CS).stream()
        .map(csm -> new Workload(csm.id(), csm.displayName(), accountsPerCsm.getOrDefault(csm.id(), 0),
            tasks.createTaskQuery().taskAssignee(csm.id()).count()))
        .toList();
    return new Metrics(start, end, Retention.of(queries.decidedRenewals(start, end)), queries.renewalPipeline(),
        queries.healthDistribution(), queries.averageTimeToFirstValueDays(start, end), workload);
  }

  private static LocalDate date(String field, String value, LocalDate fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return LocalDate.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(field, "must be a date (YYYY-MM-DD)");
    }
  }
}
