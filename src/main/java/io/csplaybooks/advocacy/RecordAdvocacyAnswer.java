package io.csplaybooks.advocacy;

import io.csplaybooks.account.Accounts;
import io.csplaybooks.common.Validation;
import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.PlaybookStep;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

/** Task listener (complete) on "Ask for advocacy": the customer's answer goes on the account. */
@PlaybookStep(value = "recordAdvocacyAnswer",
    name = "Record advocacy answer",
    description = "Listener of \"Ask for advocacy\" (on complete): the customer's answer goes on the account.")
class RecordAdvocacyAnswer implements TaskListener {

  private final Accounts accounts;

  public RecordAdvocacyAnswer(Accounts accounts) {
    this.accounts = accounts;
  }

  @Override
  public void notify(DelegateTask task) {
    Object answer = task.getVariable(AdvocacyVariables.ADVOCACY_ANSWER);
    Object kind = task.getVariable(AdvocacyVariables.ADVOCACY_KIND);
    Validation v = new Validation();
    if (v.required(AdvocacyVariables.ADVOCACY_ANSWER, answer) && !AdvocacyVariables.ANSWERS.contains(answer.toString())) {
      v.reject(AdvocacyVariables.ADVOCACY_ANSWER, "must be agreed, declined or later");
    }
    if (AdvocacyVariables.Answer.AGREED.equals(answer) && (kind == null || !AdvocacyVariables.KINDS.contains(kind.toString()))) {
      v.reject(AdvocacyVariables.ADVOCACY_KIND, "say what the customer agreed to: reference, testimonial or case-study");
    }
    v.throwIfInvalid();
    accounts.recordAdvocacyAnswer(AccountId.from(task).value(), answer.toString(),
        AdvocacyVariables.Answer.AGREED.equals(answer) ? kind.toString() : null);
  }
}
