package io.csplaybooks.handoff;

import static io.csplaybooks.handoff.HandoffVariables.HANDOFF_ID;

import io.csplaybooks.account.Account;
import io.csplaybooks.account.AccountRepository;
import io.csplaybooks.account.Contract;
import io.csplaybooks.security.People;
import io.csplaybooks.security.Person;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import io.csplaybooks.playbook.PlaybookStep;

/**
 * Task listener (create): puts the current brief into the task's own variables, so its form shows
 * it. Task-local, so they leave with the task and the process keeps only identifiers.
 */
@PlaybookStep("loadHandoffBrief")
public class LoadHandoffBrief implements TaskListener {

  private final HandoffRepository handoffs;
  private final AccountRepository accounts;
  private final People people;

  public LoadHandoffBrief(HandoffRepository handoffs, AccountRepository accounts, People people) {
    this.handoffs = handoffs;
    this.accounts = accounts;
    this.people = people;
  }

  @Override
  public void notify(DelegateTask task) {
    long handoffId = ((Number) task.getVariable(HANDOFF_ID)).longValue();
    Handoff handoff = handoffs.findById(handoffId).orElseThrow();
    Account account = accounts.findById(handoff.accountId()).orElseThrow();
    Contract contract = accounts.findContract(handoff.contractId()).orElse(null);
    HandoffBrief brief = handoffs.brief(handoff);
    Map<String, Object> fields = BriefForm.fields(brief);
    fields.put("accountName", account.name());
    fields.put("accountSummary", account.segment().code() + ", " + account.region() + ", ARR " + BriefText.arr(account));
    fields.put("contractTerm", contract == null ? "" : contract.contractId() + ": " + contract.startDate()
        + " to " + contract.endDate());
    fields.put("accountExecutiveName", people.find(handoff.accountExecutiveId()).map(Person::displayName)
        .orElse(handoff.accountExecutiveId()));
    task.setVariablesLocal(fields);
  }
}
