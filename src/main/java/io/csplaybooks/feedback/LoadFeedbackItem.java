package io.csplaybooks.feedback;

import io.csplaybooks.account.AccountRepository;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import io.csplaybooks.playbook.PlaybookStep;

/** Task listener (create) on "Fix reported bug" and "Review product feedback": the item into the form. */
@PlaybookStep("loadFeedbackItem")
public class LoadFeedbackItem implements TaskListener {

  static final String FEEDBACK_ITEM_ID = "feedbackItemId";

  private final FeedbackRepository feedback;
  private final AccountRepository accounts;

  public LoadFeedbackItem(FeedbackRepository feedback, AccountRepository accounts) {
    this.feedback = feedback;
    this.accounts = accounts;
  }

  @Override
  public void notify(DelegateTask task) {
    FeedbackItem item = feedback.find(((Number) task.getVariable(FEEDBACK_ITEM_ID)).longValue()).orElseThrow();
    Map<String, Object> fields = new HashMap<>();
    fields.put("accountName", accounts.findById(item.accountId()).map(a -> a.name()).orElse("account " + item.accountId()));
    fields.put("feedbackKind", item.kind().code());
    fields.put("feedbackTheme", item.theme());
    fields.put("feedbackDescription", item.description());
    fields.put("feedbackResolution", null);
    task.setVariablesLocal(fields);
    task.setDescription(item.kind().code() + " (" + item.theme() + "): " + item.description());
  }
}
