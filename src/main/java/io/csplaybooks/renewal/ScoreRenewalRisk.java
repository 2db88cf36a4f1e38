package io.csplaybooks.renewal;

import io.csplaybooks.account.Account;
import io.csplaybooks.account.AccountRepository;
import io.csplaybooks.account.StakeholderRole;
import io.csplaybooks.common.EngineClock;
import io.csplaybooks.health.HealthRepository;
import io.csplaybooks.health.SignalRepository;
import io.csplaybooks.intervention.InterventionRepository;
import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.PlaybookStep;
import io.csplaybooks.playbook.PlaybookVariables;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/** "Score renewal risk": low, medium or high with the reasons, stored with the renewal. */
@PlaybookStep("scoreRenewalRisk")
public class ScoreRenewalRisk implements JavaDelegate {

  private final AccountRepository accounts;
  private final RenewalRepository renewals;
  private final HealthRepository health;
  private final SignalRepository signals;
  private final InterventionRepository interventions;
  private final RenewalRisk risk;

  public ScoreRenewalRisk(AccountRepository accounts, RenewalRepository renewals, HealthRepository health,
      SignalRepository signals, InterventionRepository interventions, RenewalSettings settings) {
    this.accounts = accounts;
    this.renewals = renewals;
    this.health = health;
    this.signals = signals;
    this.interventions = interventions;
    this.risk = new RenewalRisk(settings.riskMediumFrom(), settings.riskHighFrom());
  }

  @Override
  public void execute(DelegateExecution execution) {
    long accountId = AccountId.from(execution).value();
    long renewalId = PlaybookVariables.renewalId(execution);
    Account account = accounts.findById(accountId).orElseThrow();
    RenewalRepository.Renewal renewal = renewals.find(renewalId).orElseThrow();
    LocalDate today = EngineClock.today();
    Integer trend = health.latestTrend(accountId).orElse(null);
    // Usage now (the last 15 days) against a month before (25 to 45 days ago).
    Integer adoptionNow = signals.adoption(accountId, today.minusDays(15), today);
    Integer adoptionBefore = signals.adoption(accountId, today.minusDays(45), today.minusDays(25));
    int open = interventions.isOpen(accountId) ? 1 : 0;
    int escalated = signals.escalatedSince(accountId, today.minusDays(30));
    boolean champion = accounts.stakeholdersOf(accountId).stream().anyMatch(s -> s.role() == StakeholderRole.CHAMPION);
    Integer nps = signals.latestNps(accountId);
    RenewalRisk.Result result = risk.assess(new RenewalRisk.Inputs(account.healthBand(), trend, adoptionNow,
        adoptionBefore, open, escalated, champion, nps, ChronoUnit.DAYS.between(today, renewal.renewalDate())));
    renewals.risk(renewalId, RenewalVariables.risk(result.level()), String.join("; ", result.reasons()));
    execution.setVariable(RenewalVariables.RENEWAL_RISK, RenewalVariables.risk(result.level()));
  }
}
