package io.csplaybooks.onboarding;

import io.csplaybooks.account.Accounts;
import io.csplaybooks.account.LifecycleStage;
import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.PlaybookEvent;
import io.csplaybooks.playbook.PlaybookEvents;
import io.csplaybooks.playbook.PlaybookStep;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * "Complete onboarding": the account moves to adoption and "OnboardingCompleted" is announced, for
 * the playbooks that follow (QBR cycle, renewal) to start.
 */
@PlaybookStep(value = "completeOnboarding",
    name = "Complete onboarding",
    description = "Onboarding: the account moves to adoption and onboarding is announced complete, which starts the QBR"
        + " cycle.",
    sends = PlaybookEvent.ONBOARDING_COMPLETED)
class CompleteOnboarding implements JavaDelegate {

  private final Accounts accounts;
  private final PlaybookEvents events;

  public CompleteOnboarding(Accounts accounts, PlaybookEvents events) {
    this.accounts = accounts;
    this.events = events;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long accountId = AccountId.from(execution).value();
    accounts.moveToStage(accountId, LifecycleStage.ADOPTION, "onboarding completed", "onboarding playbook");
    events.publish(PlaybookEvent.ONBOARDING_COMPLETED, new AccountId(accountId), Map.of());
  }
}
