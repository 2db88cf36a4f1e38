package io.csplaybooks.renewal;

import io.csplaybooks.account.Account;
import io.csplaybooks.account.Accounts;
import io.csplaybooks.account.StakeholderRole;
import io.csplaybooks.common.EngineClock;
import io.csplaybooks.common.NotFoundException;
import io.csplaybooks.health.AccountHealth;
import io.csplaybooks.intervention.Interventions;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.springframework.stereotype.Component;

/**
 * Scores a renewal's risk: gathers what the account's health, usage, support, save plays and
 * stakeholders say, judges it ({@link RenewalRisk}) and stores the level and its reasons with the
 * renewal. The use case behind the "Score renewal risk" step, run without the engine in its test.
 */
@Component
class RenewalRisks {

  private final Accounts accounts;
  private final RenewalRepository renewals;
  private final AccountHealth health;
  private final Interventions interventions;
  private final RenewalRisk risk;

  RenewalRisks(Accounts accounts, RenewalRepository renewals, AccountHealth health, Interventions interventions,
      RenewalSettings settings) {
    this.accounts = accounts;
    this.renewals = renewals;
    this.health = health;
    this.interventions = interventions;
    this.risk = new RenewalRisk(settings.riskMediumFrom(), settings.riskHighFrom());
  }

  RenewalRisk.Result score(long renewalId) {
    RenewalRepository.Renewal renewal = renewals.find(renewalId)
        .orElseThrow(() -> new NotFoundException("renewal " + renewalId + " does not exist"));
    long accountId = renewal.accountId();
    Account account = accounts.findById(accountId).orElseThrow();
    LocalDate today = EngineClock.today();
    // Usage now (the last 15 days) against a month before (25 to 45 days ago).
    Integer adoptionNow = health.adoption(accountId, today.minusDays(15), today);
    Integer adoptionBefore = health.adoption(accountId, today.minusDays(45), today.minusDays(25));
    boolean champion = accounts.stakeholdersOf(accountId).stream().anyMatch(s -> s.role() == StakeholderRole.CHAMPION);
    RenewalRisk.Result result = risk.assess(new RenewalRisk.Inputs(account.healthBand(),
        health.latestTrend(accountId).orElse(null), adoptionNow, adoptionBefore, interventions.isOpen(accountId) ? 1 : 0,
        health.escalatedSince(accountId, today.minusDays(30)), champion, health.latestNps(accountId),
        ChronoUnit.DAYS.between(today, renewal.renewalDate())));
    renewals.risk(renewalId, RenewalVariables.risk(result.level()), String.join("; ", result.reasons()));
    return result;
  }
}
