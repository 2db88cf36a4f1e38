package io.csplaybooks.handoff;

import static io.csplaybooks.playbook.PlaybookVariables.CSM_ID;

import io.csplaybooks.account.Accounts;
import io.csplaybooks.common.InvalidInputException;
import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.PlaybookStep;
import io.csplaybooks.security.Groups;
import io.csplaybooks.security.People;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/** "Assign CSM to account": the chosen (or manager-confirmed) CSM owns the account from now on. */
@PlaybookStep(value = "assignCsm",
    name = "Assign CSM to account",
    description = "Handoff: the chosen or confirmed CSM (csmId) owns the account from now on.")
class AssignCsm implements JavaDelegate {

  private final People people;
  private final Accounts accounts;

  public AssignCsm(People people, Accounts accounts) {
    this.people = people;
    this.accounts = accounts;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String csmId = (String) execution.getVariable(CSM_ID);
    if (csmId == null || csmId.isBlank()) {
      throw new InvalidInputException(CSM_ID, "is required: choose the CSM who takes the account");
    }
    csmId = csmId.trim();
    if (people.find(csmId).isEmpty()) {
      throw new InvalidInputException(CSM_ID, "no user '" + csmId + "'");
    }
    if (!people.isMember(csmId, Groups.CS)) {
      throw new InvalidInputException(CSM_ID, "user '" + csmId + "' is not in the CS team");
    }
    execution.setVariable(CSM_ID, csmId);
    accounts.assignCsm(AccountId.from(execution).value(), csmId);
  }
}
