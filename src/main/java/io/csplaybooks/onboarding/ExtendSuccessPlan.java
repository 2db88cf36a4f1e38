package io.csplaybooks.onboarding;

import static io.csplaybooks.onboarding.OnboardingVariables.SETUP_ITEMS;

import io.csplaybooks.account.Account;
import io.csplaybooks.account.Accounts;
import io.csplaybooks.account.Contract;
import io.csplaybooks.handoff.HandoffBrief;
import io.csplaybooks.handoff.HandoffBriefs;
import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.PlaybookStep;
import io.csplaybooks.playbook.PlaybookVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * "Extend success plan" (expansion handoff): the add-on's goals, risks, technical requirements and
 * promises join the account's success plan; the new requirements are what engineering sets up, and
 * the account's CSM takes the expansion over.
 */
@PlaybookStep(value = "extendSuccessPlan",
    name = "Extend success plan",
    description = "Expansion: the add-on's goals, risks, requirements and promises join the success plan; the account's"
        + " CSM takes the expansion over.")
class ExtendSuccessPlan implements JavaDelegate {

  private final HandoffBriefs handoffs;
  private final Accounts accounts;
  private final SuccessPlans plans;
  private final OnboardingDeadlines deadlines;

  public ExtendSuccessPlan(HandoffBriefs handoffs, Accounts accounts, SuccessPlans plans,
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
    plans.extend(accountId, brief, contract.contractId(), deadlines.setupMilestoneDue(),
        deadlines.promisesDue(contract.startDate()), "engine");
    Account account = accounts.findById(accountId).orElseThrow();
    execution.setVariable(PlaybookVariables.CSM_ID, account.csmId());
    execution.setVariable(SETUP_ITEMS, OnboardingVariables.setupItems(brief.technicalRequirements()));
  }
}
