package io.csplaybooks.metrics;

import io.csplaybooks.account.MoneySettings;
import io.csplaybooks.common.EngineClock;
import io.csplaybooks.common.InvalidInputException;
import io.csplaybooks.renewal.Retention;
import io.csplaybooks.security.Groups;
import io.csplaybooks.security.People;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

  /**
   * {@code retention} is in the reporting currency ({@code reportingCurrency}, with the
   * {@code ratesUsed}); {@code retentionByCurrency} in each contract currency.
   */
  public record Metrics(LocalDate from, LocalDate to, String reportingCurrency, Retention.Figures retention,
      Map<String, Retention.Figures> retentionByCurrency, List<PortfolioValue.RateUsed> ratesUsed,
      List<String> currenciesWithoutRate, List<PortfolioValue.SegmentValue> lifetimeValue,
      List<MetricsQueries.PipelineRow> renewalPipeline, Map<String, Integer> healthDistribution,
      Double averageTimeToFirstValueDays, List<Workload> csmWorkload) {}

  private final MetricsQueries queries;
  private final People people;
  private final TaskService tasks;
  private final ExchangeRates rates;
  private final String reporting;
  private final BigDecimal grossMargin;

  public MetricsController(MetricsQueries queries, People people, TaskService tasks, ExchangeRates rates,
      MoneySettings money) {
    this.rates = rates;
    this.reporting = money.reportingCurrency();
    this.grossMargin = money.grossMargin();
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
    // Every currency at the rate valid at the end of the period (constant-currency reporting).
    Map<String, PortfolioValue.RateUsed> rateOf = new TreeMap<>();
    for (String currency : queries.currencies()) {
      rates.on(currency, reporting, end).ifPresent(rate ->
          rateOf.put(currency, new PortfolioValue.RateUsed(currency, rate.rate(), rate.validFrom())));
    }
    PortfolioValue.Figures value = PortfolioValue.of(queries.decidedRenewals(start, end), queries.activeArr(), rateOf,
        reporting, grossMargin);
    return new Metrics(start, end, reporting, value.retention(), value.retentionByCurrency(), value.ratesUsed(),
        value.currenciesWithoutRate(), value.lifetimeValue(), queries.renewalPipeline(), queries.healthDistribution(),
        queries.averageTimeToFirstValueDays(start, end), workload);
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
