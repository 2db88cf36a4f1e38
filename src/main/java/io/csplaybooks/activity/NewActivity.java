package io.csplaybooks.activity;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * An activity as a person or an integration sends it. Who recorded it is the caller, not a field.
 *
 * @param kind note, call, meeting or email
 * @param occurredAt when it happened (not in the future)
 * @param stakeholderIds the account's stakeholders who took part
 * @param summary what was said and agreed
 * @param externalId the CRM's or calendar's own id: the same activity sent again is stored once
 * @param nextStep what happens next, which becomes a one-off task
 */
public record NewActivity(String kind, OffsetDateTime occurredAt, List<Long> stakeholderIds, String summary,
    String externalId, NextStep nextStep) {

  /**
   * The next step: its text, when it is due and who does it, a person (their user id) or a team.
   */
  public record NextStep(String text, LocalDate dueDate, String assignee, String team) {}
}
