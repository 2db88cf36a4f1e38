package io.csplaybooks.onboarding;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** What a CS team tunes about onboarding. Training and time to value by tier are in onboarding-plan.dmn. */
@ConfigurationProperties("csp.onboarding")
public record OnboardingSettings(
    int setupBusinessDays,
    int escalatedSetupBusinessDays,
    int successPlanBusinessDays,
    int reviewBusinessDays,
    int openMilestonesBusinessDays,
    int stalledAfterDays,
    int promisesDueDays,
    String engineeringLead) {}
