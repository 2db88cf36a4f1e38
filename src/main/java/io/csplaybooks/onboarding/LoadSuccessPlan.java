package io.csplaybooks.onboarding;

import io.csplaybooks.playbook.AccountId;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import io.csplaybooks.playbook.PlaybookStep;

/** Task listener (create): the current success plan, into the task's own variables for its form. */
@PlaybookStep("loadSuccessPlan")
public class LoadSuccessPlan implements TaskListener {

  private final SuccessPlans plans;

  public LoadSuccessPlan(SuccessPlans plans) {
    this.plans = plans;
  }

  @Override
  public void notify(DelegateTask task) {
    task.setVariablesLocal(SuccessPlanForm.fields(plans.find(AccountId.from(task).value()).orElseThrow()));
  }
}
