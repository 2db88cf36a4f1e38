package io.csplaybooks.onboarding;

import io.csplaybooks.account.Accounts;
import io.csplaybooks.account.Contract;
import io.csplaybooks.common.Validation;
import io.csplaybooks.handoff.HandoffBriefs;
import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.FormValues;
import io.csplaybooks.playbook.PlaybookStep;
import io.csplaybooks.playbook.PlaybookVariables;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * Task listener (complete) on "Confirm first value": the day the customer reached its first agreed
 * outcome, and so the time to first value from contract start, go on the account.
 */
@PlaybookStep(value = "recordFirstValue",
    name = "Record first value",
    description = "Listener of \"Confirm first value\" (on complete): the day of first value and the time to it go on "
        + "the account.")
class RecordFirstValue implements TaskListener {

  private final Accounts accounts;
  private final HandoffBriefs handoffs;

  public RecordFirstValue(Accounts accounts, HandoffBriefs handoffs) {
    this.accounts = accounts;
    this.handoffs = handoffs;
  }

  @Override
  public void notify(DelegateTask task) {
    Validation v = new Validation();
    LocalDate reachedOn = FormValues.pastDate(task.getVariable(OnboardingVariables.FIRST_VALUE_REACHED_ON), OnboardingVariables.FIRST_VALUE_REACHED_ON, v);
    Object outcome = task.getVariable(OnboardingVariables.FIRST_VALUE_OUTCOME);
    if (v.required(OnboardingVariables.FIRST_VALUE_OUTCOME, outcome)) {
      v.maxLength(OnboardingVariables.FIRST_VALUE_OUTCOME, outcome.toString(), 2000);
    }
    long handoffId = PlaybookVariables.handoffId(task);
    Contract contract = accounts.findContract(handoffs.of(handoffId).contractId()).orElseThrow();
    if (reachedOn != null && reachedOn.isBefore(contract.startDate())) {
      v.reject(OnboardingVariables.FIRST_VALUE_REACHED_ON, "must not be before the contract start (" + contract.startDate() + ")");
    }
    v.throwIfInvalid();
    accounts.recordFirstValue(AccountId.from(task).value(), reachedOn,
        (int) ChronoUnit.DAYS.between(contract.startDate(), reachedOn));
  }
}
