package io.csplaybooks.qbr;

import io.csplaybooks.playbook.PlaybookStep;
import io.csplaybooks.playbook.PlaybookVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/** "Plan next QBR": the next round, the tier's cadence after now (the start of adoption, or the last round). */
@PlaybookStep(value = "planQbrRound",
    name = "Plan next QBR",
    description = "QBR cycle: the next round's date, at the tier's cadence (qbrDate, round).")
class PlanQbrRound implements JavaDelegate {

  private final QbrDeadlines deadlines;

  public PlanQbrRound(QbrDeadlines deadlines) {
    this.deadlines = deadlines;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(QbrVariables.ROUND, QbrVariables.round(execution) + 1);
    execution.setVariable(QbrVariables.QBR_DATE,
        deadlines.nextQbrDate(PlaybookVariables.intValue(execution, QbrVariables.CADENCE_MONTHS)));
  }
}
