package io.csplaybooks.onboarding;

import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.PlaybookStep;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/** "Check milestones": onboarding completes only when every milestone of the success plan is done. */
@PlaybookStep(value = "checkMilestones",
    name = "Check milestones",
    description = "Onboarding: whether every milestone of the success plan is done (allMilestonesDone).")
class CheckMilestones implements JavaDelegate {

  private final SuccessPlans plans;

  public CheckMilestones(SuccessPlans plans) {
    this.plans = plans;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long accountId = AccountId.from(execution).value();
    execution.setVariable(OnboardingVariables.ALL_MILESTONES_DONE,
        plans.find(accountId).map(plan -> plan.openMilestones().isEmpty()).orElse(true));
  }
}
