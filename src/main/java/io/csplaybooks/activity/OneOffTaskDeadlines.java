package io.csplaybooks.activity;

import io.csplaybooks.common.BusinessCalendar;
import io.csplaybooks.playbook.PlaybookFunctions;
import java.util.Date;
import java.util.List;

/** The one-off task's deadlines and who may take it, for its BPMN expressions. */
@PlaybookFunctions("oneOffTaskDeadlines")
public class OneOffTaskDeadlines {

  private final ActivitySettings settings;
  private final BusinessCalendar calendar;

  public OneOffTaskDeadlines(ActivitySettings settings, BusinessCalendar calendar) {
    this.settings = settings;
    this.calendar = calendar;
  }

  /** A CS manager follows up an overdue one-off task within a few business days. */
  public Date followUpDue() {
    return calendar.businessDaysFromNow(settings.followUpBusinessDays());
  }

  /** The team that may take the task: the one it was given to, or none when it was given to a person. */
  public List<String> candidates(Object team) {
    return team instanceof String name && !name.isBlank() ? List.of(name) : List.of();
  }
}
