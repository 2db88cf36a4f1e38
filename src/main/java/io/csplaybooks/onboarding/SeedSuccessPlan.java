package io.csplaybooks.onboarding;

import static io.csplaybooks.onboarding.OnboardingVariables.FIRST_VALUE_DUE_DATE;
import static io.csplaybooks.onboarding.OnboardingVariables.PLAN_DECISION;
import static io.csplaybooks.onboarding.OnboardingVariables.SETUP_ITEMS;
import static io.csplaybooks.onboarding.OnboardingVariables.TRAINING_CADENCE_DAYS;
import static io.csplaybooks.onboarding.OnboardingVariables.TRAINING_SESSIONS;

import io.csplaybooks.account.Accounts;
import io.csplaybooks.account.Contract;
import io.csplaybooks.handoff.HandoffBrief;
import io.csplaybooks.handoff.HandoffBriefs;
import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.PlaybookStep;
import io.csplaybooks.playbook.PlaybookVariables;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * "Seed success plan": the first plan from the handoff brief, one setup item per technical
 * requirement, and the tier's training and time-to-value (from onboarding-plan.dmn) as deadlines.
 */
@PlaybookStep(value = "seedSuccessPlan",
    name = "Seed success plan",
    description = "Onboarding: the first success plan from the handoff brief, with a setup item per technical "
        + "requirement and the tier's training and time-to-value deadlines.")
class SeedSuccessPlan implements JavaDelegate {

  private final HandoffBriefs handoffs;
  private final Accounts accounts;
  private final SuccessPlans plans;
  private final OnboardingDeadlines deadlines;

  public SeedSuccessPlan(HandoffBriefs handoffs, Accounts accounts, SuccessPlans plans,
      OnboardingDeadlines deadlines) {
    this.handoffs = handoffs;
    this.accounts = accounts;
    this.plans = plans;
    this.deadlines = deadlines;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long accountId = AccountId.from(execution).value();
    HandoffBriefs.HandedOver handedOver = handoffs.of(PlaybookVariables.handoffId(execution));
    Contract contract = accounts.findContract(handedOver.contractId()).orElseThrow();
    HandoffBrief brief = handedOver.brief();
    if (plans.find(accountId).isEmpty()) {
      plans.seed(accountId, brief, deadlines.setupMilestoneDue(), deadlines.promisesDue(contract.startDate()), "engine");
    }
    Map<?, ?> decision = (Map<?, ?>) execution.getVariable(PLAN_DECISION);
    execution.removeVariable(PLAN_DECISION);
    execution.setVariable(TRAINING_SESSIONS, PlaybookVariables.number(decision.get(TRAINING_SESSIONS), TRAINING_SESSIONS).intValue());
    execution.setVariable(TRAINING_CADENCE_DAYS, PlaybookVariables.number(decision.get(TRAINING_CADENCE_DAYS), TRAINING_CADENCE_DAYS).intValue());
    execution.setVariable(FIRST_VALUE_DUE_DATE, deadlines.firstValueDue(contract.startDate(),
        PlaybookVariables.number(decision.get("timeToValueDays"), "timeToValueDays").intValue()));
    execution.setVariable(SETUP_ITEMS, OnboardingVariables.setupItems(brief.technicalRequirements()));
  }
}
