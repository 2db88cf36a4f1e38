package io.csplaybooks.renewal;

import io.csplaybooks.account.Accounts;
import io.csplaybooks.account.Contract;
import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.PlaybookStep;
import io.csplaybooks.playbook.PlaybookVariables;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.Date;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * "Open renewal": the contract term this renewal is for (the one named, else the account's latest);
 * its renewal date is the contract's end, and there is one renewal per account and renewal date. A
 * co-termed contract (a cross-sell ending with the running term) joins the running renewal of that
 * date, and this playbook ends as "Renewal already running".
 */
@PlaybookStep(value = "openRenewal",
    name = "Open renewal",
    description = "Renewal: the renewal of the playbook's contract term (one per account and renewal date; a co-termed "
        + "contract joins the running one). It starts after an async boundary, so whoever started the renewal does "
        + "not wait for it.",
    asyncBefore = true)
class OpenRenewal implements JavaDelegate {

  private final Accounts accounts;
  private final RenewalRepository renewals;
  private final RenewalDeadlines deadlines;

  public OpenRenewal(Accounts accounts, RenewalRepository renewals, RenewalDeadlines deadlines) {
    this.accounts = accounts;
    this.renewals = renewals;
    this.deadlines = deadlines;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long accountId = AccountId.from(execution).value();
    String named = (String) execution.getVariable(PlaybookVariables.CONTRACT_ID);
    Contract contract = (named != null ? accounts.findContract(named)
        : accounts.contractsOf(accountId).stream().max(Comparator.comparing(Contract::endDate)))
        .orElseThrow(() -> new IllegalStateException("account " + accountId + " has no contract to renew"));
    Optional<Long> renewal = renewals.open(contract.contractId(), accountId, execution.getProcessInstanceId(),
        contract.endDate(), contract.arr());
    execution.setVariable(RenewalVariables.ALREADY_RENEWING, renewal.isEmpty());
    execution.setVariable(PlaybookVariables.CONTRACT_ID, contract.contractId());
    if (renewal.isPresent()) {
      execution.setVariable(PlaybookVariables.RENEWAL_ID, renewal.get());
      execution.setVariable(RenewalVariables.RENEWAL_DATE, Date.from(contract.endDate().atStartOfDay(ZoneId.systemDefault()).toInstant()));
      execution.setVariable(RenewalVariables.RENEWAL_WINDOW_OPENS, deadlines.windowOpens(contract.endDate()));
    }
  }
}
