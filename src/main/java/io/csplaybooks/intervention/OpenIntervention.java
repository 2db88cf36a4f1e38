package io.csplaybooks.intervention;

import static io.csplaybooks.intervention.InterventionVariables.JOINED_OPEN;
import static io.csplaybooks.intervention.InterventionVariables.RISK_REASON;
import static io.csplaybooks.playbook.PlaybookVariables.ACCOUNT_EXECUTIVE;
import static io.csplaybooks.playbook.PlaybookVariables.CSM_ID;
import static io.csplaybooks.playbook.PlaybookVariables.INTERVENTION_ID;

import io.csplaybooks.account.Account;
import io.csplaybooks.account.Accounts;
import io.csplaybooks.account.LifecycleStage;
import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.PlaybookEvent;
import io.csplaybooks.playbook.PlaybookEvents;
import io.csplaybooks.playbook.PlaybookStep;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * "Open intervention": at most one per account. If one is open, this trigger joins it (the open one
 * hears "InterventionTriggered") and this instance ends; otherwise the account becomes at-risk. Two
 * alarms at the same moment, on one node or two, both find none open; the database lets one of them
 * open it and the other joins it.
 */
@PlaybookStep(value = "openIntervention",
    name = "Open intervention",
    description = "Save play: opens the account's one intervention and marks it at risk; if one is open, this alarm "
        + "joins it (joinedOpen) and tells it. Claims a database key, so it starts after an async boundary.",
    asyncBefore = true, sends = PlaybookEvent.INTERVENTION_TRIGGERED)
class OpenIntervention implements JavaDelegate {

  private final InterventionRepository interventions;
  private final Accounts accounts;
  private final PlaybookEvents events;

  public OpenIntervention(InterventionRepository interventions, Accounts accounts, PlaybookEvents events) {
    this.interventions = interventions;
    this.accounts = accounts;
    this.events = events;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long accountId = AccountId.from(execution).value();
    String reason = (String) execution.getVariable(RISK_REASON);
    Optional<InterventionRepository.Open> open = interventions.findOpen(accountId);
    if (open.isEmpty()) {
      Account account = accounts.findById(accountId).orElseThrow();
      Optional<Long> id = interventions.open(accountId, execution.getProcessInstanceId(),
          reason == null ? "health turned red" : "at risk", reason, account.lifecycleStage().code());
      if (id.isPresent()) {
        accounts.moveToStage(accountId, LifecycleStage.AT_RISK, reason == null ? "health turned red" : reason,
            "churn-intervention playbook");
        execution.setVariable(JOINED_OPEN, false);
        execution.setVariable(INTERVENTION_ID, id.get());
        execution.setVariable(CSM_ID, account.csmId());
        execution.setVariable(ACCOUNT_EXECUTIVE, account.accountExecutiveId());
        return;
      }
      // Another alarm opened it at the same moment, and has committed: join that one.
      open = interventions.findOpen(accountId);
      if (open.isEmpty()) {
        throw new IllegalStateException("account " + accountId + ": another alarm opened a save play at the same"
            + " moment, which is not to be seen now; the job is retried");
      }
    }
    events.tell(PlaybookEvent.INTERVENTION_TRIGGERED, open.get().processInstanceId(),
        Map.of(InterventionVariables.LAST_TRIGGER, reason == null ? "health turned red" : reason));
    execution.setVariable(JOINED_OPEN, true);
  }
}
