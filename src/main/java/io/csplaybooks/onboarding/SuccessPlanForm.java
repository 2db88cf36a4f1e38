package io.csplaybooks.onboarding;

import io.csplaybooks.common.Validation;
import io.csplaybooks.playbook.FormValues;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The success plan as the Camunda Form edits it: one line per goal and challenge;
 * KPIs as "name | unit | baseline | target | current | YYYY-MM-DD";
 * milestones as "name | owner team | YYYY-MM-DD | open or done".
 */
final class SuccessPlanForm {

  static final String GOALS = "planGoals";
  static final String CHALLENGES = "planChallenges";
  static final String KPIS = "planKpis";
  static final String MILESTONES = "planMilestones";
  static final String VERSION = "planVersion";

  private SuccessPlanForm() {}

  static Map<String, Object> fields(SuccessPlan plan) {
    Map<String, Object> fields = new HashMap<>();
    fields.put(GOALS, String.join("\n", plan.goals()));
    fields.put(CHALLENGES, String.join("\n", plan.challenges()));
    fields.put(KPIS, plan.kpis().stream()
        .map(k -> String.join(" | ", text(k.name()), text(k.unit()), number(k.baseline()), number(k.target()),
            number(k.currentValue()), String.valueOf(k.dueDate())))
        .collect(Collectors.joining("\n")));
    fields.put(MILESTONES, plan.milestones().stream()
        .map(m -> String.join(" | ", m.name(), m.ownerTeam(), String.valueOf(m.dueDate()), m.status()))
        .collect(Collectors.joining("\n")));
    fields.put(VERSION, plan.version());
    return fields;
  }

  static SuccessPlan.Content parse(Map<String, Object> values) {
    Validation v = new Validation();
    List<SuccessPlan.Kpi> kpis = new ArrayList<>();
    for (FormValues.Line line : FormValues.lines(values.get(KPIS))) {
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
    List<SuccessPlan.Milestone> milestones = new ArrayList<>();
    for (FormValues.Line line : FormValues.lines(values.get(MILESTONES))) {
      String[] c = line.cells().toArray(String[]::new);
      String where = line.where();
      if (c.length < 3 || c.length > 4) {
        v.reject(MILESTONES, where + "needs name | owner team | YYYY-MM-DD | open or done");
        continue;
      }
      milestones.add(new SuccessPlan.Milestone(c[0], c[1], date(c[2], MILESTONES, where, v),
          c.length == 4 ? c[3] : SuccessPlan.Milestone.OPEN));
    }
    v.throwIfInvalid();
    Object version = values.get(VERSION);
    return new SuccessPlan.Content(version instanceof Number n ? n.intValue() : null, FormValues.texts(values.get(GOALS)),
        FormValues.texts(values.get(CHALLENGES)), kpis, milestones);
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
}
