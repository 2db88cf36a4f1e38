package io.csplaybooks.qbr;

import io.csplaybooks.account.AccountFacts;
import io.csplaybooks.common.BusinessCalendar;
import io.csplaybooks.playbook.PlaybookFunctions;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Date;

/** The QBR cycle's dates and deadlines, for its BPMN expressions. */
@PlaybookFunctions(value = "qbrDeadlines", formerly = "qbrPlaybook")
public class QbrDeadlines {

  private static final LocalTime QBR_TIME = LocalTime.of(9, 0);

  private final QbrSettings settings;
  private final BusinessCalendar calendar;
  private final AccountFacts accounts;

  public QbrDeadlines(QbrSettings settings, BusinessCalendar calendar, AccountFacts accounts) {
    this.settings = settings;
    this.calendar = calendar;
    this.accounts = accounts;
  }

  /** The next QBR: the tier's cadence in months from now (the start of adoption, then the last QBR round). */
  public Date nextQbrDate(int cadenceMonths) {
    return calendar.at(calendar.now().toLocalDate().plusMonths(cadenceMonths), QBR_TIME);
  }

  /** The pack is prepared and the CSM's task opens this many days (30) before the QBR. */
  public Date prepareFrom(Date qbrDate) {
    return Date.from(calendar.zoned(qbrDate).minusDays(settings.prepareWindowDays()).toInstant());
  }

  /** The CSM schedules and prepares the QBR by 14 days before it. */
  public Date prepareDue(Date qbrDate) {
    return Date.from(calendar.zoned(qbrDate).minusDays(settings.prepareDueDaysBefore()).toInstant());
  }

  public Date followUpDue() {
    return calendar.businessDaysFromNow(settings.followUpBusinessDays());
  }

  /** The outcome is recorded within a few business days after the QBR date (or from now, if that has passed). */
  public Date outcomeDue(Date qbrDate) {
    ZonedDateTime from = calendar.zoned(qbrDate);
    if (from.isBefore(calendar.now())) {
      from = calendar.now();
    }
    return calendar.businessDaysAfter(from, settings.outcomeBusinessDaysAfter());
  }

  public Date upsellDue() {
    return calendar.businessDaysFromNow(settings.upsellBusinessDays());
  }

  /** QBR cycles deployed before the rename assign with {@code qbrPlaybook.csm(accountId)}; now {@code accountFacts.csm}. */
  public String csm(Object accountId) {
    return accounts.csm(accountId);
  }

  /** As {@link #csm}: now {@code accountFacts.accountExecutive}. */
  public String accountExecutive(Object accountId) {
    return accounts.accountExecutive(accountId);
  }
}
