package io.csplaybooks.demo;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One customer of the demo's year: the deal sales closes, how the customer fares over the year (its
 * health level, 0 to 1, from which its signals are made), and how the people answer its tasks.
 * Days count from the first day of the simulated year; {@code fromEnd} marks a day counted back from
 * the present, so that what must be recent (a churn, a save play now open) stays recent whatever
 * the length of the month.
 */
record DemoCustomer(
    String name,
    String crmAccountId,
    String segment,
    String region,
    long arr,
    Day closed,
    Day contractStart,
    List<String> goals,
    List<String> successCriteria,
    List<String> useCases,
    List<String> technicalRequirements,
    List<String> knownRisks,
    String champion,
    String sponsor,
    String domain,
    int seats,
    /** Days from contract start to first value. */
    int timeToFirstValueDays,
    /** Health level at days of the year (interpolated between them, flat after the last). */
    Map<Day, Double> level,
    Renewal renewal,
    boolean korean) {

  /** A day of the simulated year: counted from its start, or back from its end (the present). */
  record Day(int days, boolean fromEnd) {
    static Day of(int days) {
      return new Day(days, false);
    }

    static Day beforeEnd(int days) {
      return new Day(days, true);
    }

    LocalDate on(LocalDate start, LocalDate end) {
      return fromEnd ? end.minusDays(days) : start.plusDays(days);
    }
  }

  /** What the renewal owner records when the renewal comes: renewed, expanded, contracted or churned. */
  record Renewal(String outcome, Long newArr, String churnReason) {
    static Renewal renewed() {
      return new Renewal("renewed", null, null);
    }
  }

  boolean strategic() {
    return "strategic".equals(segment);
  }
}
