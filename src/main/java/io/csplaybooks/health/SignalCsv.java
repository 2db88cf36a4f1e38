package io.csplaybooks.health;

import io.csplaybooks.common.Validation;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Signals as CSV, one per line after a header naming the columns (any order, unknown ones refused):
 * signalId, accountId, type, occurredAt, activeUsers, licensedSeats, featuresUsed, featuresTotal,
 * ticketsOpened, ticketsEscalated, severity, npsScore, meetingHeld, sentiment, comment.
 * Fields may be quoted ("...", with "" for a quote).
 */
final class SignalCsv {

  static final List<String> COLUMNS = List.of("signalId", "accountId", "type", "occurredAt", "activeUsers",
      "licensedSeats", "featuresUsed", "featuresTotal", "ticketsOpened", "ticketsEscalated", "severity", "npsScore",
      "meetingHeld", "sentiment", "comment");

  private SignalCsv() {}

  /** Parses the CSV; problems are collected as "line N: column" with the reason. */
  static List<Signal> parse(String csv, Validation v) {
    List<Signal> signals = new ArrayList<>();
    String[] lines = csv.split("\\R");
    if (lines.length == 0 || lines[0].isBlank()) {
      v.reject("line 1", "needs a header naming the columns");
      return signals;
    }
    List<String> header = fields(lines[0]).stream().map(String::trim).toList();
    for (String column : header) {
      if (!COLUMNS.contains(column)) {
        v.reject("line 1: " + column, "is not a signal column (" + String.join(", ", COLUMNS) + ")");
      }
    }
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      String where = "line " + (i + 1) + ": ";
      List<String> cells = fields(lines[i]);
      if (cells.size() != header.size()) {
        v.reject("line " + (i + 1), "has " + cells.size() + " fields, the header " + header.size());
        continue;
      }
      Row row = new Row(header, cells, where, v);
      signals.add(new Signal(row.text("signalId"), row.longValue("accountId"), row.text("type"),
          row.timestamp("occurredAt"), row.integer("activeUsers"), row.integer("licensedSeats"),
          row.integer("featuresUsed"), row.integer("featuresTotal"), row.integer("ticketsOpened"),
          row.integer("ticketsEscalated"), row.text("severity"), row.integer("npsScore"), row.bool("meetingHeld"),
          row.text("sentiment"), row.text("comment")));
    }
    return signals;
  }

  private record Row(List<String> header, List<String> cells, String where, Validation v) {

    String text(String column) {
      int i = header.indexOf(column);
      if (i < 0) {
        return null;
      }
      String value = cells.get(i).trim();
      return value.isEmpty() ? null : value;
    }

    Integer integer(String column) {
      String value = text(column);
      try {
        return value == null ? null : Integer.valueOf(value);
      } catch (NumberFormatException e) {
        v.reject(where + column, "must be a whole number");
        return null;
      }
    }

    Long longValue(String column) {
      String value = text(column);
      try {
        return value == null ? null : Long.valueOf(value);
      } catch (NumberFormatException e) {
        v.reject(where + column, "must be a whole number");
        return null;
      }
    }

    Boolean bool(String column) {
      String value = text(column);
      if (value == null) {
        return null;
      }
      if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
        v.reject(where + column, "must be true or false");
        return null;
      }
      return Boolean.valueOf(value);
    }

    OffsetDateTime timestamp(String column) {
      String value = text(column);
      if (value == null) {
        return null;
      }
      try {
        return value.length() == 10 ? LocalDate.parse(value).atStartOfDay().atOffset(ZoneOffset.UTC)
            : OffsetDateTime.parse(value);
      } catch (DateTimeParseException e) {
        v.reject(where + column, "must be a date (YYYY-MM-DD) or a date-time with offset (2026-11-20T10:00:00Z)");
        return null;
      }
    }
  }

  static List<String> fields(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }
}
