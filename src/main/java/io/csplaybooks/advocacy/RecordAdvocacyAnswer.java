package io.csplaybooks.advocacy;

import io.csplaybooks.account.AccountRepository;
import io.csplaybooks.common.Validation;
import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.PlaybookStep;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

/** Task listener (complete) on "Ask for advocacy": the customer's answer goes on the account. */
@PlaybookStep("recordAdvocacyAnswer")
public class RecordAdvocacyAnswer implements TaskListener {

  static final Set<String> ANSWERS = Set.of("agreed", "declined", "later");
  static final Set<String> KINDS = Set.of("reference", "testimonial", "case-study");

  private final AccountRepository accounts;

  public RecordAdvocacyAnswer(AccountRepository accounts) {
    this.accounts = accounts;
  }

  @Override
  public void notify(DelegateTask task) {
    Object answer = task.getVariable("advocacyAnswer");
    Object kind = task.getVariable("advocacyKind");
    Validation v = new Validation();
    if (v.required("advocacyAnswer", answer) && !ANSWERS.contains(answer.toString())) {
      v.reject("advocacyAnswer", "must be agreed, declined or later");
    }
    if ("agreed".equals(answer) && (kind == null || !KINDS.contains(kind.toString()))) {
      v.reject("advocacyKind", "say what the customer agreed to: reference, testimonial or case-study");
    }
    v.throwIfInvalid();
    accounts.recordAdvocacyAnswer(AccountId.from(task).value(), answer.toString(),
        "agreed".equals(answer) ? kind.toString() : null);
  }
}
