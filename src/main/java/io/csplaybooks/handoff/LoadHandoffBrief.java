package io.csplaybooks.handoff;

import io.csplaybooks.account.Account;
import io.csplaybooks.account.Accounts;
import io.csplaybooks.account.Contract;
import io.csplaybooks.playbook.PlaybookStep;
import io.csplaybooks.playbook.PlaybookVariables;
import io.csplaybooks.playbook.TaskForm;
import io.csplaybooks.playbook.TaskFormFields;
import io.csplaybooks.security.People;
import io.csplaybooks.security.Person;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * Task listener (create): puts the current brief into the task's own variables, so its form shows
 * it. Task-local, so they leave with the task and the process keeps only identifiers.
 */
@PlaybookStep(value = "loadHandoffBrief",
    name = "Load handoff brief",
    description = "Listener of a handoff task (on create): the handoff's brief into the task's form.")
class LoadHandoffBrief extends TaskFormFields {

  private final HandoffRepository handoffs;
  private final Accounts accounts;
  private final People people;

  public LoadHandoffBrief(HandoffRepository handoffs, Accounts accounts, People people) {
    this.handoffs = handoffs;
    this.accounts = accounts;
    this.people = people;
  }

  @Override
  protected Map<String, Object> fields(DelegateTask task) {
    long handoffId = PlaybookVariables.handoffId(task);
    Handoff handoff = handoffs.findById(handoffId).orElseThrow();
    Account account = accounts.findById(handoff.accountId()).orElseThrow();
    Contract contract = accounts.findContract(handoff.contractId()).orElse(null);
    HandoffBrief brief = handoffs.brief(handoff);
    Map<String, Object> fields = BriefForm.fields(brief, TaskForm.of(task));
    fields.put(PlaybookVariables.ACCOUNT_NAME, account.name());
    fields.put(HandoffVariables.ACCOUNT_SUMMARY, account.segment().code() + ", " + account.region() + ", ARR " + BriefText.arr(account));
    fields.put(HandoffVariables.CONTRACT_TERM, contract == null ? "" : contract.contractId() + ": " + contract.startDate()
        + " to " + contract.endDate());
    fields.put(HandoffVariables.ACCOUNT_EXECUTIVE_NAME, people.find(handoff.accountExecutiveId()).map(Person::displayName)
        .orElse(handoff.accountExecutiveId()));
    return fields;
  }
}
