package io.csplaybooks.qbr;

import io.csplaybooks.common.EngineClock;
import io.csplaybooks.account.Account;
import io.csplaybooks.account.AccountRepository;
import io.csplaybooks.common.BusinessDays;
import io.csplaybooks.common.NotFoundException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import org.springframework.beans.factory.annotation.Autowired;
import io.csplaybooks.playbook.PlaybookFunctions;

/** The QBR cycle's dates and people, named for its BPMN expressions. Dates follow the engine clock. */
@PlaybookFunctions("qbrPlaybook")
public class QbrPlaybook {

  private static final LocalTime QBR_TIME = LocalTime.of(9, 0);

  private final QbrSettings settings;
  private final AccountRepository accounts;
  private final ZoneId zone;

  @Autowired
  public QbrPlaybook(QbrSettings settings, AccountRepository accounts) {
    this(settings, accounts, ZoneId.systemDefault());
  }

  public QbrPlaybook(QbrSettings settings, AccountRepository accounts, ZoneId zone) {
    this.settings = settings;
    this.accounts = accounts;
    this.zone = zone;
  }

  /** The next QBR: the tier's cadence in months from now (the start of adoption, then the last QBR round). */
  public Date nextQbrDate(int cadenceMonths) {
    LocalDate day = now().toLocalDate().plusMonths(cadenceMonths);
    return Date.from(day.atTime(QBR_TIME).atZone(zone).toInstant());
  }

  /** The pack is prepared and the CSM's task opens this many days (30) before the QBR. */
  public Date prepareFrom(Date qbrDate) {
    return Date.from(qbrDate.toInstant().atZone(zone).minusDays(settings.prepareWindowDays()).toInstant());
  }

  /** The CSM schedules and prepares the QBR by 14 days before it. */
  public Date prepareDue(Date qbrDate) {
    return Date.from(qbrDate.toInstant().atZone(zone).minusDays(settings.prepareDueDaysBefore()).toInstant());
  }

  public Date followUpDue() {
    return BusinessDays.fromNow(settings.followUpBusinessDays(), zone);
  }

  /** The outcome is recorded within a few business days after the QBR date (or from now, if that has passed). */
  public Date outcomeDue(Date qbrDate) {
    ZonedDateTime from = qbrDate.toInstant().atZone(zone);
    if (from.isBefore(now())) {
      from = now();
    }
    return Date.from(BusinessDays.add(from, settings.outcomeBusinessDaysAfter()).toInstant());
  }

  public Date upsellDue() {
    return BusinessDays.fromNow(settings.upsellBusinessDays(), zone);
  }

  /** The account's CSM now (it may change over the years of a cycle). */
  public String csm(Object accountId) {
    return load(accountId).csmId();
  }

  /** The account executive; null leaves the upsell to the sales team. */
  public String accountExecutive(Object accountId) {
    return load(accountId).accountExecutiveId();
  }

  private ZonedDateTime now() {
    return EngineClock.now().atZone(zone);
  }

  private Account load(Object accountId) {
    long id = ((Number) accountId).longValue();
    return accounts.findById(id).orElseThrow(() -> new NotFoundException("no account " + id));
  }
}
