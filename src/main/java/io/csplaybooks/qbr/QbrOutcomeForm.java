package io.csplaybooks.qbr;

import io.csplaybooks.common.Validation;
import io.csplaybooks.onboarding.SuccessPlan;
import io.csplaybooks.playbook.FormValues;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The KPI part of the "Record QBR outcome" form: one row per success-plan KPI in a dynamic list
 * ({@link #KPI_FIELDS}: the KPI's name, shown read-only, and its current value), or, in the form
 * of an earlier playbook version, one line per KPI, {@code name | current value}. A blank value
 * leaves the KPI as it was. Plain Java, no Camunda.
 */
public final class QbrOutcomeForm {

  public static final String KPI_VALUES = "kpiValues";
  /** The fields of a KPI value row, as the form's dynamic list names them. */
  public static final List<String> KPI_FIELDS = List.of("name", "currentValue");

  private QbrOutcomeForm() {}

  /** The rows the form's list starts with: each KPI of the plan with its current value. */
  public static List<Map<String, Object>> kpiRows(List<SuccessPlan.Kpi> kpis) {
    return kpis.stream().map(k -> {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", k.name());
      row.put("currentValue", k.currentValue() == null ? null : k.currentValue().stripTrailingZeros());
      return row;
    }).toList();
  }

  /** The KPI values as the outcome keeps them (and the older form showed them): "name | value" lines. */
  public static String kpiText(Map<String, BigDecimal> values) {
    return values.isEmpty() ? null : values.entrySet().stream().map(e -> e.getKey() + " | " + e.getValue().stripTrailingZeros().toPlainString())
        .collect(Collectors.joining("\n"));
  }

  /**
   * The KPI values by KPI name as written in the plan, from the rows of the form's list or the text
   * lines of an older form; unknown names and non-numbers are refused by row (or line).
   */
  public static Map<String, BigDecimal> kpiValues(Object value, List<SuccessPlan.Kpi> kpis, Validation v) {
    if (value == null || FormValues.isLines(value)) {
      return kpiValues(FormValues.text(value), kpis, v);
    }
    Map<String, String> names = names(kpis);
    Map<String, BigDecimal> values = new LinkedHashMap<>();
    for (FormValues.Row row : FormValues.rows(value, KPI_VALUES, KPI_FIELDS, v)) {
      String written = row.requiredText("name", 200, v);
      if (written == null) {
        continue;
      }
      String name = names.get(written.toLowerCase(Locale.ROOT));
      if (name == null) {
        v.reject(row.field("name"), "'" + written + "' is not a KPI of the success plan"
            + (names.isEmpty() ? " (it has none)" : ": " + String.join(", ", names.values())));
        continue;
      }
      // The success plan keeps KPI values as numeric(18, 4).
      BigDecimal current = row.number("currentValue", 14, 4, v);
      if (current != null) {
        values.put(name, current);
      }
    }
    return values;
  }

  private static Map<String, String> names(List<SuccessPlan.Kpi> kpis) {
    Map<String, String> names = new LinkedHashMap<>();
    kpis.forEach(k -> names.put(k.name().trim().toLowerCase(Locale.ROOT), k.name()));
    return names;
  }

  /** The lines the older form starts with: each KPI of the plan with its current value. */
  public static String kpiLines(List<SuccessPlan.Kpi> kpis) {
    return kpis.stream().map(k -> k.name() + " | " + (k.currentValue() == null ? "" : k.currentValue().stripTrailingZeros().toPlainString()))
        .collect(Collectors.joining("\n"));
  }

  /** What each KPI aims at, for reading beside the values. */
  public static String kpiTargets(List<SuccessPlan.Kpi> kpis) {
    return kpis.stream().map(k -> k.name() + ": from " + plain(k.baseline()) + " to " + plain(k.target())
        + (k.unit() == null ? "" : " " + k.unit()) + " by " + k.dueDate())
        .collect(Collectors.joining("\n"));
  }

  /** The KPI values by KPI name as written in the plan; unknown names and non-numbers are refused by line. */
  public static Map<String, BigDecimal> kpiValues(String text, List<SuccessPlan.Kpi> kpis, Validation v) {
    Map<String, String> names = names(kpis);
    Map<String, BigDecimal> values = new LinkedHashMap<>();
    if (text == null) {
      return values;
    }
    for (FormValues.Line numbered : FormValues.lines(text)) {
      String line = numbered.text();
      String where = numbered.where();
      int bar = line.lastIndexOf('|');
      if (bar < 0) {
        v.reject("kpiValues", where + "write 'KPI name | current value'");
        continue;
      }
      String name = names.get(line.substring(0, bar).trim().toLowerCase(Locale.ROOT));
      String value = line.substring(bar + 1).trim();
      if (name == null) {
        v.reject("kpiValues", where + "'" + line.substring(0, bar).trim() + "' is not a KPI of the success plan"
            + (names.isEmpty() ? " (it has none)" : ": " + String.join(", ", names.values())));
        continue;
      }
      if (value.isEmpty()) {
        continue;
      }
      try {
        values.put(name, new BigDecimal(value));
      } catch (NumberFormatException e) {
        v.reject("kpiValues", where + "value '" + value + "' is not a number");
      }
    }
    return values;
  }


  private static String plain(BigDecimal value) {
    return value == null ? "?" : value.stripTrailingZeros().toPlainString();
  }
}
