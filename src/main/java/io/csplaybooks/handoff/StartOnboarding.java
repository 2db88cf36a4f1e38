package io.csplaybooks.handoff;

import static io.csplaybooks.playbook.PlaybookVariables.CSM_ID;
import static io.csplaybooks.playbook.PlaybookVariables.HANDOFF_ID;

import io.csplaybooks.account.Accounts;
import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.PlaybookEvent;
import io.csplaybooks.playbook.PlaybookEvents;
import io.csplaybooks.playbook.PlaybookStep;
import io.csplaybooks.playbook.PlaybookVariables;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/** "Kickoff held": starts the account's onboarding playbook, one at a time per account. */
@PlaybookStep(value = "startOnboarding",
    name = "Start onboarding",
    description = "Handoff: announces that the kickoff was held, which starts the account's onboarding (one at a time "
        + "per account).",
    sends = PlaybookEvent.KICKOFF_HELD)
class StartOnboarding implements JavaDelegate {

  private final PlaybookEvents events;
  private final HandoffRepository handoffs;
  private final Accounts accounts;

  public StartOnboarding(PlaybookEvents events, HandoffRepository handoffs, Accounts accounts) {
    this.events = events;
    this.handoffs = handoffs;
    this.accounts = accounts;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object accountId = execution.getVariable(AccountId.VARIABLE);
    Handoff handoff = handoffs.findById(PlaybookVariables.handoffId(execution)).orElseThrow();
    LocalDate contractStart = accounts.findContract(handoff.contractId()).orElseThrow().startDate();
    events.startOnce("onboarding", PlaybookEvent.KICKOFF_HELD, AccountId.of(accountId), Map.of(
        HANDOFF_ID, handoff.id(),
        CSM_ID, execution.getVariable(CSM_ID),
        // The onboarding clock (time to value, 90 days to stalled) runs from contract start.
        "contractStart", Date.from(contractStart.atStartOfDay(ZoneId.systemDefault()).toInstant())));
  }
}
