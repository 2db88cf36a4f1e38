package io.csplaybooks.health;

import io.csplaybooks.common.EngineClock;
import io.csplaybooks.health.ForecastRows.Due;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.springframework.stereotype.Service;

/**
 * The renewal forecast in money. Each renewal's chance to renew comes from its forecast category and
 * the account's health band, as often as renewals in that category and band renewed over the two
 * years before (shrunk toward the category's starting chance where few renewals say anything); times
 * its ARR, summed by month and quarter of the renewal date, by currency. Once a quarter's renewals are
 * all decided, its forecast (from each renewal as it stood 30 days before its date, with chances
 * learned only from what was decided before the quarter) is set against the ARR that renewed.
 */
@Service
public class RenewalForecast {

  /** Days before the renewal date the forecast is read at for the accuracy of a past quarter. */
  static final int AS_OF_DAYS = 30;
  /** How many renewals' worth of weight the category's starting chance has in a cell. */
  static final double PRIOR_WEIGHT = 5;
  /** The starting chance of each forecast category, before history says otherwise ("none": no category). */
  static final Map<String, Double> PRIOR = Map.of("commit", 0.9, "likely", 0.7, "at-risk", 0.3, "lost", 0.0, "none", 0.7);

  /** A cell's chance to renew: its forecast category and band, how many renewals were decided in it. */
  public record Chance(String forecast, String band, int decided, int renewed, double chance) {}

  /** A month's or a quarter's renewals in one currency: what is due and what it is expected to bring. */
  public record Period(String period, String currency, int renewals, BigDecimal arr, BigDecimal expectedArr,
      int decided, BigDecimal renewedArr) {}

  /** A past quarter: what the forecast said 30 days out, what renewed, and how close (1 is exact). */
  public record Accuracy(String quarter, String currency, int renewals, BigDecimal forecastArr, BigDecimal renewedArr,
      Double accuracy) {}

  public record Forecast(LocalDate from, LocalDate to, List<Period> months, List<Period> quarters,
      List<Accuracy> accuracy, List<Chance> chances) {}

  private final ForecastRows rows;

  RenewalForecast(ForecastRows rows) {
    this.rows = rows;
  }

  public Forecast forecast(LocalDate from, LocalDate to) {
    LocalDate today = EngineClock.today();
    // One read: the period's renewals and the history the chances are learned from (each quarter's
    // two years before it).
    List<Due> read = rows.due(from.minusYears(3), to.isAfter(today) ? to : today, AS_OF_DAYS, today);
    List<Due> due = read.stream().filter(d -> !d.renewalDate().isBefore(from) && !d.renewalDate().isAfter(to)).toList();
    List<Due> history = read.stream().filter(Due::decided).toList();
    Map<String, Chance> now = chances(history, d -> !d.decidedOn().isBefore(today.minusYears(2)));
    List<Period> months = periods(due, d -> d.renewalDate().toString().substring(0, 7), now);
    List<Period> quarters = periods(due, RenewalForecast::quarter, now);
    List<Accuracy> accuracy = new ArrayList<>();
    Map<String, List<Due>> byQuarter = new TreeMap<>();
    due.forEach(d -> byQuarter.computeIfAbsent(quarter(d) + "|" + d.currency(), q -> new ArrayList<>()).add(d));
    byQuarter.forEach((key, renewals) -> {
      LocalDate start = renewals.get(0).renewalDate().withDayOfMonth(1)
          .withMonth((renewals.get(0).renewalDate().getMonthValue() - 1) / 3 * 3 + 1);
      if (renewals.stream().allMatch(Due::decided) && !start.plusMonths(3).isAfter(today)) {
        // Only what was known before the quarter began.
        Map<String, Chance> before = chances(history, d -> d.decidedOn().isBefore(start)
            && !d.decidedOn().isBefore(start.minusYears(2)));
        BigDecimal forecast = BigDecimal.ZERO;
        BigDecimal renewed = BigDecimal.ZERO;
        for (Due d : renewals) {
          forecast = forecast.add(d.arr().multiply(BigDecimal.valueOf(chance(before, d))));
          renewed = renewed.add(d.stayed() ? d.arr() : BigDecimal.ZERO);
        }
        Double close = renewed.signum() == 0 ? null
            : Math.max(0, 1 - forecast.subtract(renewed).abs().doubleValue() / renewed.doubleValue());
        accuracy.add(new Accuracy(key.substring(0, key.indexOf('|')), renewals.get(0).currency(), renewals.size(),
            money(forecast), money(renewed), close == null ? null : Math.round(close * 1000) / 1000.0));
      }
    });
    return new Forecast(from, to, months, quarters, accuracy, List.copyOf(now.values()));
  }

  private static List<Period> periods(List<Due> due, Function<Due, String> period, Map<String, Chance> chances) {
    Map<String, List<Due>> grouped = new TreeMap<>();
    due.forEach(d -> grouped.computeIfAbsent(period.apply(d) + "|" + d.currency(), k -> new ArrayList<>()).add(d));
    List<Period> periods = new ArrayList<>();
    grouped.forEach((key, renewals) -> {
      BigDecimal arr = BigDecimal.ZERO;
      BigDecimal expected = BigDecimal.ZERO;
      BigDecimal renewed = BigDecimal.ZERO;
      int decided = 0;
      for (Due d : renewals) {
        arr = arr.add(d.arr());
        if (d.decided()) {
          // Decided: what it brought is known.
          decided++;
          BigDecimal brought = d.stayed() ? d.arr() : BigDecimal.ZERO;
          renewed = renewed.add(brought);
          expected = expected.add(brought);
        } else {
          expected = expected.add(d.arr().multiply(BigDecimal.valueOf(chance(chances, d))));
        }
      }
      periods.add(new Period(key.substring(0, key.indexOf('|')), renewals.get(0).currency(), renewals.size(), money(arr),
          money(expected), decided, money(renewed)));
    });
    return periods;
  }

  /** Each category and band's chance from the decided renewals that pass, shrunk toward the category's prior. */
  private static Map<String, Chance> chances(List<Due> history, Predicate<Due> counted) {
    Map<String, int[]> cells = new HashMap<>();
    for (Due d : history) {
      if (counted.test(d)) {
        int[] cell = cells.computeIfAbsent(cell(d.forecast(), d.band()), k -> new int[2]);
        cell[0]++;
        cell[1] += d.stayed() ? 1 : 0;
      }
    }
    Map<String, Chance> chances = new TreeMap<>();
    for (String forecast : PRIOR.keySet()) {
      for (String band : List.of("red", "yellow", "green", "unscored")) {
        int[] cell = cells.getOrDefault(forecast + "|" + band, new int[2]);
        double chance = (cell[1] + PRIOR_WEIGHT * PRIOR.get(forecast)) / (cell[0] + PRIOR_WEIGHT);
        chances.put(forecast + "|" + band, new Chance(forecast, band, cell[0], cell[1], Math.round(chance * 1000) / 1000.0));
      }
    }
    return chances;
  }

  private static double chance(Map<String, Chance> chances, Due d) {
    return chances.get(cell(d.forecast(), d.band())).chance();
  }

  private static String cell(String forecast, String band) {
    return (forecast == null || !PRIOR.containsKey(forecast) ? "none" : forecast) + "|" + Objects.requireNonNullElse(band,
        "unscored");
  }

  private static String quarter(Due d) {
    return d.renewalDate().getYear() + " Q" + ((d.renewalDate().getMonthValue() - 1) / 3 + 1);
  }

  private static BigDecimal money(BigDecimal value) {
    return value.setScale(2, RoundingMode.HALF_UP);
  }
}
