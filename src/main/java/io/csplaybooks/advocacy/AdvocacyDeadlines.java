package io.csplaybooks.advocacy;

import io.csplaybooks.common.BusinessCalendar;
import io.csplaybooks.playbook.PlaybookFunctions;
import java.util.Date;

/** The advocacy playbook's deadlines, for its BPMN expressions. */
@PlaybookFunctions(value = "advocacyDeadlines", formerly = "advocacyPlaybook")
public class AdvocacyDeadlines {

  private final AdvocacySettings settings;
  private final BusinessCalendar calendar;

  public AdvocacyDeadlines(AdvocacySettings settings, BusinessCalendar calendar) {
    this.settings = settings;
    this.calendar = calendar;
  }

  public Date askDue() {
    return calendar.businessDaysFromNow(settings.askBusinessDays());
  }

  public Date storyDue() {
    return calendar.businessDaysFromNow(settings.storyBusinessDays());
  }
}
