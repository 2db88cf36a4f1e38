package io.csplaybooks.renewal;

import io.csplaybooks.common.EngineClock;
import io.csplaybooks.common.Validation;
import io.csplaybooks.playbook.PlaybookStep;
import io.csplaybooks.playbook.PlaybookVariables;
import java.math.BigDecimal;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * Task listener (complete) on "Record renewal outcome": renewed (same ARR), expanded or contracted
 * (the new ARR, higher or lower), or churned (the reason).
 */
@PlaybookStep(value = "saveRenewalOutcome",
    name = "Save renewal outcome",
    description = "Listener of \"Record renewal outcome\" (on complete): renewed, expanded, contracted (the new ARR) or"
        + " churned (the reason).")
class SaveRenewalOutcome implements TaskListener {

  private final RenewalRepository renewals;

  public SaveRenewalOutcome(RenewalRepository renewals) {
    this.renewals = renewals;
  }

  @Override
  public void notify(DelegateTask task) {
    long renewalId = PlaybookVariables.renewalId(task);
    RenewalRepository.Renewal renewal = renewals.find(renewalId).orElseThrow();
    Object outcomeValue = task.getVariable(RenewalVariables.RENEWAL_OUTCOME);
    Object arrValue = task.getVariable(RenewalVariables.NEW_ARR);
    Object reasonValue = task.getVariable(PlaybookVariables.CHURN_REASON);
    String outcome = outcomeValue == null ? null : outcomeValue.toString();
    Validation v = new Validation();
    BigDecimal newArr = null;
    if (v.required(RenewalVariables.RENEWAL_OUTCOME, outcome)) {
      switch (outcome) {
        case RenewalVariables.Outcome.RENEWED -> newArr = renewal.arrBefore();
        case RenewalVariables.Outcome.EXPANDED, RenewalVariables.Outcome.CONTRACTED -> {
          newArr = arr(arrValue, v);
          if (newArr != null && outcome.equals(RenewalVariables.Outcome.EXPANDED) && newArr.compareTo(renewal.arrBefore()) <= 0) {
            v.reject(RenewalVariables.NEW_ARR, "an expansion is more than the current ARR (" + renewal.arrBefore() + ")");
          }
          if (newArr != null && outcome.equals(RenewalVariables.Outcome.CONTRACTED) && newArr.compareTo(renewal.arrBefore()) >= 0) {
            v.reject(RenewalVariables.NEW_ARR, "a contraction is less than the current ARR (" + renewal.arrBefore() + ")");
          }
        }
        case RenewalVariables.Outcome.CHURNED -> {
          if (v.required(PlaybookVariables.CHURN_REASON, reasonValue)) {
            v.maxLength(PlaybookVariables.CHURN_REASON, reasonValue.toString(), 1000);
          }
          newArr = BigDecimal.ZERO;
        }
        default -> v.reject(RenewalVariables.RENEWAL_OUTCOME, "must be " + RenewalVariables.oneOf(RenewalVariables.OUTCOMES));
      }
    }
    v.throwIfInvalid();
    renewals.outcome(renewalId, outcome, newArr, RenewalVariables.Outcome.CHURNED.equals(outcome) ? reasonValue.toString().trim() : null,
        EngineClock.today());
    // How the playbook ended, for the studio's outcome shares per version.
    task.getExecution().getProcessInstance().setVariable(PlaybookVariables.OUTCOME, outcome);
  }

  private static BigDecimal arr(Object value, Validation v) {
    if (!v.required(RenewalVariables.NEW_ARR, value)) {
      return null;
    }
    try {
      BigDecimal arr = new BigDecimal(value.toString().trim());
      if (arr.signum() <= 0) {
        v.reject(RenewalVariables.NEW_ARR, "must be more than 0");
      }
      return arr;
    } catch (NumberFormatException e) {
      v.reject(RenewalVariables.NEW_ARR, "must be a number");
      return null;
    }
  }
}
