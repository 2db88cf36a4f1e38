package io.csplaybooks.advocacy;

import io.csplaybooks.common.Validation;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import io.csplaybooks.playbook.PlaybookStep;

/** Task listener (complete) on "Ask for advocacy": the customer's answer goes on the account. */
@PlaybookStep("recordAdvocacyAnswer")
public class RecordAdvocacyAnswer implements TaskListener {

  static final Set<String> ANSWERS = Set.of("agreed", "declined", "later");
  static final Set<String> KINDS = Set.of("reference", "testimonial", "case-study");

  private final JdbcClient jdbc;

  public RecordAdvocacyAnswer(JdbcClient jdbc) {
    this.jdbc = jdbc;
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
    jdbc.sql("update account set advocacy_answer = :answer, advocacy_kind = :kind where id = :id")
        .param("answer", answer.toString())
        .param("kind", "agreed".equals(answer) ? kind.toString() : null)
        .param("id", ((Number) task.getVariable("accountId")).longValue())
        .update();
  }
}
