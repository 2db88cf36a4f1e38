package io.csplaybooks.qbr;

import io.csplaybooks.playbook.PlaybookStep;
import io.csplaybooks.playbook.PlaybookVariables;
import io.csplaybooks.playbook.RunningPlaybooks;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * "Start QBR cycle": one running cycle per account (RunningPlaybooks). An account that comes back to adoption while its
 * cycle still runs stays in that one. The tier's cadence from qbr-cadence.dmn becomes two flat variables.
 */
@PlaybookStep(value = "startQbrCycle",
    name = "Start QBR cycle",
    description = "QBR cycle: one running cycle per account; the tier's cadence from qbr-cadence.dmn.")
class StartQbrCycle implements JavaDelegate {

  private final RunningPlaybooks running;

  public StartQbrCycle(RunningPlaybooks running) {
    this.running = running;
  }

  @Override
  public void execute(DelegateExecution execution) {
    // The database decides: of two cycles started at once, one claims the account.
    boolean claimed = running.claim("qbr-cycle", execution.getProcessBusinessKey(), execution.getProcessInstanceId());
    execution.setVariable(QbrVariables.ALREADY_RUNNING, !claimed);
    Map<?, ?> decision = (Map<?, ?>) execution.getVariable(QbrVariables.CADENCE_DECISION);
    execution.removeVariable(QbrVariables.CADENCE_DECISION);
    execution.setVariable(QbrVariables.CADENCE_MONTHS, PlaybookVariables.number(decision.get(QbrVariables.CADENCE_MONTHS), QbrVariables.CADENCE_MONTHS).intValue());
    execution.setVariable(QbrVariables.FORMAT, decision.get(QbrVariables.FORMAT).toString());
    execution.setVariable(QbrVariables.ROUND, 0);
  }
}
