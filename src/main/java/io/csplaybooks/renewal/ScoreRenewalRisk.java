package io.csplaybooks.renewal;

import io.csplaybooks.playbook.PlaybookStep;
import io.csplaybooks.playbook.PlaybookVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/** "Score renewal risk": low, medium or high with the reasons, stored with the renewal ({@link RenewalRisks}). */
@PlaybookStep(value = "scoreRenewalRisk",
    name = "Score renewal risk",
    description = "Renewal: low, medium or high, with the reasons, stored with the renewal (renewalRisk).")
class ScoreRenewalRisk implements JavaDelegate {

  private final RenewalRisks risks;

  ScoreRenewalRisk(RenewalRisks risks) {
    this.risks = risks;
  }

  @Override
  public void execute(DelegateExecution execution) {
    RenewalRisk.Result result = risks.score(PlaybookVariables.renewalId(execution));
    execution.setVariable(RenewalVariables.RENEWAL_RISK, RenewalVariables.risk(result.level()));
  }
}
