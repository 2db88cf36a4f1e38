package io.csplaybooks.intervention;

import io.csplaybooks.account.Accounts;
import io.csplaybooks.account.LifecycleStage;
import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.PlaybookStep;
import io.csplaybooks.playbook.PlaybookVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;

/**
 * Execution listener (end) of the save play: however the play ends (the account churned, the
 * renewal that ran it ended, an administrator cancelled it), its intervention does not stay open,
 * so the account's next alarm opens a new one instead of joining a play that is gone. A play that
 * recorded its outcome is left as it is.
 */
@PlaybookStep(value = "closeOpenIntervention",
    name = "Close open intervention",
    description = "Listener of the save play (on end): however the play ends, its intervention does not stay open.")
class CloseOpenIntervention implements ExecutionListener {

  private final InterventionRepository interventions;
  private final Accounts accounts;

  public CloseOpenIntervention(InterventionRepository interventions, Accounts accounts) {
    this.interventions = interventions;
    this.accounts = accounts;
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (!execution.hasVariable(PlaybookVariables.INTERVENTION_ID)) {
      // This alarm joined the play that was open, or never opened one.
      return;
    }
    long accountId = AccountId.from(execution).value();
    boolean churned = accounts.findById(accountId).map(a -> a.lifecycleStage() == LifecycleStage.CHURNED).orElse(false);
    interventions.endIfOpen(PlaybookVariables.interventionId(execution), accountId, churned ? "churned" : null);
  }
}
