package io.csplaybooks.handoff;

import io.csplaybooks.common.EngineClock;
import io.csplaybooks.common.Validation;
import io.csplaybooks.playbook.FormValues;
import io.csplaybooks.playbook.PlaybookStep;
import io.csplaybooks.playbook.PlaybookVariables;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * Task listener (complete) on "Review the expansion": the day the CSM took the expansion over and
 * what they agreed with the customer, on the expansion's handoff (as a kickoff is on a new customer's).
 */
@PlaybookStep(value = "recordExpansionReview",
    name = "Record expansion review",
    description = "Listener of \"Review the expansion\" (on complete): when the CSM took the expansion over and what "
        + "was agreed.")
class RecordExpansionReview implements TaskListener {

  static final String EXPANSION_NOTES = "expansionNotes";

  private final HandoffRepository handoffs;

  public RecordExpansionReview(HandoffRepository handoffs) {
    this.handoffs = handoffs;
  }

  @Override
  public void notify(DelegateTask task) {
    Validation v = new Validation();
    String notes = FormValues.text(task.getVariable(EXPANSION_NOTES));
    v.maxLength(EXPANSION_NOTES, notes, 4000);
    v.throwIfInvalid();
    handoffs.recordKickoff(PlaybookVariables.handoffId(task), EngineClock.today(), notes);
  }
}
