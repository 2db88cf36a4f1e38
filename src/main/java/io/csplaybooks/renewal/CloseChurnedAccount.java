package io.csplaybooks.renewal;

import io.csplaybooks.account.Accounts;
import io.csplaybooks.common.EngineClock;
import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.PlaybookEvent;
import io.csplaybooks.playbook.PlaybookEvents;
import io.csplaybooks.playbook.PlaybookStep;
import io.csplaybooks.playbook.PlaybookVariables;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * "Close churned account": the renewal was lost, so the account is churned, and "AccountChurned"
 * tells the account's other playbooks, each of which ends itself ("Account churned" in its BPMN).
 */
@PlaybookStep(value = "closeChurnedAccount",
    name = "Close churned account",
    description = "Renewal: the renewal was lost, the account churns and its other playbooks end.",
    sends = PlaybookEvent.ACCOUNT_CHURNED)
class CloseChurnedAccount implements JavaDelegate {

  private final Accounts accounts;
  private final RenewalRepository renewals;
  private final PlaybookEvents events;

  public CloseChurnedAccount(Accounts accounts, RenewalRepository renewals, PlaybookEvents events) {
    this.accounts = accounts;
    this.renewals = renewals;
    this.events = events;
  }

  @Override
  public void execute(DelegateExecution execution) {
    AccountId account = AccountId.of(execution.getVariable(AccountId.VARIABLE));
    RenewalRepository.Renewal renewal = renewals.find(PlaybookVariables.renewalId(execution))
        .orElseThrow();
    String reason = renewals.churnReason(renewal.id());
    if (accounts.recordChurn(account.value(), EngineClock.today(), reason, "renewal playbook")) {
      events.publishToOthers(PlaybookEvent.ACCOUNT_CHURNED, account, execution.getProcessInstanceId(),
          Map.of(PlaybookVariables.CHURN_REASON, reason));
    }
  }
}
