package io.csplaybooks.handoff;

import io.csplaybooks.common.BusinessDays;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import org.springframework.beans.factory.annotation.Autowired;
import io.csplaybooks.playbook.PlaybookFunctions;

/**
 * The handoff playbook's deadlines and people, named for its BPMN expressions
 * (for example {@code camunda:dueDate="${handoffPlaybook.briefDue()}"}). Time comes from the
 * engine's clock, so process tests can move it.
 */
@PlaybookFunctions("handoffPlaybook")
public class HandoffPlaybook {

  /** Deadlines that fall on a day end at the close of business. */
  static final LocalTime CLOSE_OF_BUSINESS = LocalTime.of(17, 0);

  private final HandoffSettings settings;
  private final ZoneId zone;

  @Autowired
  public HandoffPlaybook(HandoffSettings settings) {
    this(settings, ZoneId.systemDefault());
  }

  public HandoffPlaybook(HandoffSettings settings, ZoneId zone) {
    this.settings = settings;
    this.zone = zone;
  }

  public Date briefDue() {
    return businessDaysFromNow(settings.briefBusinessDays());
  }

  public Date escalatedBriefDue() {
    return businessDaysFromNow(settings.escalatedBriefBusinessDays());
  }

  public Date csmReviewDue() {
    return businessDaysFromNow(settings.csmReviewBusinessDays());
  }

  public Date kickoffFollowUpDue() {
    return businessDaysFromNow(settings.kickoffFollowUpBusinessDays());
  }

  /** The kickoff is held within the configured days (14) of contract start. */
  public Date kickoffDue(LocalDate contractStart) {
    return Date.from(contractStart.plusDays(settings.kickoffWithinDays()).atTime(CLOSE_OF_BUSINESS).atZone(zone).toInstant());
  }

  /** Who takes over an incomplete brief; null leaves the task to the sales team. */
  public String salesManager() {
    String manager = settings.salesManager();
    return manager == null || manager.isBlank() ? null : manager.trim();
  }

  private Date businessDaysFromNow(int days) {
    return BusinessDays.fromNow(days, zone);
  }
}
