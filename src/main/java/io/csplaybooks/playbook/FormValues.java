package io.csplaybooks.playbook;

import io.csplaybooks.common.EngineClock;
import io.csplaybooks.common.Validation;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

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

  /** A line of a field that takes one row per line, with its number as the person sees it (from 1). */
  public record Line(int number, String text) {

    /** "line 3: ", to begin a refusal about this line. */
    public String where() {
      return "line " + number + ": ";
    }

    /** The line's parts between '|', trimmed; empty parts kept. */
    public List<String> cells() {
      return Arrays.stream(text.split("\\|", -1)).map(String::trim).toList();
    }
  }

  /** The non-blank lines of a field, trimmed, numbered as typed (blank lines count). */
  public static List<Line> lines(Object value) {
    List<Line> lines = new ArrayList<>();
    if (value != null) {
      String[] raw = value.toString().split("\\R");
      for (int i = 0; i < raw.length; i++) {
        if (!raw[i].isBlank()) {
          lines.add(new Line(i + 1, raw[i].trim()));
        }
      }
    }
    return lines;
  }

  /** The non-blank lines of a field, trimmed: a list typed one item per line. */
  public static List<String> texts(Object value) {
    return lines(value).stream().map(Line::text).toList();
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
