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
@PlaybookStep("recordTrainingSession")
public class RecordTrainingSession implements TaskListener {

  private final SuccessPlanRepository onboarding;

  public RecordTrainingSession(SuccessPlanRepository onboarding) {
    this.onboarding = onboarding;
  }

  @Override
  public void notify(DelegateTask task) {
    Validation v = new Validation();
    LocalDate heldOn = FormValues.pastDate(task.getVariable("trainingHeldOn"), "trainingHeldOn", v);
    Object attendees = task.getVariable("trainingAttendees");
    Object notes = task.getVariable("trainingNotes");
    if (attendees instanceof Number n && n.intValue() < 0) {
      v.reject("trainingAttendees", "must not be negative");
    }
    v.maxLength("trainingNotes", notes == null ? null : notes.toString(), 4000);
    v.throwIfInvalid();
    int session = PlaybookVariables.intValue(task, "loopCounter") + 1;
    onboarding.recordTrainingSession(AccountId.from(task).value(), session, heldOn,
        attendees instanceof Number n ? n.intValue() : null, notes == null ? null : notes.toString(), StepContext.actor(task));
  }
}
