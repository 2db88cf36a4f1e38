package io.csplaybooks.intervention;

import io.csplaybooks.common.Validation;
import io.csplaybooks.onboarding.SuccessPlan;
import io.csplaybooks.playbook.FormValues;
import io.csplaybooks.security.Groups;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The corrective actions of "Agree corrective action plan", each to become an open milestone of the
 * success plan: rows of the form's dynamic list ({@link #FIELDS}), or, from the form of an earlier
 * playbook version, lines "action | owner team | YYYY-MM-DD". Plain Java, no Camunda.
 */
public final class CorrectiveActions {

  public static final String FIELD = "correctiveActions";
  /** The fields of an action row, as the form's dynamic list names them. */
  public static final List<String> FIELDS = List.of("action", "ownerTeam", "dueDate");

  private CorrectiveActions() {}

  /** The actions, each refusal naming its row and field; at least one action must be agreed. */
  public static List<SuccessPlan.Milestone> parse(Object value, Validation v) {
    List<SuccessPlan.Milestone> actions = FormValues.isLines(value) ? lines(value, v) : rows(value, v);
    if (actions.isEmpty() && v.errors().isEmpty()) {
      v.reject(FIELD, "agree at least one action with the customer");
    }
    return actions;
  }

  private static List<SuccessPlan.Milestone> rows(Object value, Validation v) {
    List<SuccessPlan.Milestone> actions = new ArrayList<>();
    for (FormValues.Row row : FormValues.rows(value, FIELD, FIELDS, v)) {
      // An action becomes a milestone: a milestone's name holds 300 characters.
      actions.add(new SuccessPlan.Milestone(row.requiredText("action", 300, v),
          row.requiredChoice("ownerTeam", Groups.TEAMS, v), row.requiredDate("dueDate", v), SuccessPlan.Milestone.OPEN));
    }
    return actions;
  }

  private static List<SuccessPlan.Milestone> lines(Object value, Validation v) {
    List<SuccessPlan.Milestone> actions = new ArrayList<>();
    for (FormValues.Line line : FormValues.lines(value)) {
      String[] cells = line.cells().toArray(String[]::new);
      if (cells.length != 3) {
        v.reject(FIELD, line.where() + "needs action | owner team | YYYY-MM-DD");
        continue;
      }
      try {
        actions.add(new SuccessPlan.Milestone(cells[0], cells[1], LocalDate.parse(cells[2]), SuccessPlan.Milestone.OPEN));
      } catch (DateTimeParseException e) {
        v.reject(FIELD, line.where() + "'" + cells[2] + "' is not a date (YYYY-MM-DD)");
      }
    }
    return actions;
  }
}
