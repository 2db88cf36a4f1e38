package io.csplaybooks.handoff;

import io.csplaybooks.common.EngineClock;

import static io.csplaybooks.handoff.HandoffVariables.HANDOFF_ID;

import io.csplaybooks.common.Validation;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import io.csplaybooks.playbook.PlaybookStep;

/** Task listener (complete) on "Hold kickoff": records when it was held and what was agreed. */
@PlaybookStep("recordKickoff")
public class RecordKickoff implements TaskListener {

  static final String KICKOFF_HELD_ON = "kickoffHeldOn";
  static final String KICKOFF_NOTES = "kickoffNotes";

  private final HandoffRepository handoffs;

  public RecordKickoff(HandoffRepository handoffs) {
    this.handoffs = handoffs;
  }

  @Override
  public void notify(DelegateTask task) {
    Validation v = new Validation();
    Object heldOnValue = task.getVariable(KICKOFF_HELD_ON);
    LocalDate heldOn = null;
    if (v.required(KICKOFF_HELD_ON, heldOnValue)) {
      try {
        String text = heldOnValue.toString().trim();
        heldOn = LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
        LocalDate today = EngineClock.today();
        if (heldOn.isAfter(today)) {
          v.reject(KICKOFF_HELD_ON, "must not be in the future: complete the task once the kickoff is held");
        }
      } catch (DateTimeParseException e) {
        v.reject(KICKOFF_HELD_ON, "must be a date (YYYY-MM-DD)");
      }
    }
    Object notes = task.getVariable(KICKOFF_NOTES);
    v.maxLength(KICKOFF_NOTES, notes == null ? null : notes.toString(), 4000);
    v.throwIfInvalid();
    handoffs.recordKickoff(((Number) task.getVariable(HANDOFF_ID)).longValue(), heldOn,
        notes == null ? null : notes.toString());
  }
}
