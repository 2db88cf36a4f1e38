package io.csplaybooks.intervention;

import io.csplaybooks.common.Validation;
import io.csplaybooks.onboarding.SuccessPlan;
import io.csplaybooks.onboarding.SuccessPlans;
import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.PlaybookStep;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * Task listener (complete) on "Agree corrective action plan": each action ({@link CorrectiveActions})
 * becomes an open milestone of the customer's success plan.
 */
@PlaybookStep(value = "addCorrectiveActions",
    name = "Add corrective actions",
    description = "Listener of \"Agree corrective action plan\" (on complete): each action becomes an open milestone of"
        + " the success plan.")
class AddCorrectiveActions implements TaskListener {

  private final SuccessPlans plans;

  public AddCorrectiveActions(SuccessPlans plans) {
    this.plans = plans;
  }

  @Override
  public void notify(DelegateTask task) {
    Validation v = new Validation();
    List<SuccessPlan.Milestone> actions = CorrectiveActions.parse(task.getVariable(CorrectiveActions.FIELD), v);
    v.throwIfInvalid();
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
