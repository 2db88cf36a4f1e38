package io.csplaybooks.intervention;

import io.csplaybooks.playbook.PlaybookStep;
import io.csplaybooks.playbook.PlaybookVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/** "Record another trigger": a second alarm for an account already in a save play joins it. */
@PlaybookStep(value = "recordTrigger",
    name = "Record the alarm",
    description = "Save play: another alarm for the account joins the open save play and is recorded with it.")
class RecordTrigger implements JavaDelegate {

  private final InterventionRepository interventions;

  public RecordTrigger(InterventionRepository interventions) {
    this.interventions = interventions;
  }

  @Override
  public void execute(DelegateExecution execution) {
    interventions.recordTrigger(PlaybookVariables.interventionId(execution));
  }
}
