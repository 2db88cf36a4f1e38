package io.csplaybooks.health;

import java.time.Instant;

/**
 * One stored score. {@code score} is what counts (the override while one is active),
 * {@code computedScore} what the model said; measures, weights and inputs are in measuresJson.
 */
public record HealthRecord(
    long accountId,
    Instant scoredAt,
    Integer score,
    HealthBand band,
    Integer computedScore,
    String modelVersion,
    String measuresJson,
    Integer trend30d,
    String reason,
    HealthOverride override) {}
