package io.csplaybooks.intervention;

import io.csplaybooks.account.Accounts;
import io.csplaybooks.account.LifecycleStage;
import io.csplaybooks.common.EngineClock;
import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.PlaybookEvent;
import io.csplaybooks.playbook.PlaybookEvents;
import io.csplaybooks.playbook.PlaybookStep;
import io.csplaybooks.playbook.PlaybookVariables;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * "Record outcome" (saved, accepted or churned, given by the step): stored with the reasons for save
 * rates per reason; the account leaves at-risk when saved, is churned when churned.
 */
@PlaybookStep(value = "recordOutcome",
    name = "Record outcome",
    description = "Save play: closes the intervention as saved (the account leaves at-risk), accepted (the risk stays, "
        + "owned) or churned (the account churns and its other playbooks end).",
    sends = PlaybookEvent.ACCOUNT_CHURNED,
    inputs = @PlaybookStep.Input(name = InterventionVariables.RESULT, label = "Outcome", choices = {
        InterventionVariables.Result.SAVED, InterventionVariables.Result.ACCEPTED, InterventionVariables.Result.CHURNED}))
class RecordOutcome implements JavaDelegate {

  private final InterventionRepository interventions;
  private final Accounts accounts;
  private final PlaybookEvents events;

  public RecordOutcome(InterventionRepository interventions, Accounts accounts, PlaybookEvents events) {
    this.interventions = interventions;
    this.accounts = accounts;
    this.events = events;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String outcome = (String) execution.getVariableLocal(InterventionVariables.RESULT);
    long accountId = AccountId.from(execution).value();
    long interventionId = PlaybookVariables.interventionId(execution);
    InterventionRepository.Row row = interventions.find(interventionId).orElseThrow();
    interventions.close(interventionId, accountId, outcome);
    switch (outcome) {
      case InterventionVariables.Result.SAVED -> accounts.moveToStage(accountId, LifecycleStage.AT_RISK.code().equals(row.previousStage())
          ? LifecycleStage.ADOPTION : LifecycleStage.fromCode(row.previousStage()), "saved by the save play",
          "churn-intervention playbook");
      case InterventionVariables.Result.CHURNED -> {
        // One churn path: the account's other playbooks end themselves through their "Account churned".
        String reason = "the save play ended: churned";
        if (accounts.recordChurn(accountId, EngineClock.today(), reason, "churn-intervention playbook")) {
          events.publishToOthers(PlaybookEvent.ACCOUNT_CHURNED, new AccountId(accountId),
              execution.getProcessInstanceId(), Map.of(PlaybookVariables.CHURN_REASON, reason));
        }
      }
      default -> {
        // accepted: the account stays at risk, with the risk known and owned
      }
    }
    execution.getProcessInstance().setVariable(InterventionVariables.OUTCOME, outcome);
  }
}
