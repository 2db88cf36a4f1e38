package io.csplaybooks.onboarding;

import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.PlaybookStep;
import io.csplaybooks.playbook.TaskForm;
import io.csplaybooks.playbook.TaskFormFields;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;

/** Task listener (create): the current success plan, into the task's own variables for its form. */
@PlaybookStep(value = "loadSuccessPlan",
    name = "Load success plan",
    description = "Listener of a success plan task (on create): the current success plan into the task's form.")
class LoadSuccessPlan extends TaskFormFields {

  private final SuccessPlans plans;

  public LoadSuccessPlan(SuccessPlans plans) {
    this.plans = plans;
  }

  @Override
  protected Map<String, Object> fields(DelegateTask task) {
    return SuccessPlanForm.fields(plans.find(AccountId.from(task).value()).orElseThrow(), TaskForm.of(task));
  }
}
