package io.csplaybooks.common;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** The period of a report: {@code to} defaults to today, {@code from} to a year before it. */
public record ReportPeriod(LocalDate from, LocalDate to) {

  /** From the request's {@code from} and {@code to} (YYYY-MM-DD, each optional), checked. */
  public static ReportPeriod of(String from, String to) {
    LocalDate end = date("to", to, EngineClock.today());
    LocalDate start = date("from", from, end.minusYears(1));
    if (start.isAfter(end)) {
      throw new InvalidInputException("from", "must not be after to");
    }
    if (start.isBefore(end.minusYears(10))) {
      throw new InvalidInputException("from", "must be within 10 years of to");
    }
    return new ReportPeriod(start, end);
  }

  /** The period's first moment, at the start of {@code from} in the server's time zone. */
  public Instant start() {
    return from.atStartOfDay(ZoneId.systemDefault()).toInstant();
  }

  /** The moment after the period: the start of the day after {@code to}. */
  public Instant end() {
    return to.plusDays(1).atStartOfDay(ZoneId.systemDefault()).toInstant();
  }

  private static LocalDate date(String field, String value, LocalDate fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    LocalDate date;
    try {
      date = LocalDate.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(field, "must be a date (YYYY-MM-DD)");
    }
    if (date.getYear() < 2000 || date.getYear() > 2099) {
      throw new InvalidInputException(field, "must be a date between 2000 and 2099");
    }
    return date;
  }
}
