package io.csplaybooks.handoff;

import static io.csplaybooks.handoff.HandoffVariables.ACCOUNT_ID;
import static io.csplaybooks.handoff.HandoffVariables.CONTRACT_ID;

import io.csplaybooks.playbook.PlaybookEvents;
import io.csplaybooks.playbook.PlaybookMessages;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import io.csplaybooks.playbook.PlaybookStep;

/**
 * "Contract term started": the renewal of this term starts with the contract (and waits until 120
 * days before its end).
 */
@PlaybookStep("announceContractTerm")
public class AnnounceContractTerm implements JavaDelegate {

  private final PlaybookEvents events;

  public AnnounceContractTerm(PlaybookEvents events) {
    this.events = events;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object accountId = execution.getVariable(ACCOUNT_ID);
    events.publish(PlaybookMessages.CONTRACT_TERM_STARTED, String.valueOf(accountId),
        Map.of(ACCOUNT_ID, accountId, CONTRACT_ID, execution.getVariable(CONTRACT_ID)));
  }
}
