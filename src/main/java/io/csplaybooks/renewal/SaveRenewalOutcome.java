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
@PlaybookStep("saveRenewalOutcome")
public class SaveRenewalOutcome implements TaskListener {

  private final RenewalRepository renewals;

  public SaveRenewalOutcome(RenewalRepository renewals) {
    this.renewals = renewals;
  }

  @Override
  public void notify(DelegateTask task) {
    long renewalId = PlaybookVariables.renewalId(task);
    RenewalRepository.Renewal renewal = renewals.find(renewalId).orElseThrow();
    Object outcomeValue = task.getVariable("renewalOutcome");
    Object arrValue = task.getVariable("newArr");
    Object reasonValue = task.getVariable("churnReason");
    String outcome = outcomeValue == null ? null : outcomeValue.toString();
    Validation v = new Validation();
    BigDecimal newArr = null;
    if (v.required("renewalOutcome", outcome)) {
      switch (outcome) {
        case "renewed" -> newArr = renewal.arrBefore();
        case "expanded", "contracted" -> {
          newArr = arr(arrValue, v);
          if (newArr != null && outcome.equals("expanded") && newArr.compareTo(renewal.arrBefore()) <= 0) {
            v.reject("newArr", "an expansion is more than the current ARR (" + renewal.arrBefore() + ")");
          }
          if (newArr != null && outcome.equals("contracted") && newArr.compareTo(renewal.arrBefore()) >= 0) {
            v.reject("newArr", "a contraction is less than the current ARR (" + renewal.arrBefore() + ")");
          }
        }
        case "churned" -> {
          if (v.required("churnReason", reasonValue)) {
            v.maxLength("churnReason", reasonValue.toString(), 1000);
          }
          newArr = BigDecimal.ZERO;
        }
        default -> v.reject("renewalOutcome", "must be renewed, expanded, contracted or churned");
      }
    }
    v.throwIfInvalid();
    renewals.outcome(renewalId, outcome, newArr, "churned".equals(outcome) ? reasonValue.toString().trim() : null,
        EngineClock.today());
    // How the playbook ended, for the studio's outcome shares per version.
    task.getExecution().getProcessInstance().setVariable(PlaybookVariables.OUTCOME, outcome);
  }

  private static BigDecimal arr(Object value, Validation v) {
    if (!v.required("newArr", value)) {
      return null;
    }
    try {
      BigDecimal arr = new BigDecimal(value.toString().trim());
      if (arr.signum() <= 0) {
        v.reject("newArr", "must be more than 0");
      }
      return arr;
    } catch (NumberFormatException e) {
      v.reject("newArr", "must be a number");
      return null;
    }
  }
}
