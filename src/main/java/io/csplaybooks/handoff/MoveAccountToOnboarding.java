package io.csplaybooks.handoff;

import io.csplaybooks.account.AccountRepository;
import io.csplaybooks.account.LifecycleStage;
import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.PlaybookStep;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/** "Move account to onboarding": the kickoff is held, the handoff is over. */
@PlaybookStep("moveAccountToOnboarding")
public class MoveAccountToOnboarding implements JavaDelegate {

  private final AccountRepository accounts;

  public MoveAccountToOnboarding(AccountRepository accounts) {
    this.accounts = accounts;
  }

  @Override
  public void execute(DelegateExecution execution) {
    accounts.moveToStage(AccountId.from(execution).value(), LifecycleStage.ONBOARDING, "kickoff held",
        "sales-handoff playbook");
  }
}
