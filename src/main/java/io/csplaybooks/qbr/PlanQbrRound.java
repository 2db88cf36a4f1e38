package io.csplaybooks.qbr;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import io.csplaybooks.playbook.PlaybookStep;

/** "Plan next QBR": the next round, the tier's cadence after now (the start of adoption, or the last round). */
@PlaybookStep("planQbrRound")
public class PlanQbrRound implements JavaDelegate {

  private final QbrPlaybook playbook;

  public PlanQbrRound(QbrPlaybook playbook) {
    this.playbook = playbook;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(QbrVariables.ROUND, QbrVariables.round(execution) + 1);
    execution.setVariable(QbrVariables.QBR_DATE,
        playbook.nextQbrDate(((Number) execution.getVariable(QbrVariables.CADENCE_MONTHS)).intValue()));
  }
}
