package io.csplaybooks.handoff;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/** A handoff as the API shows it. */
public record HandoffView(
    long handoffId,
    String contractId,
    long accountId,
    String accountExecutive,
    String processInstanceId,
    Integer briefScore,
    List<String> briefMissing,
    LocalDate kickoffHeldOn,
    Instant createdAt) {

  public static HandoffView of(Handoff h) {
    List<String> missing = h.briefMissing() == null || h.briefMissing().isBlank()
        ? List.of()
        : Arrays.asList(h.briefMissing().split(","));
    return new HandoffView(h.id(), h.contractId(), h.accountId(), h.accountExecutiveId(), h.processInstanceId(),
        h.briefScore(), missing, h.kickoffHeldOn(), h.createdAt());
  }
}
