package io.csplaybooks.intervention;

import io.csplaybooks.account.AccountRepository;
import io.csplaybooks.account.LifecycleStage;
import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.PlaybookStep;
import io.csplaybooks.playbook.PlaybookVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * "Record outcome" (saved, accepted or churned, given by the step): stored with the reasons for save
 * rates per reason; the account leaves at-risk when saved, is churned when churned.
 */
@PlaybookStep("recordOutcome")
public class RecordOutcome implements JavaDelegate {

  private final InterventionRepository interventions;
  private final AccountRepository accounts;

  public RecordOutcome(InterventionRepository interventions, AccountRepository accounts) {
    this.interventions = interventions;
    this.accounts = accounts;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String outcome = (String) execution.getVariableLocal("result");
    long accountId = AccountId.from(execution).value();
    long interventionId = PlaybookVariables.interventionId(execution);
    InterventionRepository.Row row = interventions.find(interventionId).orElseThrow();
    interventions.close(interventionId, accountId, outcome);
    switch (outcome) {
      case "saved" -> accounts.moveToStage(accountId, LifecycleStage.AT_RISK.code().equals(row.previousStage())
          ? LifecycleStage.ADOPTION : LifecycleStage.fromCode(row.previousStage()));
      case "churned" -> accounts.moveToStage(accountId, LifecycleStage.CHURNED);
      default -> {
        // accepted: the account stays at risk, with the risk known and owned
      }
    }
    execution.getProcessInstance().setVariable(InterventionVariables.OUTCOME, outcome);
  }
}
