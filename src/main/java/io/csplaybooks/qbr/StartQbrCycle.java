package io.csplaybooks.qbr;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import io.csplaybooks.playbook.PlaybookStep;

/**
 * "Start QBR cycle": one running cycle per account. An account that comes back to adoption while its
 * cycle still runs stays in that one. The tier's cadence from qbr-cadence.dmn becomes two flat variables.
 */
@PlaybookStep("startQbrCycle")
public class StartQbrCycle implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    long others = execution.getProcessEngineServices().getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(execution.getProcessDefinitionId().split(":")[0])
        .processInstanceBusinessKey(execution.getProcessBusinessKey())
        .list().stream()
        .filter(instance -> !instance.getId().equals(execution.getProcessInstanceId()))
        .count();
    execution.setVariable(QbrVariables.ALREADY_RUNNING, others > 0);
    Map<?, ?> decision = (Map<?, ?>) execution.getVariable(QbrVariables.CADENCE_DECISION);
    execution.removeVariable(QbrVariables.CADENCE_DECISION);
    execution.setVariable(QbrVariables.CADENCE_MONTHS, ((Number) decision.get(QbrVariables.CADENCE_MONTHS)).intValue());
    execution.setVariable(QbrVariables.FORMAT, decision.get(QbrVariables.FORMAT).toString());
    execution.setVariable(QbrVariables.ROUND, 0);
  }
}
