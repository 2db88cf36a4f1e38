package io.csplaybooks.onboarding;

import io.csplaybooks.account.Accounts;
import io.csplaybooks.account.LifecycleStage;
import io.csplaybooks.intervention.InterventionVariables;
import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.PlaybookEvent;
import io.csplaybooks.playbook.PlaybookEvents;
import io.csplaybooks.playbook.PlaybookStep;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * "Flag account at risk": still onboarding 90 days after contract start. The account becomes
 * at-risk and "AccountAtRisk" (reason: stalled onboarding) is announced for the churn-intervention
 * playbook.
 */
@PlaybookStep(value = "flagStalledOnboarding",
    name = "Flag account at risk",
    description = "Onboarding: still onboarding 90 days after the contract started; the account is at risk and the save"
        + " play starts (reason: stalled onboarding).",
    sends = PlaybookEvent.ACCOUNT_AT_RISK)
class FlagStalledOnboarding implements JavaDelegate {

  public static final String STALLED_ONBOARDING = "stalled onboarding";

  private final Accounts accounts;
  private final PlaybookEvents events;

  public FlagStalledOnboarding(Accounts accounts, PlaybookEvents events) {
    this.accounts = accounts;
    this.events = events;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long accountId = AccountId.from(execution).value();
    accounts.moveToStage(accountId, LifecycleStage.AT_RISK, STALLED_ONBOARDING, "onboarding playbook");
    events.publish(PlaybookEvent.ACCOUNT_AT_RISK, new AccountId(accountId), Map.of(InterventionVariables.RISK_REASON, STALLED_ONBOARDING));
  }
}
