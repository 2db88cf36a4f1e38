package io.csplaybooks.metrics;

import io.csplaybooks.account.MoneySettings;
import io.csplaybooks.account.Segment;
import io.csplaybooks.common.CommonSettings;
import io.csplaybooks.common.EngineClock;
import io.csplaybooks.renewal.Retention;
import io.csplaybooks.security.Groups;
import io.csplaybooks.security.People;
import io.csplaybooks.security.Person;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
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
      List<MetricsQueries.SegmentDays> timeToFirstValue, Map<String, List<String>> filterChoices) {}

  public static final List<String> BANDS = List.of("red", "yellow", "green", "unscored");

  private final MetricsQueries queries;
  private final People people;
  private final ExchangeRates rates;
  private final String reporting;
  private final BigDecimal grossMargin;
  private final List<String> regions;

  public PortfolioReport(MetricsQueries queries, People people, ExchangeRates rates, MoneySettings money,
      CommonSettings common) {
    this.regions = common.regions();
    this.queries = queries;
    this.people = people;
    this.rates = rates;
    this.reporting = money.reportingCurrency();
    this.grossMargin = money.grossMargin();
  }

  /**
   * What both the API's metrics and the portfolio page count from, read once a request: the decided
   * renewals by day, the accounts in groups, time to first value by tier, the CS team, the open and
   * overdue tasks of the team and of every CSM with accounts, and the rate of each currency among them.
   */
  private record Basis(List<MetricsQueries.DatedRenewal> decided, List<MetricsQueries.AccountGroup> accounts,
      List<MetricsQueries.SegmentDays> firstValue, List<Person> team, Map<String, MetricsQueries.TaskCount> tasks,
      Map<String, PortfolioValue.RateUsed> rates) {

    List<PortfolioValue.ActiveArr> active() {
      Map<List<String>, PortfolioValue.ActiveArr> bySegment = new TreeMap<>(Comparator.comparing(Object::toString));
      for (MetricsQueries.AccountGroup g : accounts) {
        bySegment.merge(List.of(g.segment(), g.currency()),
            new PortfolioValue.ActiveArr(g.segment(), g.currency(), g.accounts(), g.arr()),
            (x, y) -> new PortfolioValue.ActiveArr(x.segment(), x.currency(), x.accounts() + y.accounts(),
                x.arr().add(y.arr())));
      }
      return List.copyOf(bySegment.values());
    }

    /** Accounts not churned, by health band ("unscored" for none), bands in order of their names. */
    Map<String, Integer> health() {
      Map<String, Integer> bands = new TreeMap<>();
      accounts.forEach(g -> bands.merge(g.band(), g.accounts(), Integer::sum));
      return new LinkedHashMap<>(bands);
    }

    int atRisk() {
      return accounts.stream().filter(MetricsQueries.AccountGroup::atRisk).mapToInt(MetricsQueries.AccountGroup::accounts)
          .sum();
    }

    /** Accounts not churned per CSM, by CSM id. */
    Map<String, Integer> accountsPerCsm() {
      Map<String, Integer> perCsm = new TreeMap<>();
      accounts.stream().filter(g -> g.csm() != null).forEach(g -> perCsm.merge(g.csm(), g.accounts(), Integer::sum));
      return perCsm;
    }

    MetricsQueries.TaskCount tasksOf(String csm) {
      return tasks.getOrDefault(csm, MetricsQueries.TaskCount.NONE);
    }

    /** The average over every account that reached first value, from each segment's average and count. */
    Double averageFirstValueDays() {
      int n = firstValue.stream().mapToInt(MetricsQueries.SegmentDays::accounts).sum();
      return n == 0 ? null
          : firstValue.stream().mapToDouble(s -> s.averageDays() * s.accounts()).sum() / n;
    }
  }

  private Basis basis(LocalDate from, LocalDate to, PortfolioFilter filter) {
    List<MetricsQueries.DatedRenewal> decided = queries.decidedRenewals(from, to, filter);
    List<MetricsQueries.AccountGroup> accounts = queries.accountGroups(filter);
    TreeSet<String> currencies = new TreeSet<>();
    decided.forEach(r -> currencies.add(r.renewal().currency()));
    accounts.forEach(a -> currencies.add(a.currency()));
    List<Person> team = people.membersOf(Groups.CS);
    TreeSet<String> assignees = new TreeSet<>();
    team.forEach(p -> assignees.add(p.id()));
    accounts.stream().filter(g -> g.csm() != null).forEach(g -> assignees.add(g.csm()));
    return new Basis(decided, accounts, queries.timeToFirstValueBySegment(from, to, filter), team,
        queries.tasksOf(assignees, EngineClock.now()), rates(currencies, to));
  }

  /** The API's metrics of the renewals due from {@code from} to {@code to}, for the part of the portfolio. */
  public Metrics metrics(LocalDate from, LocalDate to, PortfolioFilter filter) {
    return metrics(from, to, filter, basis(from, to, filter));
  }

  private Metrics metrics(LocalDate from, LocalDate to, PortfolioFilter filter, Basis basis) {
    Map<String, Integer> accountsPerCsm = basis.accountsPerCsm();
    List<Workload> workload = basis.team().stream()
        .filter(csm -> filter.csm() == null || filter.csm().equals(csm.id()))
        .map(csm -> new Workload(csm.id(), csm.displayName(), accountsPerCsm.getOrDefault(csm.id(), 0),
            basis.tasksOf(csm.id()).open()))
        .toList();
    PortfolioValue.Figures value = PortfolioValue.of(
        basis.decided().stream().map(MetricsQueries.DatedRenewal::renewal).toList(), basis.active(), basis.rates(),
        reporting, grossMargin);
    return new Metrics(from, to, reporting, value.retention(), value.retentionByCurrency(), value.ratesUsed(),
        value.currenciesWithoutRate(), value.lifetimeValue(), queries.renewalPipeline(filter),
        basis.health(), basis.averageFirstValueDays(), workload);
  }

  /** Everything on the portfolio page: the metrics, and retention by quarter, health by month, risk and books. */
  public Portfolio portfolio(LocalDate from, LocalDate to, PortfolioFilter filter) {
    Basis basis = basis(from, to, filter);
    Metrics metrics = metrics(from, to, filter, basis);
    Map<LocalDate, List<PortfolioValue.Renewal>> byQuarter = new TreeMap<>();
    for (MetricsQueries.DatedRenewal r : basis.decided()) {
      byQuarter.computeIfAbsent(r.quarter(), q -> new ArrayList<>()).add(r.renewal());
    }
    List<Quarter> quarters = new ArrayList<>();
    byQuarter.forEach((first, renewals) -> quarters.add(new Quarter(first.getYear(), (first.getMonthValue() - 1) / 3 + 1,
        PortfolioValue.of(renewals, List.of(), basis.rates(), reporting, grossMargin).retention())));
    List<Book> books = books(filter, basis);
    return new Portfolio(metrics, quarters, healthByMonth(to.minusMonths(12).plusDays(1), to, filter),
        queries.redOrAtRisk(filter, 50), basis.atRisk(), books, basis.firstValue(), filterChoices(basis.team(), books));
  }

  /**
   * The choices of the portfolio's filters: every segment, the regions accounts may be in
   * ({@code csp.regions}), the CSMs (the CS team and whoever has a book in the page's part).
   */
  private Map<String, List<String>> filterChoices(List<Person> team, List<Book> books) {
    Map<String, List<String>> choices = new LinkedHashMap<>();
    choices.put("segment", Arrays.stream(Segment.values()).map(Segment::code).toList());
    choices.put("region", regions);
    TreeSet<String> csms = new TreeSet<>();
    team.forEach(p -> csms.add(p.id()));
    books.forEach(b -> csms.add(b.csm()));
    choices.put("csm", List.copyOf(csms));
    return choices;
  }

  private List<HealthMonth> healthByMonth(LocalDate from, LocalDate to, PortfolioFilter filter) {
    Map<LocalDate, Map<String, Integer>> days = new TreeMap<>();
    for (MetricsQueries.HealthDay day : queries.healthOn(queries.lastSnapshotOfEachMonth(from, to), filter)) {
      days.computeIfAbsent(day.day(), d -> new LinkedHashMap<>()).merge(day.band(), day.accounts(), Integer::sum);
    }
    return days.entrySet().stream().map(e -> new HealthMonth(e.getKey(), e.getValue())).toList();
  }

  /** Each CSM's book (the whole team when the page shows the whole portfolio), ARR in the reporting currency. */
  private List<Book> books(PortfolioFilter filter, Basis basis) {
    Map<String, BigDecimal> arr = new TreeMap<>();
    for (MetricsQueries.AccountGroup row : basis.accounts()) {
      BigDecimal rate = row.csm() == null ? null : PortfolioValue.rate(row.currency(), reporting, basis.rates());
      if (rate != null) {
        arr.merge(row.csm(), row.arr().multiply(rate).setScale(2, RoundingMode.HALF_UP), BigDecimal::add);
      }
    }
    Map<String, Integer> accounts = basis.accountsPerCsm();
    TreeSet<String> csms = new TreeSet<>(accounts.keySet());
    Map<String, Person> team = basis.team().stream().collect(Collectors.toMap(Person::id, Function.identity()));
    if (filter.isAll()) {
      csms.addAll(team.keySet());
    }
    List<Book> books = new ArrayList<>();
    for (String csm : csms) {
      Person person = team.get(csm);
      MetricsQueries.TaskCount count = basis.tasksOf(csm);
      books.add(new Book(csm, person == null ? csm : person.displayName(), accounts.getOrDefault(csm, 0),
          arr.getOrDefault(csm, BigDecimal.ZERO), count.open(), count.overdue()));
    }
    return books;
  }

  private Map<String, PortfolioValue.RateUsed> rates(Collection<String> currencies, LocalDate day) {
    // Every currency at the rate valid at the end of the period (constant-currency reporting).
    Map<String, PortfolioValue.RateUsed> rateOf = new TreeMap<>();
    for (String currency : currencies) {
      rates.on(currency, reporting, day).ifPresent(rate ->
          rateOf.put(currency, new PortfolioValue.RateUsed(currency, rate.rate(), rate.validFrom())));
    }
    return rateOf;
  }
}
