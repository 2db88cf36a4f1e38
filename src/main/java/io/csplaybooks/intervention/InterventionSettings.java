package io.csplaybooks.intervention;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What a CS team tunes about the save play.
 *
 * @param checkEvery ISO-8601 duration between health checks while monitoring (P14D)
 * @param maxChecks checks still red before a CS manager decides
 */
@ConfigurationProperties("csp.intervention")
record InterventionSettings(
    int diagnoseBusinessDays,
    int teamWorkBusinessDays,
    int actionPlanBusinessDays,
    int decisionBusinessDays,
    String checkEvery,
    int maxChecks) {}
