package io.csplaybooks.renewal;

import io.csplaybooks.common.InvalidInputException;
import io.csplaybooks.security.Groups;
import io.csplaybooks.security.People;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.springframework.jdbc.core.simple.JdbcClient;
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

  public record PipelineRow(int year, int month, String forecast, int renewals, BigDecimal arr) {}

  public record Workload(String csm, String name, int accounts, long openTasks) {}

  public record Metrics(LocalDate from, LocalDate to, Retention.Figures retention, List<PipelineRow> renewalPipeline,
      Map<String, Integer> healthDistribution, Double averageTimeToFirstValueDays, List<Workload> csmWorkload) {}

  private final JdbcClient jdbc;
  private final People people;
  private final TaskService tasks;

  public MetricsController(JdbcClient jdbc, People people, TaskService tasks) {
    this.jdbc = jdbc;
    this.people = people;
    this.tasks = tasks;
  }

  @GetMapping("/api/metrics")
  public Metrics metrics(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
    LocalDate end = date("to", to, LocalDate.now());
    LocalDate start = date("from", from, end.minusYears(1));
    if (start.isAfter(end)) {
      throw new InvalidInputException("from", "must not be after to");
    }
    List<Retention.Decided> cohort = jdbc.sql("""
            select arr_before, arr_after, outcome from renewal
            where outcome is not null and renewal_date between :from and :to""")
        .param("from", Date.valueOf(start)).param("to", Date.valueOf(end))
        .query((rs, n) -> new Retention.Decided(rs.getBigDecimal("arr_before"), rs.getBigDecimal("arr_after"),
            rs.getString("outcome")))
        .list();
    List<PipelineRow> pipeline = jdbc.sql("""
            select extract(year from renewal_date) as y, extract(month from renewal_date) as m,
                   coalesce(forecast, 'not forecast') as f, count(*) as n, sum(arr_before) as arr
            from renewal where outcome is null
            group by extract(year from renewal_date), extract(month from renewal_date), coalesce(forecast, 'not forecast')
            order by y, m, f""")
        .query((rs, n) -> new PipelineRow(rs.getInt("y"), rs.getInt("m"), rs.getString("f"), rs.getInt("n"),
            rs.getBigDecimal("arr")))
        .list();
    Map<String, Integer> health = new LinkedHashMap<>();
    jdbc.sql("""
            select coalesce(health_band, 'unscored') as band, count(*) as n from account
            where lifecycle_stage <> 'churned' group by coalesce(health_band, 'unscored') order by band""")
        .query((rs, n) -> health.put(rs.getString("band"), rs.getInt("n"))).list();
    Double ttfv = jdbc.sql("""
            select avg(cast(time_to_first_value_days as double precision)) from account
            where first_value_on between :from and :to""")
        .param("from", Date.valueOf(start)).param("to", Date.valueOf(end))
        .query(Double.class).optional().orElse(null);
    Map<String, Integer> accountsPerCsm = new LinkedHashMap<>();
    jdbc.sql("select csm_id, count(*) as n from account where csm_id is not null and lifecycle_stage <> 'churned'"
            + " group by csm_id")
        .query((rs, n) -> accountsPerCsm.put(rs.getString("csm_id"), rs.getInt("n"))).list();
    List<Workload> workload = people.membersOf(Groups.CS).stream()
        .map(csm -> new Workload(csm.id(), csm.displayName(), accountsPerCsm.getOrDefault(csm.id(), 0),
            tasks.createTaskQuery().taskAssignee(csm.id()).count()))
        .toList();
    return new Metrics(start, end, Retention.of(cohort), pipeline, health, ttfv, workload);
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
