package io.csplaybooks.renewal;

import io.csplaybooks.common.EngineClock;
import io.csplaybooks.playbook.PlaybookStep;
import io.csplaybooks.playbook.PlaybookVariables;
import java.math.BigDecimal;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * "Record the renewal lost": the account churned before its renewal was decided (a CS manager
 * recorded it), so the renewal is lost, at no ARR, for the churn's reason. A renewal already decided
 * stays as it is.
 */
@PlaybookStep(value = "closeRenewalOfChurnedAccount",
    name = "Record the renewal lost",
    description = "Renewal: the account churned before its renewal was decided, so the renewal is lost for the churn's "
        + "reason.")
class CloseRenewalOfChurnedAccount implements JavaDelegate {

  private final RenewalRepository renewals;

  public CloseRenewalOfChurnedAccount(RenewalRepository renewals) {
    this.renewals = renewals;
  }

  @Override
  public void execute(DelegateExecution execution) {
    if (execution.getVariable(PlaybookVariables.RENEWAL_ID) == null) {
      return;
    }
    renewals.find(PlaybookVariables.renewalId(execution)).filter(r -> r.outcome() == null).ifPresent(r -> {
      Object reason = execution.getVariable(PlaybookVariables.CHURN_REASON);
      renewals.outcome(r.id(), RenewalVariables.Outcome.CHURNED, BigDecimal.ZERO, reason == null ? null : reason.toString(),
          EngineClock.today());
      execution.getProcessInstance().setVariable(PlaybookVariables.OUTCOME, RenewalVariables.Outcome.CHURNED);
    });
  }
}
