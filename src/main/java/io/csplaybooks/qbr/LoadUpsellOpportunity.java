package io.csplaybooks.qbr;

import io.csplaybooks.account.Account;
import io.csplaybooks.account.Accounts;
import io.csplaybooks.account.Contract;
import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.PlaybookStep;
import io.csplaybooks.playbook.PlaybookVariables;
import io.csplaybooks.playbook.TaskFormFields;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * Task listener (create) on "Pursue upsell opportunity": the account, its ARR and renewal date, and the
 * expansion signals of the QBR that just ended (the latest outcome, read when the task is created).
 */
@PlaybookStep(value = "loadUpsellOpportunity",
    name = "Load upsell opportunity",
    description = "Listener of \"Pursue upsell opportunity\" (on create): the account, its ARR and renewal date, and "
        + "the QBR's expansion signals.")
class LoadUpsellOpportunity extends TaskFormFields {

  private final Accounts accounts;
  private final QbrRepository qbrs;

  public LoadUpsellOpportunity(Accounts accounts, QbrRepository qbrs) {
    this.accounts = accounts;
    this.qbrs = qbrs;
  }

  @Override
  protected Map<String, Object> fields(DelegateTask task) {
    long accountId = AccountId.from(task).value();
    Account account = accounts.findById(accountId).orElseThrow();
    QbrHistory.Outcome outcome = qbrs.latestOutcome(accountId).orElseThrow();
    Map<String, Object> fields = new HashMap<>();
    fields.put(PlaybookVariables.ACCOUNT_NAME, account.name());
    fields.put(QbrVariables.ACCOUNT_SUMMARY, account.segment().code() + ", ARR "
        + (account.arr() == null ? "unknown" : account.arr().stripTrailingZeros().toPlainString())
        + accounts.contractsOf(accountId).stream().map(Contract::endDate).max(Comparator.naturalOrder())
            .map(end -> ", renews " + end).orElse(""));
    fields.put(PlaybookVariables.CSM_ID, account.csmId());
    fields.put(QbrVariables.EXPANSION_SIGNALS, outcome.expansionSignals());
    fields.put(QbrVariables.ROUND_LABEL, "QBR round " + outcome.round() + (outcome.heldOn() == null ? "" : " held on " + outcome.heldOn()));
    fields.put(QbrVariables.OPPORTUNITY_NOTES, null);
    task.setDescription("Expansion signals from the QBR with " + account.name() + ": " + outcome.expansionSignals());
    return fields;
  }
}
