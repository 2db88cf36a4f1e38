package io.csplaybooks.onboarding;

import io.csplaybooks.common.Validation;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import io.csplaybooks.playbook.PlaybookStep;

/** Task listener (complete) on "Run training session": when it was held, who came, what was covered. */
@PlaybookStep("recordTrainingSession")
public class RecordTrainingSession implements TaskListener {

  private final JdbcClient jdbc;

  public RecordTrainingSession(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void notify(DelegateTask task) {
    Validation v = new Validation();
    LocalDate heldOn = FormDates.pastDate(task.getVariable("trainingHeldOn"), "trainingHeldOn", v);
    Object attendees = task.getVariable("trainingAttendees");
    Object notes = task.getVariable("trainingNotes");
    if (attendees instanceof Number n && n.intValue() < 0) {
      v.reject("trainingAttendees", "must not be negative");
    }
    v.maxLength("trainingNotes", notes == null ? null : notes.toString(), 4000);
    v.throwIfInvalid();
    int session = ((Number) task.getVariable("loopCounter")).intValue() + 1;
    jdbc.sql("""
            insert into onboarding_training (account_id, session_no, held_on, attendees, notes, recorded_by)
            values (:account, :session, :held, :attendees, :notes, :by)""")
        .param("account", TaskActor.accountId(task))
        .param("session", session)
        .param("held", heldOn)
        .param("attendees", attendees instanceof Number n ? n.intValue() : null)
        .param("notes", notes == null ? null : notes.toString())
        .param("by", TaskActor.of(task))
        .update();
  }
}
