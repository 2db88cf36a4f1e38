package io.csplaybooks.qbr;

import io.csplaybooks.feedback.FeedbackVariables;
import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.PlaybookStep;
import io.csplaybooks.playbook.StepContext;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.variable.Variables;

/**
 * Task listener (complete) on "Record QBR outcome": the form to {@link QbrOutcomes}, and what the
 * gateways read back into the process: expansion signals or not, and the ids of the bugs and of the
 * product feedback to route.
 */
@PlaybookStep(value = "saveQbrOutcome",
    name = "Save QBR outcome",
    description = "Listener of \"Record QBR outcome\" (on complete): the outcome, and what the gateways read (expansion"
        + " signals, bugs and feedback to route).")
class SaveQbrOutcome implements TaskListener {

  private final QbrOutcomes outcomes;

  SaveQbrOutcome(QbrOutcomes outcomes) {
    this.outcomes = outcomes;
  }

  @Override
  public void notify(DelegateTask task) {
    QbrOutcomes.Recorded recorded = outcomes.record(AccountId.from(task).value(), QbrVariables.round(task),
        new QbrOutcomes.Form(task.getVariable(QbrVariables.QBR_HELD_ON), task.getVariable(QbrOutcomeForm.KPI_VALUES),
            task.getVariable(QbrVariables.PLAN_GOALS), task.getVariable(QbrVariables.EXPANSION_SIGNALS),
            task.getVariable(QbrVariables.OUTCOME_NOTES), task.getVariable(FeedbackVariables.FEEDBACK_ITEMS)),
        StepContext.actor(task));
    task.getExecution().setVariable(QbrVariables.HAS_EXPANSION_SIGNALS, recorded.expansionSignals());
    task.getExecution().setVariable(QbrVariables.BUG_IDS, Variables.objectValue(recorded.bugIds()).create());
    task.getExecution().setVariable(QbrVariables.PRODUCT_FEEDBACK_IDS,
        Variables.objectValue(recorded.productFeedbackIds()).create());
  }
}
