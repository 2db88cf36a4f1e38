package io.csplaybooks.handoff;

import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.PlaybookVariables;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

/**
 * A closed contract, recorded: the identifiers the handoff playbook carries. An expansion is a
 * contract for a customer we already serve: the expansion handoff, not the new-customer handoff.
 */
record Registration(
    long handoffId, long accountId, String contractId, String accountExecutive, Date kickoffDueDate,
    boolean expansion) {

  public Map<String, Object> processVariables() {
    Map<String, Object> variables = new HashMap<>();
    variables.put(PlaybookVariables.HANDOFF_ID, handoffId);
    variables.put(AccountId.VARIABLE, accountId);
    variables.put(PlaybookVariables.CONTRACT_ID, contractId);
    variables.put(PlaybookVariables.ACCOUNT_EXECUTIVE, accountExecutive);
    variables.put(HandoffVariables.KICKOFF_DUE_DATE, kickoffDueDate);
    return variables;
  }
}
