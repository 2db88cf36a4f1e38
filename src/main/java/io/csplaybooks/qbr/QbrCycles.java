package io.csplaybooks.qbr;

import io.csplaybooks.common.BusinessCalendar;
import io.csplaybooks.common.ConflictException;
import io.csplaybooks.playbook.AccountId;
import java.time.LocalTime;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the QBR module lets other modules do with an account's running cycle: "QBR now" brings the
 * next round forward instead of starting a second cycle (one runs per account).
 */
@Component
public class QbrCycles {

  static final String PLAYBOOK = "qbr-cycle";
  private static final LocalTime QBR_TIME = LocalTime.of(9, 0);

  private final RuntimeService runtime;
  private final ManagementService management;
  private final QbrSettings settings;
  private final BusinessCalendar calendar;

  QbrCycles(RuntimeService runtime, ManagementService management, QbrSettings settings, BusinessCalendar calendar) {
    this.runtime = runtime;
    this.management = management;
    this.settings = settings;
    this.calendar = calendar;
  }

  /** Whether the account's cycle waits for its next round's preparation: what "QBR now" can bring forward. */
  public boolean canBringForward(long accountId) {
    return waitingTimer(accountId).isPresent();
  }

  /**
   * "QBR now": the next round is held one preparation window from today (30 days), so its
   * preparation opens at once (the cycle's timer is made due now and the pack is prepared as a job),
   * and the CSM's "Schedule and prepare QBR" follows with its usual deadlines. Refused (409) when the
   * account has no cycle waiting (none running, or a round already in preparation). Returns the new
   * QBR date.
   */
  @Transactional
  public Date bringNextRoundForward(long accountId) {
    Job timer = waitingTimer(accountId).orElseThrow(() -> new ConflictException("account " + accountId
        + " has no QBR cycle waiting for its next round (none running, or a round is being prepared)",
        List.of("playbook")));
    Date qbrDate = calendar.at(calendar.now().toLocalDate().plusDays(settings.prepareWindowDays()), QBR_TIME);
    Date planned = (Date) runtime.getVariable(timer.getProcessInstanceId(), QbrVariables.QBR_DATE);
    if (planned != null && !planned.after(qbrDate)) {
      throw new ConflictException("the next QBR of account " + accountId + " is already on "
          + calendar.day(planned), List.of("playbook"));
    }
    runtime.setVariable(timer.getProcessInstanceId(), QbrVariables.QBR_DATE, qbrDate);
    management.setJobDuedate(timer.getId(), Date.from(calendar.now().toInstant()));
    return qbrDate;
  }

  private Optional<Job> waitingTimer(long accountId) {
    for (ProcessInstance cycle : runtime.createProcessInstanceQuery().processDefinitionKey(PLAYBOOK)
        .processInstanceBusinessKey(AccountId.of(accountId).businessKey()).active().list()) {
      Job timer = management.createJobQuery().processInstanceId(cycle.getId()).timers()
          .activityId(QbrVariables.Elements.PREPARATION_WINDOW_OPENS).singleResult();
      if (timer != null) {
        return Optional.of(timer);
      }
    }
    return Optional.empty();
  }
}
