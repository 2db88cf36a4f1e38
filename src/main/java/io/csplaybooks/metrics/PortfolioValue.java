package io.csplaybooks.metrics;

import io.csplaybooks.renewal.Retention;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Money across currencies: retention per currency and in the reporting currency (each amount times
 * the rate of its currency, the rates used named beside the figures), and customer lifetime value by
 * segment. Plain Java: the figures, not where they come from.
 *
 * <p>LTV = average ARR per account × gross margin ÷ logo churn rate, the churn rate observed over the
 * renewals decided in the period (each a year's term: an annual rate).
 */
final class PortfolioValue {

  /**
   * Decided renewals of one currency, segment and outcome: ARR before and after, summed, and how many
   * (one renewal, or a group the database added up).
   */
  public record Renewal(String currency, String segment, BigDecimal arrBefore, BigDecimal arrAfter, String outcome,
      int count) {

    public Renewal(String currency, String segment, BigDecimal arrBefore, BigDecimal arrAfter, String outcome) {
      this(currency, segment, arrBefore, arrAfter, outcome, 1);
    }
  }

  /** The ARR of the accounts of a segment in one currency, and how many accounts. */
  public record ActiveArr(String segment, String currency, int accounts, BigDecimal arr) {}

  /** The rate that turned a currency into the reporting currency, and the day it is valid from. */
  public record RateUsed(String currency, BigDecimal rate, LocalDate validFrom) {}

  public record SegmentValue(String segment, int accounts, BigDecimal averageArr, BigDecimal grossMargin,
      int renewals, int churnedLogos, BigDecimal churnRate, BigDecimal lifetimeValue, String formula) {}

  public record Figures(String reportingCurrency, Retention.Figures retention,
      Map<String, Retention.Figures> retentionByCurrency, List<RateUsed> ratesUsed, List<String> currenciesWithoutRate,
      List<SegmentValue> lifetimeValue) {}

  private PortfolioValue() {}

  /**
   * @param rates the rate of each currency other than the reporting one (a currency without one is
   *     left out of the reporting figures and named)
   */
  public static Figures of(List<Renewal> renewals, List<ActiveArr> active, Map<String, RateUsed> rates,
      String reporting, BigDecimal grossMargin) {
    Map<String, List<Retention.Decided>> byCurrency = new TreeMap<>();
    List<Retention.Decided> converted = new ArrayList<>();
    TreeSet<String> withoutRate = new TreeSet<>();
    TreeSet<String> used = new TreeSet<>();
    for (Renewal r : renewals) {
      byCurrency.computeIfAbsent(r.currency(), c -> new ArrayList<>())
          .add(new Retention.Decided(r.arrBefore(), r.arrAfter(), r.outcome(), r.count()));
      BigDecimal rate = rate(r.currency(), reporting, rates);
      if (rate == null) {
        withoutRate.add(r.currency());
      } else {
        used.add(r.currency());
        converted.add(new Retention.Decided(money(r.arrBefore().multiply(rate)), money(r.arrAfter().multiply(rate)),
            r.outcome(), r.count()));
      }
    }
    Map<String, Retention.Figures> retentionByCurrency = new TreeMap<>();
    byCurrency.forEach((currency, decided) -> retentionByCurrency.put(currency, Retention.of(decided)));

    Map<String, int[]> logos = new TreeMap<>();
    for (Renewal r : renewals) {
      int[] counts = logos.computeIfAbsent(r.segment(), s -> new int[2]);
      counts[0] += r.count();
      if ("churned".equals(r.outcome())) {
        counts[1] += r.count();
      }
    }
    Map<String, BigDecimal> arr = new TreeMap<>();
    Map<String, Integer> accounts = new TreeMap<>();
    for (ActiveArr a : active) {
      BigDecimal rate = rate(a.currency(), reporting, rates);
      if (rate == null) {
        withoutRate.add(a.currency());
        continue;
      }
      if (!a.currency().equals(reporting)) {
        used.add(a.currency());
      }
      arr.merge(a.segment(), a.arr().multiply(rate), BigDecimal::add);
      accounts.merge(a.segment(), a.accounts(), Integer::sum);
    }
    TreeSet<String> segments = new TreeSet<>(accounts.keySet());
    segments.addAll(logos.keySet());
    List<SegmentValue> values = new ArrayList<>();
    for (String segment : segments) {
      values.add(value(segment, accounts.getOrDefault(segment, 0), arr.getOrDefault(segment, BigDecimal.ZERO),
          logos.getOrDefault(segment, new int[2]), grossMargin, reporting));
    }
    List<RateUsed> ratesUsed = used.stream().filter(c -> !c.equals(reporting)).map(rates::get).toList();
    return new Figures(reporting, Retention.of(converted), retentionByCurrency, ratesUsed, List.copyOf(withoutRate),
        values);
  }

  private static SegmentValue value(String segment, int accounts, BigDecimal arr, int[] logos, BigDecimal margin,
      String reporting) {
    BigDecimal average = accounts == 0 ? null : arr.divide(BigDecimal.valueOf(accounts), 2, RoundingMode.HALF_UP);
    BigDecimal churnRate = logos[0] == 0 ? null
        : BigDecimal.valueOf(logos[1]).divide(BigDecimal.valueOf(logos[0]), 4, RoundingMode.HALF_UP);
    BigDecimal ltv = null;
    String formula;
    if (average == null) {
      formula = "no active account: no average ARR";
    } else if (churnRate == null || churnRate.signum() == 0) {
      formula = "LTV = average ARR × gross margin ÷ logo churn rate: no churn observed in the period ("
          + logos[0] + " renewals decided), so the data sets no bound";
    } else {
      ltv = average.multiply(margin).divide(churnRate, 2, RoundingMode.HALF_UP);
      formula = "LTV = average ARR × gross margin ÷ logo churn rate = " + average.toPlainString() + " " + reporting
          + " × " + margin.stripTrailingZeros().toPlainString() + " ÷ " + churnRate.stripTrailingZeros().toPlainString()
          + " (" + logos[1] + " of " + logos[0] + " renewals churned) = " + ltv.toPlainString() + " " + reporting;
    }
    return new SegmentValue(segment, accounts, average, margin, logos[0], logos[1], churnRate, ltv, formula);
  }

  /** The rate of the currency into the reporting one: 1 for itself, null when none was set. */
  static BigDecimal rate(String currency, String reporting, Map<String, RateUsed> rates) {
    if (currency.equals(reporting)) {
      return BigDecimal.ONE;
    }
    RateUsed rate = rates.get(currency);
    return rate == null ? null : rate.rate();
  }

  private static BigDecimal money(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.HALF_UP);
  }
}
