package io.csplaybooks.feedback;

import io.csplaybooks.account.Accounts;
import io.csplaybooks.playbook.PlaybookStep;
import io.csplaybooks.playbook.PlaybookVariables;
import io.csplaybooks.playbook.TaskFormFields;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;

/** Task listener (create) on "Fix reported bug" and "Review product feedback": the item into the form. */
@PlaybookStep(value = "loadFeedbackItem",
    name = "Load feedback item",
    description = "Listener of a feedback task (on create): the feedback item (feedbackItemId) into the task's form.")
class LoadFeedbackItem extends TaskFormFields {

  private final FeedbackRepository feedback;
  private final Accounts accounts;

  public LoadFeedbackItem(FeedbackRepository feedback, Accounts accounts) {
    this.feedback = feedback;
    this.accounts = accounts;
  }

  @Override
  protected Map<String, Object> fields(DelegateTask task) {
    FeedbackItem item = feedback.find(PlaybookVariables.feedbackItemId(task)).orElseThrow();
    Map<String, Object> fields = new HashMap<>();
    fields.put(PlaybookVariables.ACCOUNT_NAME, accounts.findById(item.accountId()).map(a -> a.name()).orElse("account " + item.accountId()));
    fields.put(FeedbackVariables.FEEDBACK_KIND, item.kind().code());
    fields.put(FeedbackVariables.FEEDBACK_THEME, item.theme());
    fields.put(FeedbackVariables.FEEDBACK_DESCRIPTION, item.description());
    fields.put(FeedbackVariables.FEEDBACK_RESOLUTION, null);
    task.setDescription(item.kind().code() + " (" + item.theme() + "): " + item.description());
    return fields;
  }
}
