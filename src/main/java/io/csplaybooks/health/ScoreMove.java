package io.csplaybooks.health;

import java.time.Instant;

/**
 * A scoring that moved the account's health: its score and band, and the ones of the scoring before;
 * the override's reason and author when a person's override set the score.
 */
public record ScoreMove(Instant at, Integer from, Integer to, HealthBand fromBand, HealthBand band, String reason,
    String overrideReason, String overrideBy) {}
