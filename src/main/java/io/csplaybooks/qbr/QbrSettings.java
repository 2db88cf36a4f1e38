package io.csplaybooks.qbr;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** What a CS team tunes about QBRs. The cadence by tier is bpmn/qbr-cadence.dmn. */
@ConfigurationProperties("csp.qbr")
record QbrSettings(
    int prepareWindowDays,
    int prepareDueDaysBefore,
    int followUpBusinessDays,
    int outcomeBusinessDaysAfter,
    int upsellBusinessDays) {}
