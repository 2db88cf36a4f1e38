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
 * The KPI part of the "Record QBR outcome" form: one line per success-plan KPI,
 * {@code name | current value}; a blank value leaves the KPI as it was. Plain Java, no Camunda.
 */
public final class QbrOutcomeForm {

  private QbrOutcomeForm() {}

  /** The lines the form starts with: each KPI of the plan with its current value. */
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
    Map<String, String> names = new LinkedHashMap<>();
    kpis.forEach(k -> names.put(k.name().trim().toLowerCase(Locale.ROOT), k.name()));
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
