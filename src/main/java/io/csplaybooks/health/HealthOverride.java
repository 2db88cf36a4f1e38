package io.csplaybooks.health;

import java.time.LocalDate;

/** A CSM's judgement over the computed score, with a reason and an expiry. */
public record HealthOverride(int score, String reason, LocalDate until, String by) {}
