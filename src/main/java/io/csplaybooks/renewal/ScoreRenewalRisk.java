package io.csplaybooks.renewal;

import io.csplaybooks.account.Account;
import io.csplaybooks.account.AccountRepository;
import io.csplaybooks.account.StakeholderRole;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.jdbc.core.simple.JdbcClient;
import io.csplaybooks.playbook.PlaybookStep;

/** "Score renewal risk": low, medium or high with the reasons, stored with the renewal. */
@PlaybookStep("scoreRenewalRisk")
public class ScoreRenewalRisk implements JavaDelegate {

  private final AccountRepository accounts;
  private final RenewalRepository renewals;
  private final JdbcClient jdbc;
  private final RenewalRisk risk;

  public ScoreRenewalRisk(AccountRepository accounts, RenewalRepository renewals, JdbcClient jdbc,
      RenewalSettings settings) {
    this.accounts = accounts;
    this.renewals = renewals;
    this.jdbc = jdbc;
    this.risk = new RenewalRisk(settings.riskMediumFrom(), settings.riskHighFrom());
  }

  @Override
  public void execute(DelegateExecution execution) {
    long accountId = ((Number) execution.getVariable("accountId")).longValue();
    long renewalId = ((Number) execution.getVariable("renewalId")).longValue();
    Account account = accounts.findById(accountId).orElseThrow();
    RenewalRepository.Renewal renewal = renewals.find(renewalId).orElseThrow();
    Integer trend = jdbc.sql("select trend_30d from health_score where account_id = :a order by scored_at desc, id desc limit 1")
        .param("a", accountId).query(Integer.class).optional().orElse(null);
    Integer adoptionNow = adoption(accountId, 0, 15);
    Integer adoptionBefore = adoption(accountId, 25, 45);
    int open = jdbc.sql("select count(*) from open_intervention where account_id = :a").param("a", accountId)
        .query(Integer.class).single();
    int escalated = jdbc.sql("""
            select coalesce(sum(tickets_escalated), 0) from customer_signal
            where account_id = :a and type = 'support' and occurred_at >= :since""")
        .param("a", accountId).param("since", java.sql.Timestamp.valueOf(LocalDate.now().minusDays(30).atStartOfDay()))
        .query(Integer.class).single();
    boolean champion = accounts.stakeholdersOf(accountId).stream().anyMatch(s -> s.role() == StakeholderRole.CHAMPION);
    Integer nps = jdbc.sql("""
            select nps_score from customer_signal where account_id = :a and type = 'nps'
            order by occurred_at desc limit 1""")
        .param("a", accountId).query(Integer.class).optional().orElse(null);
    RenewalRisk.Result result = risk.assess(new RenewalRisk.Inputs(account.healthBand(), trend, adoptionNow,
        adoptionBefore, open, escalated, champion, nps, ChronoUnit.DAYS.between(LocalDate.now(), renewal.renewalDate())));
    renewals.risk(renewalId, result.level().name().toLowerCase(), String.join("; ", result.reasons()));
    execution.setVariable("renewalRisk", result.level().name().toLowerCase());
  }

  /** Active users as a share of seats, from the latest usage signal between two ages in days. */
  private Integer adoption(long accountId, int newestDaysAgo, int oldestDaysAgo) {
    return jdbc.sql("""
            select active_users * 100 / licensed_seats from customer_signal
            where account_id = :a and type = 'usage' and occurred_at <= :newest and occurred_at >= :oldest
            order by occurred_at desc limit 1""")
        .param("a", accountId)
        .param("newest", java.sql.Timestamp.valueOf(LocalDate.now().minusDays(newestDaysAgo).plusDays(1).atStartOfDay()))
        .param("oldest", java.sql.Timestamp.valueOf(LocalDate.now().minusDays(oldestDaysAgo).atStartOfDay()))
        .query(Integer.class).optional().orElse(null);
  }
}
