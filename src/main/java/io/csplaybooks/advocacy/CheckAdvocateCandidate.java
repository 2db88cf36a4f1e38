package io.csplaybooks.advocacy;

import io.csplaybooks.account.Account;
import io.csplaybooks.account.AccountRepository;
import java.sql.Date;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.jdbc.core.simple.JdbcClient;
import io.csplaybooks.playbook.PlaybookStep;

/**
 * "Check advocate candidate": a promoter (NPS 9-10) whose health is green, who is in no save play and
 * was not asked in the last 6 months. Claiming the ask on the account row is atomic, so two promoter
 * answers at once make one ask.
 */
@PlaybookStep("checkAdvocateCandidate")
public class CheckAdvocateCandidate implements JavaDelegate {

  private final AccountRepository accounts;
  private final JdbcClient jdbc;
  private final AdvocacyPlaybook playbook;

  public CheckAdvocateCandidate(AccountRepository accounts, JdbcClient jdbc, AdvocacyPlaybook playbook) {
    this.accounts = accounts;
    this.jdbc = jdbc;
    this.playbook = playbook;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long accountId = ((Number) execution.getVariable("accountId")).longValue();
    Account account = accounts.findById(accountId).orElseThrow();
    boolean inSavePlay = jdbc.sql("select count(*) from open_intervention where account_id = :id")
        .param("id", accountId).query(Long.class).single() > 0;
    LocalDate today = LocalDate.now();
    boolean candidate = "green".equals(account.healthBand()) && !inSavePlay && account.csmId() != null
        && jdbc.sql("""
            update account set advocacy_asked_on = :today
            where id = :id and (advocacy_asked_on is null or advocacy_asked_on <= :askedBefore)""")
        .param("today", Date.valueOf(today))
        .param("askedBefore", Date.valueOf(today.minusMonths(playbook.monthsBetweenAsks())))
        .param("id", accountId)
        .update() == 1;
    execution.setVariable("advocateCandidate", candidate);
    execution.setVariable("csmId", account.csmId());
  }
}
