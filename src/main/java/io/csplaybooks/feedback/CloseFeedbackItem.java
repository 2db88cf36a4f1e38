package io.csplaybooks.feedback;

import io.csplaybooks.common.Validation;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import io.csplaybooks.playbook.StepContext;
import io.csplaybooks.playbook.PlaybookStep;

/** Task listener (complete): the team's answer closes the feedback item. */
@PlaybookStep("closeFeedbackItem")
public class CloseFeedbackItem implements TaskListener {

  private final FeedbackRepository feedback;

  public CloseFeedbackItem(FeedbackRepository feedback) {
    this.feedback = feedback;
  }

  @Override
  public void notify(DelegateTask task) {
    Object resolution = task.getVariable("feedbackResolution");
    Validation v = new Validation();
    if (v.required("feedbackResolution", resolution)) {
      v.maxLength("feedbackResolution", resolution.toString(), 4000);
    }
    v.throwIfInvalid();
    feedback.close(((Number) task.getVariable(LoadFeedbackItem.FEEDBACK_ITEM_ID)).longValue(),
        resolution.toString().trim(), StepContext.actor(task));
  }
}
