package io.csplaybooks.trigger;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * A trigger as declared: its name, the event (BPMN message) it sends, what must all hold for it to
 * fire, the segments it watches (none: every segment), whether it is on, and who declared and last
 * changed it when; with how often it fired.
 */
@Schema(description = "A trigger a CS manager declared, with how often it fired")
public record Trigger(
    long id,
    @Schema(example = "Quiet churn") String name,
    @Schema(description = "The BPMN message it sends: a playbook starts on it or waits for it", example = "QuietChurn")
    String message,
    List<TriggerCondition> conditions,
    @Schema(description = "The segments it watches; empty for every segment", example = "[\"enterprise\"]")
    List<String> segments,
    boolean enabled,
    String createdBy,
    Instant createdAt,
    String updatedBy,
    Instant updatedAt,
    @Schema(description = "Accounts it fired for in the last 30 days") int firedLast30Days,
    @Schema(description = "When it last fired; null if never") Instant lastFiredAt,
    @Schema(description = "Accounts for which what it watches holds now (open episodes)") int holdingNow) {

  public Trigger {
    conditions = List.copyOf(conditions);
    segments = List.copyOf(segments);
  }
}
