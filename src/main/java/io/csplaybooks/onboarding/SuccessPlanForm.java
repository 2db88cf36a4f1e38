package io.csplaybooks.onboarding;

import io.csplaybooks.common.Validation;
import io.csplaybooks.playbook.FormValues;
import io.csplaybooks.playbook.TaskForm;
import io.csplaybooks.security.Groups;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The success plan as the Camunda Form edits it: one line per goal and challenge; KPIs and
 * milestones as dynamic lists, one row each with a field per column ({@link #KPI_FIELDS},
 * {@link #MILESTONE_FIELDS}). The form of an earlier playbook version has text areas instead, one
 * line each: KPIs as "name | unit | baseline | target | current | YYYY-MM-DD", milestones as
 * "name | owner team | YYYY-MM-DD | open or done"; its tasks are filled and read in that shape.
 */
public final class SuccessPlanForm {

  static final String GOALS = "planGoals";
  public static final String CHALLENGES = "planChallenges";
  public static final String KPIS = "planKpis";
  public static final String MILESTONES = "planMilestones";
  static final String VERSION = "planVersion";

  /** The fields of a KPI row, as the form's dynamic list names them. */
  static final List<String> KPI_FIELDS = List.of("name", "unit", "baseline", "target", "currentValue", "dueDate");
  /** The fields of a milestone row. */
  static final List<String> MILESTONE_FIELDS = List.of("name", "ownerTeam", "dueDate", "status");
  /** KPI values are {@code numeric(18, 4)}. */
  private static final int DIGITS = 14;
  private static final int DECIMALS = 4;

  private SuccessPlanForm() {}

  /** The plan as the fields of the given form: rows for its dynamic lists, text lines for an older form. */
  static Map<String, Object> fields(SuccessPlan plan, TaskForm form) {
    Map<String, Object> fields = new HashMap<>();
    fields.put(GOALS, String.join("\n", plan.goals()));
    fields.put(CHALLENGES, String.join("\n", plan.challenges()));
    fields.put(KPIS, form.rows(KPIS, plan.kpis().stream().map(SuccessPlanForm::kpiRow).toList(),
        () -> plan.kpis().stream()
            .map(k -> String.join(" | ", text(k.name()), text(k.unit()), number(k.baseline()), number(k.target()),
                number(k.currentValue()), String.valueOf(k.dueDate())))
            .collect(Collectors.joining("\n"))));
    fields.put(MILESTONES, form.rows(MILESTONES, plan.milestones().stream().map(SuccessPlanForm::milestoneRow).toList(),
        () -> plan.milestones().stream()
            .map(m -> String.join(" | ", m.name(), m.ownerTeam(), String.valueOf(m.dueDate()), m.status()))
            .collect(Collectors.joining("\n"))));
    fields.put(VERSION, plan.version());
    return fields;
  }

  private static Map<String, Object> kpiRow(SuccessPlan.Kpi k) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("name", k.name());
    row.put("unit", k.unit());
    row.put("baseline", plain(k.baseline()));
    row.put("target", plain(k.target()));
    row.put("currentValue", plain(k.currentValue()));
    row.put("dueDate", k.dueDate() == null ? null : k.dueDate().toString());
    return row;
  }

  private static Map<String, Object> milestoneRow(SuccessPlan.Milestone m) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("name", m.name());
    row.put("ownerTeam", m.ownerTeam());
    row.put("dueDate", m.dueDate() == null ? null : m.dueDate().toString());
    row.put("status", m.status());
    return row;
  }

  static SuccessPlan.Content parse(Map<String, Object> values) {
    Validation v = new Validation();
    Object kpiValue = FormValues.list(values, KPIS);
    Object milestoneValue = FormValues.list(values, MILESTONES);
    List<SuccessPlan.Kpi> kpis = FormValues.isLines(kpiValue) ? kpiLines(kpiValue, v) : kpiRows(kpiValue, v);
    List<SuccessPlan.Milestone> milestones = FormValues.isLines(milestoneValue) ? milestoneLines(milestoneValue, v)
        : milestoneRows(milestoneValue, v);
    v.throwIfInvalid();
    Object version = values.get(VERSION);
    return new SuccessPlan.Content(version instanceof Number n ? n.intValue() : null, FormValues.texts(values.get(GOALS)),
        FormValues.texts(values.get(CHALLENGES)), kpis, milestones);
  }

  /** KPI rows; what {@link SuccessPlans#validate} checks again (names, targets, dates) is refused here by row. */
  private static List<SuccessPlan.Kpi> kpiRows(Object value, Validation v) {
    List<SuccessPlan.Kpi> kpis = new ArrayList<>();
    for (FormValues.Row row : FormValues.rows(value, KPIS, KPI_FIELDS, v)) {
      kpis.add(new SuccessPlan.Kpi(row.requiredText("name", 200, v), row.text("unit", 40, v),
          row.number("baseline", DIGITS, DECIMALS, v), row.requiredNumber("target", DIGITS, DECIMALS, v),
          row.number("currentValue", DIGITS, DECIMALS, v), row.requiredDate("dueDate", v)));
    }
    return kpis;
  }

  private static List<SuccessPlan.Milestone> milestoneRows(Object value, Validation v) {
    List<SuccessPlan.Milestone> milestones = new ArrayList<>();
    for (FormValues.Row row : FormValues.rows(value, MILESTONES, MILESTONE_FIELDS, v)) {
      String name = row.requiredText("name", 300, v);
      String team = row.requiredChoice("ownerTeam", Groups.TEAMS, v);
      LocalDate due = row.requiredDate("dueDate", v);
      String status = row.choice("status", List.of(SuccessPlan.Milestone.OPEN, SuccessPlan.Milestone.DONE), v);
      milestones.add(new SuccessPlan.Milestone(name, team, due, status == null ? SuccessPlan.Milestone.OPEN : status));
    }
    return milestones;
  }

  private static List<SuccessPlan.Kpi> kpiLines(Object value, Validation v) {
    List<SuccessPlan.Kpi> kpis = new ArrayList<>();
    for (FormValues.Line line : FormValues.lines(value)) {
      String[] c = line.cells().toArray(String[]::new);
      String where = line.where();
      if (c.length != 6) {
        v.reject(KPIS, where + "needs 6 parts: name | unit | baseline | target | current | YYYY-MM-DD");
        continue;
      }
      kpis.add(new SuccessPlan.Kpi(c[0], c[1].isEmpty() ? null : c[1], decimal(c[2], KPIS, where + "baseline", v),
          decimal(c[3], KPIS, where + "target", v), decimal(c[4], KPIS, where + "current value", v),
          date(c[5], KPIS, where, v)));
    }
    return kpis;
  }

  private static List<SuccessPlan.Milestone> milestoneLines(Object value, Validation v) {
    List<SuccessPlan.Milestone> milestones = new ArrayList<>();
    for (FormValues.Line line : FormValues.lines(value)) {
      String[] c = line.cells().toArray(String[]::new);
      String where = line.where();
      if (c.length < 3 || c.length > 4) {
        v.reject(MILESTONES, where + "needs name | owner team | YYYY-MM-DD | open or done");
        continue;
      }
      milestones.add(new SuccessPlan.Milestone(c[0], c[1], date(c[2], MILESTONES, where, v),
          c.length == 4 ? c[3] : SuccessPlan.Milestone.OPEN));
    }
    return milestones;
  }

  private static BigDecimal decimal(String value, String field, String what, Validation v) {
    if (value.isEmpty()) {
      return null;
    }
    try {
      return new BigDecimal(value.replace(",", ""));
    } catch (NumberFormatException e) {
      v.reject(field, what + " '" + value + "' is not a number");
      return null;
    }
  }

  private static LocalDate date(String value, String field, String where, Validation v) {
    try {
      return value.isEmpty() ? null : LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      v.reject(field, where + "'" + value + "' is not a date (YYYY-MM-DD)");
      return null;
    }
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }

  private static String number(BigDecimal value) {
    return value == null ? "" : value.stripTrailingZeros().toPlainString();
  }

  private static BigDecimal plain(BigDecimal value) {
    return value == null ? null : value.stripTrailingZeros();
  }
}
