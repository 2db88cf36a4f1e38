package io.csplaybooks.handoff;

import java.time.Instant;
import java.time.LocalDate;

public record Handoff(
    long id,
    String contractId,
    long accountId,
    String accountExecutiveId,
    String processInstanceId,
    Integer briefScore,
    String briefMissing,
    LocalDate kickoffHeldOn,
    String kickoffNotes,
    Instant createdAt) {}
