package io.csplaybooks.handoff;

import io.csplaybooks.common.Validation;
import io.csplaybooks.playbook.FormValues;
import io.csplaybooks.playbook.PlaybookStep;
import io.csplaybooks.playbook.PlaybookVariables;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

/** Task listener (complete) on "Hold kickoff": records when it was held and what was agreed. */
@PlaybookStep(value = "recordKickoff",
    name = "Record kickoff",
    description = "Listener of \"Hold kickoff\" (on complete): when the kickoff was held and what was agreed.")
class RecordKickoff implements TaskListener {

  static final String KICKOFF_HELD_ON = "kickoffHeldOn";
  static final String KICKOFF_NOTES = "kickoffNotes";

  private final HandoffRepository handoffs;

  public RecordKickoff(HandoffRepository handoffs) {
    this.handoffs = handoffs;
  }

  @Override
  public void notify(DelegateTask task) {
    Validation v = new Validation();
    LocalDate heldOn = FormValues.pastDate(task.getVariable(KICKOFF_HELD_ON), KICKOFF_HELD_ON,
        "must not be in the future: complete the task once the kickoff is held", v);
    Object notes = task.getVariable(KICKOFF_NOTES);
    v.maxLength(KICKOFF_NOTES, notes == null ? null : notes.toString(), 4000);
    v.throwIfInvalid();
    handoffs.recordKickoff(PlaybookVariables.handoffId(task), heldOn,
        notes == null ? null : notes.toString());
  }
}
