package io.csplaybooks.trigger;

import io.csplaybooks.common.BusinessCalendar;
import io.csplaybooks.playbook.PlaybookFunctions;
import java.util.Date;

/** The quiet churn play's deadlines, for its BPMN expressions (csp.triggers). */
@PlaybookFunctions("quietChurnDeadlines")
public class QuietChurnDeadlines {

  private final TriggerSettings settings;
  private final BusinessCalendar calendar;

  public QuietChurnDeadlines(TriggerSettings settings, BusinessCalendar calendar) {
    this.settings = settings;
    this.calendar = calendar;
  }

  /** The CSM talks to a customer in quiet churn within a few business days, before the slide goes on. */
  public Date reviewDue() {
    return calendar.businessDaysFromNow(settings.reviewBusinessDays());
  }

  /** A CS manager follows up a late review within a few business days. */
  public Date followUpDue() {
    return calendar.businessDaysFromNow(settings.followUpBusinessDays());
  }
}
