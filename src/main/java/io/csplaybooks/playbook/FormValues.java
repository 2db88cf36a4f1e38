package io.csplaybooks.playbook;

import io.csplaybooks.common.EngineClock;
import io.csplaybooks.common.Validation;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Date;

/**
 * What a person typed into a Camunda Form, read one way in every playbook: text trimmed (blank is
 * none), numbers and dates checked, each refusal naming the field in the {@link Validation}.
 */
public final class FormValues {

  private FormValues() {}

  /** The text, trimmed; null when absent or blank. */
  public static String text(Object value) {
    return value == null || value.toString().isBlank() ? null : value.toString().trim();
  }

  /** A number, or null when absent; refused when it is not one. */
  public static BigDecimal number(Object value, String field, Validation v) {
    String text = text(value);
    if (text == null) {
      return null;
    }
    try {
      return value instanceof Number n ? new BigDecimal(n.toString()) : new BigDecimal(text);
    } catch (NumberFormatException e) {
      v.reject(field, "must be a number");
      return null;
    }
  }

  /** A date, or null when absent: the date picker's YYYY-MM-DD, a date-time cut to its day, or a Date. */
  public static LocalDate date(Object value, String field, Validation v) {
    if (value instanceof Date d) {
      return d.toInstant().atZone(ZoneId.systemDefault()).toLocalDate();
    }
    String text = text(value);
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
    } catch (DateTimeParseException e) {
      v.reject(field, "must be a date (YYYY-MM-DD)");
      return null;
    }
  }

  /** A date that must be given. */
  public static LocalDate requiredDate(Object value, String field, Validation v) {
    return v.required(field, value) ? date(value, field, v) : null;
  }

  /** A date that must be given, of something that has happened: not after today (the engine's clock). */
  public static LocalDate pastDate(Object value, String field, Validation v) {
    return pastDate(value, field, "must not be in the future", v);
  }

  /** As {@link #pastDate(Object, String, Validation)}, saying {@code whenFuture} of a date to come. */
  public static LocalDate pastDate(Object value, String field, String whenFuture, Validation v) {
    LocalDate date = requiredDate(value, field, v);
    if (date != null && date.isAfter(EngineClock.today())) {
      v.reject(field, whenFuture);
    }
    return date;
  }
}
