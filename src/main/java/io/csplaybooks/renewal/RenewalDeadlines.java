package io.csplaybooks.renewal;

import io.csplaybooks.common.BusinessCalendar;
import io.csplaybooks.playbook.PlaybookFunctions;
import io.csplaybooks.playbook.PlaybookVariables;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/** The renewal playbook's dates and deadlines, for its BPMN expressions. */
@PlaybookFunctions(value = "renewalDeadlines", formerly = "renewalPlaybook")
public class RenewalDeadlines {

  private static final LocalTime START_OF_DAY = LocalTime.of(9, 0);

  private final RenewalSettings settings;
  private final BusinessCalendar calendar;

  public RenewalDeadlines(RenewalSettings settings, BusinessCalendar calendar) {
    this.settings = settings;
    this.calendar = calendar;
  }

  /** The renewal work starts 120 days (configurable) before the renewal date. */
  public Date windowOpens(LocalDate renewalDate) {
    return calendar.at(renewalDate.minusDays(settings.startDaysBefore()), START_OF_DAY);
  }

  /** The checkpoints, days before the renewal date: a list the BPMN runs over. */
  public List<Integer> checkpoints() {
    return new ArrayList<>(settings.checkpointDaysBefore());
  }

  public Date checkpointDue(Date renewalDate, Object daysBefore) {
    return calendar.at(calendar.day(renewalDate).minusDays(PlaybookVariables.number(daysBefore, "daysBefore").longValue()), START_OF_DAY);
  }

  public Date outcomeDue(Date renewalDate) {
    return calendar.at(calendar.day(renewalDate), START_OF_DAY);
  }

  public Date chaseDue() {
    return calendar.businessDaysFromNow(settings.chaseBusinessDays());
  }
}
