package io.csplaybooks.onboarding;

import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.PlaybookStep;
import io.csplaybooks.playbook.StepContext;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * Task listener (complete): saves the submitted plan, validated, as a new version with who and why.
 * Invalid lines refuse the completion with the line and the reason.
 */
@PlaybookStep(value = "saveSuccessPlan",
    name = "Save success plan",
    description = "Listener of a success plan task (on complete): the plan as a new version, with who and why; invalid "
        + "lines refuse the completion.")
class SaveSuccessPlan implements TaskListener {

  private final SuccessPlans plans;

  public SaveSuccessPlan(SuccessPlans plans) {
    this.plans = plans;
  }

  @Override
  public void notify(DelegateTask task) {
    plans.update(AccountId.from(task).value(), SuccessPlanForm.parse(task.getVariables()), StepContext.actor(task),
        "task: " + task.getName());
  }
}
