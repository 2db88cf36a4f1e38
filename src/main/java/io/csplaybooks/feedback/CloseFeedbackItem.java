package io.csplaybooks.feedback;

import io.csplaybooks.common.Validation;
import io.csplaybooks.playbook.PlaybookStep;
import io.csplaybooks.playbook.PlaybookVariables;
import io.csplaybooks.playbook.StepContext;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

/** Task listener (complete): the team's answer closes the feedback item. */
@PlaybookStep(value = "closeFeedbackItem",
    name = "Close feedback item",
    description = "Listener of a feedback task (on complete): the team's answer closes the feedback item "
        + "(feedbackItemId).")
class CloseFeedbackItem implements TaskListener {

  private final FeedbackRepository feedback;

  public CloseFeedbackItem(FeedbackRepository feedback) {
    this.feedback = feedback;
  }

  @Override
  public void notify(DelegateTask task) {
    Object resolution = task.getVariable(FeedbackVariables.FEEDBACK_RESOLUTION);
    Validation v = new Validation();
    if (v.required(FeedbackVariables.FEEDBACK_RESOLUTION, resolution)) {
      v.maxLength(FeedbackVariables.FEEDBACK_RESOLUTION, resolution.toString(), 4000);
    }
    v.throwIfInvalid();
    feedback.close(PlaybookVariables.feedbackItemId(task),
        resolution.toString().trim(), StepContext.actor(task));
  }
}
