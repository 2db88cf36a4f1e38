package io.csplaybooks.onboarding;

import io.csplaybooks.common.Validation;
import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.FormValues;
import io.csplaybooks.playbook.PlaybookStep;
import io.csplaybooks.playbook.PlaybookVariables;
import io.csplaybooks.playbook.StepContext;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

/** Task listener (complete) on "Run training session": when it was held, who came, what was covered. */
@PlaybookStep(value = "recordTrainingSession",
    name = "Record training session",
    description = "Listener of \"Run training session\" (on complete): when it was held, who came, what was covered.")
class RecordTrainingSession implements TaskListener {

  private final SuccessPlanRepository onboarding;

  public RecordTrainingSession(SuccessPlanRepository onboarding) {
    this.onboarding = onboarding;
  }

  @Override
  public void notify(DelegateTask task) {
    Validation v = new Validation();
    LocalDate heldOn = FormValues.pastDate(task.getVariable(OnboardingVariables.TRAINING_HELD_ON), OnboardingVariables.TRAINING_HELD_ON, v);
    Object attendees = task.getVariable(OnboardingVariables.TRAINING_ATTENDEES);
    Object notes = task.getVariable(OnboardingVariables.TRAINING_NOTES);
    if (attendees instanceof Number n && n.intValue() < 0) {
      v.reject(OnboardingVariables.TRAINING_ATTENDEES, "must not be negative");
    }
    v.maxLength(OnboardingVariables.TRAINING_NOTES, notes == null ? null : notes.toString(), 4000);
    v.throwIfInvalid();
    int session = PlaybookVariables.intValue(task, "loopCounter") + 1;
    onboarding.recordTrainingSession(AccountId.from(task).value(), session, heldOn,
        attendees instanceof Number n ? n.intValue() : null, notes == null ? null : notes.toString(), StepContext.actor(task));
  }
}
