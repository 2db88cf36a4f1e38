package io.csplaybooks.trigger;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What a CS team and its operators tune about triggers and the quiet churn play.
 *
 * @param nightlyCron when every trigger is evaluated over every account (besides when signals arrive)
 * @param holdAtMost how long a node's claim of the nightly run holds should it die mid-run
 * @param holdAtLeast how long the claim holds after the start, so a late node does not run it again
 * @param reviewBusinessDays the business days a CSM has to review an account in quiet churn
 * @param followUpBusinessDays the business days a CS manager has to follow up a late review
 */
@ConfigurationProperties("csp.triggers")
record TriggerSettings(String nightlyCron, Duration holdAtMost, Duration holdAtLeast, int reviewBusinessDays,
    int followUpBusinessDays) {

  TriggerSettings {
    if (reviewBusinessDays < 1 || followUpBusinessDays < 1 || holdAtMost == null || holdAtLeast == null) {
      throw new IllegalStateException("csp.triggers: review-business-days and follow-up-business-days must be at"
          + " least 1, hold-at-most and hold-at-least durations");
    }
  }
}
