package io.csplaybooks.intervention;

import io.csplaybooks.common.InvalidInputException;
import io.csplaybooks.onboarding.SuccessPlan;
import io.csplaybooks.onboarding.SuccessPlans;
import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.FormValues;
import io.csplaybooks.playbook.PlaybookStep;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * Task listener (complete) on "Agree corrective action plan": each action, "action | owner team |
 * YYYY-MM-DD", becomes an open milestone of the customer's success plan.
 */
@PlaybookStep("addCorrectiveActions")
public class AddCorrectiveActions implements TaskListener {

  private final SuccessPlans plans;

  public AddCorrectiveActions(SuccessPlans plans) {
    this.plans = plans;
  }

  @Override
  public void notify(DelegateTask task) {
    List<SuccessPlan.Milestone> actions = new ArrayList<>();
    for (FormValues.Line line : FormValues.lines(task.getVariable("correctiveActions"))) {
      String[] cells = line.cells().toArray(String[]::new);
      if (cells.length != 3) {
        throw new InvalidInputException("correctiveActions", line.where() + "needs action | owner team | YYYY-MM-DD");
      }
      try {
        actions.add(new SuccessPlan.Milestone(cells[0].trim(), cells[1].trim(), LocalDate.parse(cells[2].trim()),
            SuccessPlan.Milestone.OPEN));
      } catch (DateTimeParseException e) {
        throw new InvalidInputException("correctiveActions", line.where() + "'" + cells[2].trim()
            + "' is not a date (YYYY-MM-DD)");
      }
    }
    if (actions.isEmpty()) {
      throw new InvalidInputException("correctiveActions", "agree at least one action with the customer");
    }
    long accountId = AccountId.from(task).value();
    SuccessPlan.Content current = plans.find(accountId).map(SuccessPlan::content)
        .orElse(new SuccessPlan.Content(null, List.of(), List.of(), List.of(), List.of()));
    List<SuccessPlan.Milestone> milestones = new ArrayList<>(current.milestones());
    milestones.addAll(actions);
    String user = task.getAssignee() == null ? "engine" : task.getAssignee();
    plans.update(accountId, new SuccessPlan.Content(current.version(), current.goals(), current.challenges(),
        current.kpis(), milestones), user, "corrective action plan");
  }
}
