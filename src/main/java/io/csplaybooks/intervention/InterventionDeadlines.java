package io.csplaybooks.intervention;

import io.csplaybooks.common.BusinessCalendar;
import io.csplaybooks.playbook.PlaybookFunctions;
import java.util.Date;

/** The save play's deadlines and how often it checks health, for its BPMN expressions. */
@PlaybookFunctions(value = "interventionDeadlines", formerly = "interventionPlaybook")
public class InterventionDeadlines {

  private final InterventionSettings settings;
  private final BusinessCalendar calendar;

  public InterventionDeadlines(InterventionSettings settings, BusinessCalendar calendar) {
    this.settings = settings;
    this.calendar = calendar;
  }

  public Date diagnoseDue() {
    return calendar.businessDaysFromNow(settings.diagnoseBusinessDays());
  }

  public Date teamWorkDue() {
    return calendar.businessDaysFromNow(settings.teamWorkBusinessDays());
  }

  public Date actionPlanDue() {
    return calendar.businessDaysFromNow(settings.actionPlanBusinessDays());
  }

  public Date decisionDue() {
    return calendar.businessDaysFromNow(settings.decisionBusinessDays());
  }

  /** The timer cycle between two health checks while monitoring (P14D). */
  public String checkEvery() {
    return settings.checkEvery();
  }
}
