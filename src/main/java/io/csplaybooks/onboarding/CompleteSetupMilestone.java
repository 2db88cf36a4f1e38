package io.csplaybooks.onboarding;

import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.PlaybookStep;
import io.csplaybooks.playbook.StepContext;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

/** Task listener (complete) on "Set up requirement": the matching success-plan milestone is done. */
@PlaybookStep(value = "completeSetupMilestone",
    name = "Complete setup milestone",
    description = "Listener of \"Set up requirement\" (on complete): the matching milestone of the success plan is "
        + "done.")
class CompleteSetupMilestone implements TaskListener {

  private final SuccessPlans plans;

  public CompleteSetupMilestone(SuccessPlans plans) {
    this.plans = plans;
  }

  @Override
  public void notify(DelegateTask task) {
    String item = (String) task.getVariable(OnboardingVariables.SETUP_ITEM);
    plans.markDone(AccountId.from(task).value(), SuccessPlans.SETUP_PREFIX + item, StepContext.actor(task));
  }
}
