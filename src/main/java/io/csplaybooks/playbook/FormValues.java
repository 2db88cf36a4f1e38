package io.csplaybooks.playbook;

import com.fasterxml.jackson.databind.JsonNode;
import io.csplaybooks.common.EngineClock;
import io.csplaybooks.common.Validation;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.spin.json.SpinJsonNode;

/**
 * What a person typed into a Camunda Form, read one way in every playbook: text trimmed (blank is
 * none), numbers and dates checked, each refusal naming the field in the {@link Validation}.
 */
public final class FormValues {

  /**
   * The most rows a dynamic list may submit: more than any plan, brief or QBR holds, and few enough
   * that a forged list of thousands is refused before anything reads its rows.
   */
  public static final int MAX_ROWS = 50;

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

  /**
   * Whether a list field holds text lines, the shape of the forms before dynamic lists: a task of
   * an earlier playbook version shows its own (textarea) form and submits text, and is read as text.
   */
  public static boolean isLines(Object value) {
    return value instanceof CharSequence;
  }

  /**
   * The value a form submitted for a dynamic list that it filled with rows. form-js leaves a list
   * out of the submission when its rows were all removed, so the task would keep the rows it was
   * filled with; the form's expression field {@code <list>Rows} ({@code =count(<list>)}) tells that
   * the list was emptied.
   */
  public static Object list(Map<String, Object> values, String list) {
    return values.get(list + "Rows") instanceof Number rows && rows.intValue() == 0 ? List.of() : values.get(list);
  }

  /**
   * The rows of a dynamic list ({@code dynamiclist} in the form, submitted by Tasklist as a JSON
   * variable, or a list of maps from Java): each an object of the named fields with plain values.
   * Refused, each naming the list or its row and field: anything but a list, more than
   * {@link #MAX_ROWS} rows, a row that is not an object, a field the list does not have, a value
   * that is an object or a list. Rows whose fields are all blank are left out, as blank lines
   * were; the others keep the index they were submitted with.
   */
  public static List<Row> rows(Object value, String list, List<String> fields, Validation v) {
    List<Row> rows = new ArrayList<>();
    if (value == null) {
      return rows;
    }
    Object plain = plain(value);
    if (plain instanceof TooMany || plain instanceof List<?> many && many.size() > MAX_ROWS) {
      v.reject(list, "must have at most " + MAX_ROWS + " rows");
      return rows;
    }
    if (!(plain instanceof List<?> items)) {
      v.reject(list, "must be a list of rows");
      return rows;
    }
    for (int i = 0; i < items.size(); i++) {
      String where = list + "[" + i + "]";
      if (!(items.get(i) instanceof Map<?, ?> cells)) {
        v.reject(where, "must be a row of fields (" + String.join(", ", fields) + ")");
        continue;
      }
      Map<String, Object> row = new LinkedHashMap<>();
      boolean valid = true;
      for (Map.Entry<?, ?> cell : cells.entrySet()) {
        String field = String.valueOf(cell.getKey());
        if (!fields.contains(field)) {
          v.reject(where, "has no field '" + abbreviate(field) + "': its fields are " + String.join(", ", fields));
          valid = false;
          break;
        }
        Object cellValue = cell.getValue();
        if (cellValue instanceof Map<?, ?> || cellValue instanceof Collection<?>) {
          v.reject(where + "." + field, "must be a single value, not a list or an object");
          valid = false;
          continue;
        }
        row.put(field, cellValue);
      }
      if (valid && row.values().stream().anyMatch(cell -> text(cell) != null)) {
        rows.add(new Row(where, row));
      }
    }
    return rows;
  }

  /** A JSON variable (Spin) as plain lists, maps and scalars; other values as they are. */
  private static Object plain(Object value) {
    Object json = value instanceof SpinJsonNode spin ? spin.unwrap() : value;
    if (!(json instanceof JsonNode node)) {
      return value;
    }
    if (!node.isArray()) {
      return node;
    }
    if (node.size() > MAX_ROWS) {
      // Refused by its size alone, without reading its rows.
      return new TooMany(node.size());
    }
    List<Object> items = new ArrayList<>();
    node.forEach(item -> items.add(item.isObject() ? row(item) : item.isArray() ? List.of() : scalar(item)));
    return items;
  }

  /** A row's fields with scalar values; a nested list or object stands in as an empty one, to be refused. */
  private static Map<String, Object> row(JsonNode node) {
    Map<String, Object> row = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode cell = field.getValue();
      row.put(field.getKey(), cell.isArray() ? List.of() : cell.isObject() ? Map.of() : scalar(cell));
    }
    return row;
  }

  /** A list longer than any form may submit, by its length alone. */
  private record TooMany(int size) {}

  private static Object scalar(JsonNode node) {
    if (node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    return node.asText();
  }

  private static String abbreviate(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }

  /**
   * A row of a dynamic list, named as the API names list entries: {@code planKpis[2]}, counted from
   * 0 as submitted. Its readers refuse with the row and the field: {@code planKpis[2].target}.
   */
  public record Row(String where, Map<String, Object> cells) {

    /** "planKpis[2].target": the field of this row a refusal names. */
    public String field(String name) {
      return where + "." + name;
    }

    /** The field's text, trimmed; null when blank; refused beyond {@code maxLength} characters. */
    public String text(String name, int maxLength, Validation v) {
      String text = FormValues.text(cells.get(name));
      v.maxLength(field(name), text, maxLength);
      return text;
    }

    /** The field's text, which must be given. */
    public String requiredText(String name, int maxLength, Validation v) {
      String text = text(name, maxLength, v);
      if (text == null) {
        v.reject(field(name), "is required");
      }
      return text;
    }

    /** One of the given values (a select), compared without case; null when blank. */
    public String choice(String name, List<String> allowed, Validation v) {
      String text = FormValues.text(cells.get(name));
      if (text == null) {
        return null;
      }
      String chosen = allowed.stream().filter(a -> a.equalsIgnoreCase(text)).findFirst().orElse(null);
      if (chosen == null) {
        v.reject(field(name), "must be one of " + String.join(", ", allowed));
      }
      return chosen;
    }

    /**
     * A number, or null when blank, with at most {@code integerDigits} digits before the point and
     * {@code decimals} after it (a {@code numeric(p, s)} column); text that is not a number is refused.
     */
    public BigDecimal number(String name, int integerDigits, int decimals, Validation v) {
      Object value = cells.get(name);
      if (value instanceof Boolean) {
        v.reject(field(name), "must be a number");
        return null;
      }
      BigDecimal number = FormValues.number(value, field(name), v);
      if (number == null) {
        return null;
      }
      if (number.stripTrailingZeros().scale() > decimals) {
        v.reject(field(name), "must have at most " + decimals + " decimals");
        return null;
      }
      if (number.precision() - number.scale() > integerDigits) {
        v.reject(field(name), "must be less than " + String.format(Locale.ROOT, "%,d",
            BigDecimal.TEN.pow(integerDigits).toBigInteger()) + " in size");
        return null;
      }
      return number;
    }

    /** A number that must be given. */
    public BigDecimal requiredNumber(String name, int integerDigits, int decimals, Validation v) {
      if (FormValues.text(cells.get(name)) == null) {
        v.reject(field(name), "is required");
        return null;
      }
      return number(name, integerDigits, decimals, v);
    }

    /** One of the given values, which must be chosen. */
    public String requiredChoice(String name, List<String> allowed, Validation v) {
      if (FormValues.text(cells.get(name)) == null) {
        v.reject(field(name), "is required");
        return null;
      }
      return choice(name, allowed, v);
    }

    /** A date (the date picker's YYYY-MM-DD), or null when blank. */
    public LocalDate date(String name, Validation v) {
      return FormValues.date(cells.get(name), field(name), v);
    }

    /** A date that must be given. */
    public LocalDate requiredDate(String name, Validation v) {
      return FormValues.requiredDate(cells.get(name), field(name), v);
    }
  }
}
