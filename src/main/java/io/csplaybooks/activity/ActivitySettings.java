package io.csplaybooks.activity;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What a CS team tunes about activities and one-off tasks.
 *
 * @param futureToleranceMinutes how far in the future an activity's time may be (clocks differ a little
 *     between a CRM, a calendar and us; an activity that has not happened yet is not recorded)
 * @param followUpBusinessDays the business days a CS manager has to follow up an overdue one-off task
 * @param mostDueDays how far ahead a one-off task may be due
 */
@ConfigurationProperties("csp.activity")
record ActivitySettings(int futureToleranceMinutes, int followUpBusinessDays, int mostDueDays) {

  ActivitySettings {
    if (futureToleranceMinutes < 0 || followUpBusinessDays < 1 || mostDueDays < 1) {
      throw new IllegalStateException("csp.activity: future-tolerance-minutes must be at least 0,"
          + " follow-up-business-days and most-due-days at least 1");
    }
  }
}
