package io.csplaybooks.handoff;

import io.csplaybooks.common.BusinessCalendar;
import io.csplaybooks.playbook.PlaybookFunctions;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Date;

/**
 * The handoff's deadlines and whom a missed one escalates to, for its BPMN expressions
 * (for example {@code camunda:dueDate="${handoffDeadlines.briefDue()}"}).
 */
@PlaybookFunctions(value = "handoffDeadlines", formerly = "handoffPlaybook")
public class HandoffDeadlines {

  /** Deadlines that fall on a day end at the close of business. */
  static final LocalTime CLOSE_OF_BUSINESS = LocalTime.of(17, 0);

  private final HandoffSettings settings;
  private final BusinessCalendar calendar;

  public HandoffDeadlines(HandoffSettings settings, BusinessCalendar calendar) {
    this.settings = settings;
    this.calendar = calendar;
  }

  public Date briefDue() {
    return calendar.businessDaysFromNow(settings.briefBusinessDays());
  }

  public Date escalatedBriefDue() {
    return calendar.businessDaysFromNow(settings.escalatedBriefBusinessDays());
  }

  public Date csmReviewDue() {
    return calendar.businessDaysFromNow(settings.csmReviewBusinessDays());
  }

  public Date kickoffFollowUpDue() {
    return calendar.businessDaysFromNow(settings.kickoffFollowUpBusinessDays());
  }

  /** The kickoff is held within the configured days (14) of contract start. */
  public Date kickoffDue(LocalDate contractStart) {
    return calendar.at(contractStart.plusDays(settings.kickoffWithinDays()), CLOSE_OF_BUSINESS);
  }

  /** Who takes over a brief past its deadline; null leaves the task to the sales team. */
  public String salesManager() {
    String manager = settings.salesManager();
    return manager == null || manager.isBlank() ? null : manager.trim();
  }
}
