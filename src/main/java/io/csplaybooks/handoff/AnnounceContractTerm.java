package io.csplaybooks.handoff;

import static io.csplaybooks.playbook.PlaybookVariables.CONTRACT_ID;

import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.PlaybookEvent;
import io.csplaybooks.playbook.PlaybookEvents;
import io.csplaybooks.playbook.PlaybookStep;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * "Contract term started": the renewal of this term starts with the contract (and waits until 120
 * days before its end).
 */
@PlaybookStep(value = "announceContractTerm",
    name = "Announce contract term",
    description = "Handoff: announces that the playbook's contract (contractId) started its term, which starts that "
        + "term's renewal (it waits until 120 days before the end).",
    sends = PlaybookEvent.CONTRACT_TERM_STARTED)
class AnnounceContractTerm implements JavaDelegate {

  private final PlaybookEvents events;

  public AnnounceContractTerm(PlaybookEvents events) {
    this.events = events;
  }

  @Override
  public void execute(DelegateExecution execution) {
    events.publish(PlaybookEvent.CONTRACT_TERM_STARTED, AccountId.from(execution),
        Map.of(CONTRACT_ID, execution.getVariable(CONTRACT_ID)));
  }
}
