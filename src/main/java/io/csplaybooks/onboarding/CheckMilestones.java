package io.csplaybooks.onboarding;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Check milestones": onboarding completes only when every milestone of the success plan is done. */
@Component("checkMilestones")
public class CheckMilestones implements JavaDelegate {

  private final SuccessPlans plans;

  public CheckMilestones(SuccessPlans plans) {
    this.plans = plans;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long accountId = ((Number) execution.getVariable(OnboardingVariables.ACCOUNT_ID)).longValue();
    execution.setVariable(OnboardingVariables.ALL_MILESTONES_DONE,
        plans.find(accountId).map(plan -> plan.openMilestones().isEmpty()).orElse(true));
  }
}
