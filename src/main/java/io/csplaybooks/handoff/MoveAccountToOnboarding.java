package io.csplaybooks.handoff;

import io.csplaybooks.account.Accounts;
import io.csplaybooks.account.LifecycleStage;
import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.PlaybookStep;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/** "Move account to onboarding": the kickoff is held, the handoff is over. */
@PlaybookStep(value = "moveAccountToOnboarding",
    name = "Move account to onboarding",
    description = "Handoff: the kickoff is held, the account's lifecycle moves to onboarding.")
class MoveAccountToOnboarding implements JavaDelegate {

  private final Accounts accounts;

  public MoveAccountToOnboarding(Accounts accounts) {
    this.accounts = accounts;
  }

  @Override
  public void execute(DelegateExecution execution) {
    accounts.moveToStage(AccountId.from(execution).value(), LifecycleStage.ONBOARDING, "kickoff held",
        "sales-handoff playbook");
  }
}
