package io.csplaybooks.onboarding;

import io.csplaybooks.common.EngineClock;
import io.csplaybooks.common.BusinessDays;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import org.springframework.beans.factory.annotation.Autowired;
import io.csplaybooks.playbook.PlaybookFunctions;

/** The onboarding playbook's deadlines and people, named for its BPMN expressions. */
@PlaybookFunctions("onboardingPlaybook")
public class OnboardingPlaybook {

  private static final LocalTime CLOSE_OF_BUSINESS = LocalTime.of(17, 0);

  private final OnboardingSettings settings;
  private final ZoneId zone;

  @Autowired
  public OnboardingPlaybook(OnboardingSettings settings) {
    this(settings, ZoneId.systemDefault());
  }

  public OnboardingPlaybook(OnboardingSettings settings, ZoneId zone) {
    this.settings = settings;
    this.zone = zone;
  }

  public Date setupDue() {
    return BusinessDays.fromNow(settings.setupBusinessDays(), zone);
  }

  public Date escalatedSetupDue() {
    return BusinessDays.fromNow(settings.escalatedSetupBusinessDays(), zone);
  }

  public Date successPlanDue() {
    return BusinessDays.fromNow(settings.successPlanBusinessDays(), zone);
  }

  public Date reviewDue() {
    return BusinessDays.fromNow(settings.reviewBusinessDays(), zone);
  }

  public Date openMilestonesDue() {
    return BusinessDays.fromNow(settings.openMilestonesBusinessDays(), zone);
  }

  /** The next training session, the tier's cadence (calendar days) after now. */
  public Date trainingDue(Object cadenceDays) {
    return Date.from(EngineClock.now().plus(java.time.Duration.ofDays(((Number) cadenceDays).longValue())));
  }

  /** First value is due the tier's time-to-value days after contract start. */
  public Date firstValueDue(LocalDate contractStart, int timeToValueDays) {
    return atCloseOfBusiness(contractStart.plusDays(timeToValueDays));
  }

  /** A customer still onboarding this many days (90) after contract start is at risk. */
  public Date stalledAt(Date contractStart) {
    return atCloseOfBusiness(contractStart.toInstant().atZone(zone).toLocalDate().plusDays(settings.stalledAfterDays()));
  }

  public LocalDate setupMilestoneDue() {
    return BusinessDays.fromNow(settings.setupBusinessDays(), zone).toInstant().atZone(zone).toLocalDate();
  }

  public LocalDate promisesDue(LocalDate contractStart) {
    return contractStart.plusDays(settings.promisesDueDays());
  }

  /** Who gets overdue setup tasks; null leaves them to the engineering team. */
  public String engineeringLead() {
    String lead = settings.engineeringLead();
    return lead == null || lead.isBlank() ? null : lead.trim();
  }

  private Date atCloseOfBusiness(LocalDate day) {
    return Date.from(day.atTime(CLOSE_OF_BUSINESS).atZone(zone).toInstant());
  }
}
