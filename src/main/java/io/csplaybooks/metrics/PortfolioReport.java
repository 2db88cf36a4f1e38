package io.csplaybooks.metrics;

import io.csplaybooks.account.MoneySettings;
import io.csplaybooks.common.EngineClock;
import io.csplaybooks.renewal.Retention;
import io.csplaybooks.security.Groups;
import io.csplaybooks.security.People;
import io.csplaybooks.security.Person;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.TaskService;
import org.springframework.stereotype.Service;

/**
 * The numbers a CS team reports, for the API ({@code GET /api/metrics}) and the workspace's
 * portfolio page alike, so both show the same figures for the same period and part of the portfolio.
 */
@Service
public class PortfolioReport {

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

  /** Retention of the renewals due in one quarter of the period. */
  public record Quarter(int year, int quarter, Retention.Figures retention) {

    public String label() {
      return year + " Q" + quarter;
    }
  }

  /** A CSM's book: accounts, ARR in the reporting currency, open and overdue tasks. */
  public record Book(String csm, String name, int accounts, BigDecimal arr, long openTasks, long overdueTasks) {}

  /** The health of the portfolio at the end of one month, by band. */
  public record HealthMonth(LocalDate day, Map<String, Integer> accounts) {

    public int total() {
      return accounts.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  /** What the portfolio page shows beyond the API's metrics. */
  public record Portfolio(Metrics metrics, List<Quarter> quarters, List<HealthMonth> healthByMonth,
      List<MetricsQueries.AtRisk> atRisk, int atRiskCount, List<Book> books,
      List<MetricsQueries.SegmentDays> timeToFirstValue) {}

  public static final List<String> BANDS = List.of("red", "yellow", "green", "unscored");

  private final MetricsQueries queries;
  private final People people;
  private final TaskService tasks;
  private final ExchangeRates rates;
  private final String reporting;
  private final BigDecimal grossMargin;

  public PortfolioReport(MetricsQueries queries, People people, TaskService tasks, ExchangeRates rates,
      MoneySettings money) {
    this.queries = queries;
    this.people = people;
    this.tasks = tasks;
    this.rates = rates;
    this.reporting = money.reportingCurrency();
    this.grossMargin = money.grossMargin();
  }

  /** The API's metrics of the renewals due from {@code from} to {@code to}, for the part of the portfolio. */
  public Metrics metrics(LocalDate from, LocalDate to, PortfolioFilter filter) {
    return metrics(from, to, filter, queries.decidedRenewals(from, to, filter));
  }

  private Metrics metrics(LocalDate from, LocalDate to, PortfolioFilter filter,
      List<MetricsQueries.DatedRenewal> decided) {
    Map<String, Integer> accountsPerCsm = new LinkedHashMap<>();
    queries.books(filter).forEach(row -> accountsPerCsm.merge(row.csm(), row.accounts(), Integer::sum));
    List<Workload> workload = people.membersOf(Groups.CS).stream()
        .filter(csm -> filter.csm() == null || filter.csm().equals(csm.id()))
        .map(csm -> new Workload(csm.id(), csm.displayName(), accountsPerCsm.getOrDefault(csm.id(), 0),
            tasks.createTaskQuery().taskAssignee(csm.id()).count()))
        .toList();
    Map<String, PortfolioValue.RateUsed> rateOf = rates(to);
    PortfolioValue.Figures value = PortfolioValue.of(decided.stream().map(MetricsQueries.DatedRenewal::renewal).toList(),
        queries.activeArr(filter), rateOf, reporting, grossMargin);
    return new Metrics(from, to, reporting, value.retention(), value.retentionByCurrency(), value.ratesUsed(),
        value.currenciesWithoutRate(), value.lifetimeValue(), queries.renewalPipeline(filter),
        queries.healthDistribution(filter), queries.averageTimeToFirstValueDays(from, to, filter), workload);
  }

  /** Everything on the portfolio page: the metrics, and retention by quarter, health by month, risk and books. */
  public Portfolio portfolio(LocalDate from, LocalDate to, PortfolioFilter filter) {
    List<MetricsQueries.DatedRenewal> decided = queries.decidedRenewals(from, to, filter);
    Metrics metrics = metrics(from, to, filter, decided);
    Map<String, PortfolioValue.RateUsed> rateOf = rates(to);
    Map<String, List<PortfolioValue.Renewal>> byQuarter = new TreeMap<>();
    for (MetricsQueries.DatedRenewal r : decided) {
      byQuarter.computeIfAbsent(r.date().getYear() + "-" + ((r.date().getMonthValue() - 1) / 3 + 1),
          q -> new ArrayList<>()).add(r.renewal());
    }
    List<Quarter> quarters = new ArrayList<>();
    byQuarter.forEach((key, renewals) -> quarters.add(new Quarter(Integer.parseInt(key.substring(0, 4)),
        Integer.parseInt(key.substring(5)),
        PortfolioValue.of(renewals, List.of(), rateOf, reporting, grossMargin).retention())));
    return new Portfolio(metrics, quarters, healthByMonth(to.minusMonths(12).plusDays(1), to, filter),
        queries.redOrAtRisk(filter, 50), queries.redOrAtRiskCount(filter), books(filter, rateOf),
        queries.timeToFirstValueBySegment(from, to, filter));
  }

  /** The choices of the portfolio's filters: the segments, regions and CSMs the accounts have. */
  public Map<String, List<String>> filterChoices() {
    Map<String, List<String>> choices = new LinkedHashMap<>();
    choices.put("segment", queries.distinct("segment"));
    choices.put("region", queries.distinct("region"));
    choices.put("csm", queries.distinct("csm_id"));
    return choices;
  }

  private List<HealthMonth> healthByMonth(LocalDate from, LocalDate to, PortfolioFilter filter) {
    Map<LocalDate, Map<String, Integer>> days = new TreeMap<>();
    for (MetricsQueries.HealthDay day : queries.healthByMonth(from, to, filter)) {
      days.computeIfAbsent(day.day(), d -> new LinkedHashMap<>()).merge(day.band(), day.accounts(), Integer::sum);
    }
    return days.entrySet().stream().map(e -> new HealthMonth(e.getKey(), e.getValue())).toList();
  }

  private List<Book> books(PortfolioFilter filter, Map<String, PortfolioValue.RateUsed> rateOf) {
    Map<String, int[]> accounts = new TreeMap<>();
    Map<String, BigDecimal> arr = new TreeMap<>();
    for (MetricsQueries.BookRow row : queries.books(filter)) {
      accounts.computeIfAbsent(row.csm(), c -> new int[1])[0] += row.accounts();
      BigDecimal rate = row.currency().equals(reporting) ? BigDecimal.ONE
          : rateOf.containsKey(row.currency()) ? rateOf.get(row.currency()).rate() : null;
      if (rate != null) {
        arr.merge(row.csm(), row.arr().multiply(rate).setScale(2, RoundingMode.HALF_UP), BigDecimal::add);
      }
    }
    TreeSet<String> csms = new TreeSet<>(accounts.keySet());
    Map<String, Person> team = people.membersOf(Groups.CS).stream()
        .collect(Collectors.toMap(Person::id, Function.identity()));
    if (filter.isAll()) {
      csms.addAll(team.keySet());
    }
    Date now = Date.from(EngineClock.now());
    List<Book> books = new ArrayList<>();
    for (String csm : csms) {
      Person person = team.get(csm);
      books.add(new Book(csm, person == null ? csm : person.displayName(), accounts.getOrDefault(csm, new int[1])[0],
          arr.getOrDefault(csm, BigDecimal.ZERO), tasks.createTaskQuery().taskAssignee(csm).count(),
          tasks.createTaskQuery().taskAssignee(csm).dueBefore(now).count()));
    }
    return books;
  }

  private Map<String, PortfolioValue.RateUsed> rates(LocalDate day) {
    // Every currency at the rate valid at the end of the period (constant-currency reporting).
    Map<String, PortfolioValue.RateUsed> rateOf = new TreeMap<>();
    for (String currency : queries.currencies()) {
      rates.on(currency, reporting, day).ifPresent(rate ->
          rateOf.put(currency, new PortfolioValue.RateUsed(currency, rate.rate(), rate.validFrom())));
    }
    return rateOf;
  }
}
