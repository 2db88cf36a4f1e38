package io.csplaybooks.feedback;

import java.time.Instant;

/** One piece of customer feedback with its theme, the team that owns it and how it was answered. */
public record FeedbackItem(long id, long accountId, Integer qbrRound, FeedbackKind kind, String theme,
    String description, String team, String status, String resolution, String createdBy, Instant createdAt) {

  /** A line of the QBR outcome form, before it is stored. */
  public record New(FeedbackKind kind, String theme, String description) {}
}
