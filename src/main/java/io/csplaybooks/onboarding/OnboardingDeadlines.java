package io.csplaybooks.onboarding;

import io.csplaybooks.common.BusinessCalendar;
import io.csplaybooks.playbook.PlaybookFunctions;
import io.csplaybooks.playbook.PlaybookVariables;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Date;

/** The onboarding playbook's deadlines and whom a missed setup escalates to, for its BPMN expressions. */
@PlaybookFunctions(value = "onboardingDeadlines", formerly = "onboardingPlaybook")
public class OnboardingDeadlines {

  private static final LocalTime CLOSE_OF_BUSINESS = LocalTime.of(17, 0);

  private final OnboardingSettings settings;
  private final BusinessCalendar calendar;

  public OnboardingDeadlines(OnboardingSettings settings, BusinessCalendar calendar) {
    this.settings = settings;
    this.calendar = calendar;
  }

  public Date setupDue() {
    return calendar.businessDaysFromNow(settings.setupBusinessDays());
  }

  public Date escalatedSetupDue() {
    return calendar.businessDaysFromNow(settings.escalatedSetupBusinessDays());
  }

  public Date successPlanDue() {
    return calendar.businessDaysFromNow(settings.successPlanBusinessDays());
  }

  public Date reviewDue() {
    return calendar.businessDaysFromNow(settings.reviewBusinessDays());
  }

  public Date openMilestonesDue() {
    return calendar.businessDaysFromNow(settings.openMilestonesBusinessDays());
  }

  /** The next training session, the tier's cadence (calendar days) after now. */
  public Date trainingDue(Object cadenceDays) {
    return Date.from(calendar.now().toInstant().plus(Duration.ofDays(PlaybookVariables.number(cadenceDays, "cadenceDays").longValue())));
  }

  /** First value is due the tier's time-to-value days after contract start. */
  public Date firstValueDue(LocalDate contractStart, int timeToValueDays) {
    return calendar.at(contractStart.plusDays(timeToValueDays), CLOSE_OF_BUSINESS);
  }

  /** A customer still onboarding this many days (90) after contract start is at risk. */
  public Date stalledAt(Date contractStart) {
    return calendar.at(calendar.day(contractStart).plusDays(settings.stalledAfterDays()), CLOSE_OF_BUSINESS);
  }

  public LocalDate setupMilestoneDue() {
    return calendar.day(setupDue());
  }

  public LocalDate promisesDue(LocalDate contractStart) {
    return contractStart.plusDays(settings.promisesDueDays());
  }

  /** Who gets setup tasks past their deadline; null leaves them to the engineering team. */
  public String engineeringLead() {
    String lead = settings.engineeringLead();
    return lead == null || lead.isBlank() ? null : lead.trim();
  }
}
