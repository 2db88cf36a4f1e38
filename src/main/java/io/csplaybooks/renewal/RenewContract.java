package io.csplaybooks.renewal;

import io.csplaybooks.account.Accounts;
import io.csplaybooks.account.Contract;
import io.csplaybooks.account.LifecycleStage;
import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.PlaybookEvent;
import io.csplaybooks.playbook.PlaybookEvents;
import io.csplaybooks.playbook.PlaybookStep;
import io.csplaybooks.playbook.PlaybookVariables;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * "Start next contract term": the renewed term (one year from the old end, at the new ARR) is
 * recorded, the account's ARR follows, and "ContractTermStarted" starts the next term's renewal.
 */
@PlaybookStep(value = "renewContract",
    name = "Start next contract term",
    description = "Renewal: the renewed term is recorded, the account's ARR follows, and the next term's renewal "
        + "starts.",
    sends = PlaybookEvent.CONTRACT_TERM_STARTED)
class RenewContract implements JavaDelegate {

  private final RenewalRepository renewals;
  private final Accounts accounts;
  private final PlaybookEvents events;

  public RenewContract(RenewalRepository renewals, Accounts accounts, PlaybookEvents events) {
    this.renewals = renewals;
    this.accounts = accounts;
    this.events = events;
  }

  @Override
  public void execute(DelegateExecution execution) {
    RenewalRepository.Renewal renewal = renewals.find(PlaybookVariables.renewalId(execution))
        .orElseThrow();
    Contract old = accounts.findContract(renewal.contractId()).orElseThrow();
    String next = nextContractId(old.contractId());
    accounts.insertContract(old.renewedAs(next, old.endDate().plusDays(1), old.endDate().plusYears(1),
        renewal.arrAfter()));
    accounts.recomputeArr(old.accountId());
    accounts.moveToStage(old.accountId(), LifecycleStage.ADOPTION, "renewed as " + next, "renewal playbook");
    events.publish(PlaybookEvent.CONTRACT_TERM_STARTED, new AccountId(old.accountId()), Map.of(PlaybookVariables.CONTRACT_ID, next));
  }

  /** C-1 becomes C-1/R1, C-1/R1 becomes C-1/R2: the CRM's id stays recognizable. */
  static String nextContractId(String contractId) {
    int at = contractId.lastIndexOf("/R");
    if (at > 0) {
      try {
        return contractId.substring(0, at) + "/R" + (Integer.parseInt(contractId.substring(at + 2)) + 1);
      } catch (NumberFormatException e) {
        // not ours: append
      }
    }
    return contractId + "/R1";
  }
}
