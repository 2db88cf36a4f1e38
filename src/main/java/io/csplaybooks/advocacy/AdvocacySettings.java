package io.csplaybooks.advocacy;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What a CS team tunes about advocacy.
 *
 * @param monthsBetweenAsks a promoter is asked at most once in this many months (6)
 */
@ConfigurationProperties("csp.advocacy")
record AdvocacySettings(int askBusinessDays, int storyBusinessDays, int monthsBetweenAsks) {}
