package io.csplaybooks.renewal;

import io.csplaybooks.common.BusinessDays;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import io.csplaybooks.playbook.PlaybookFunctions;

/** The renewal playbook's dates, for its BPMN expressions. */
@PlaybookFunctions("renewalPlaybook")
public class RenewalPlaybook {

  private static final LocalTime START_OF_DAY = LocalTime.of(9, 0);

  private final RenewalSettings settings;
  private final ZoneId zone;

  @Autowired
  public RenewalPlaybook(RenewalSettings settings) {
    this(settings, ZoneId.systemDefault());
  }

  public RenewalPlaybook(RenewalSettings settings, ZoneId zone) {
    this.settings = settings;
    this.zone = zone;
  }

  /** The renewal work starts 120 days (configurable) before the renewal date. */
  public Date windowOpens(LocalDate renewalDate) {
    return at(renewalDate.minusDays(settings.startDaysBefore()));
  }

  /** The checkpoints, days before the renewal date: a list the BPMN runs over. */
  public List<Integer> checkpoints() {
    return new ArrayList<>(settings.checkpointDaysBefore());
  }

  public Date checkpointDue(Date renewalDate, Object daysBefore) {
    return at(day(renewalDate).minusDays(((Number) daysBefore).longValue()));
  }

  public Date outcomeDue(Date renewalDate) {
    return at(day(renewalDate));
  }

  public Date chaseDue() {
    return BusinessDays.fromNow(settings.chaseBusinessDays(), zone);
  }

  private LocalDate day(Date date) {
    return date.toInstant().atZone(zone).toLocalDate();
  }

  private Date at(LocalDate day) {
    return Date.from(day.atTime(START_OF_DAY).atZone(zone).toInstant());
  }
}
