package io.csplaybooks.feedback;

import io.csplaybooks.common.BusinessCalendar;
import io.csplaybooks.playbook.PlaybookFunctions;
import java.util.Date;

/** The deadline of the feedback tasks (engineering, product), for BPMN expressions. */
@PlaybookFunctions(value = "feedbackDeadlines", formerly = "feedbackPlaybook")
public class FeedbackDeadlines {

  private final FeedbackSettings settings;
  private final BusinessCalendar calendar;

  public FeedbackDeadlines(FeedbackSettings settings, BusinessCalendar calendar) {
    this.settings = settings;
    this.calendar = calendar;
  }

  public Date triageDue() {
    return calendar.businessDaysFromNow(settings.triageBusinessDays());
  }
}
