package io.csplaybooks.activity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A note, call, meeting or email with the customer. {@code recordedBy} is who recorded it: the
 * signed-in person, or {@code token:<name>} for an integration; never a field of the request.
 * {@code taskProcessInstanceId} is the one-off task its next step became, if any.
 */
public record Activity(long id, long accountId, ActivityKind kind, Instant occurredAt, String recordedBy,
    List<Long> stakeholderIds, String summary, String nextStep, LocalDate nextStepDue, String nextStepAssignee,
    String nextStepTeam, String taskProcessInstanceId, String externalId, Instant recordedAt) {

  public Activity {
    stakeholderIds = List.copyOf(stakeholderIds);
  }
}
