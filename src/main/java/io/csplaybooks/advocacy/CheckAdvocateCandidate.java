package io.csplaybooks.advocacy;

import io.csplaybooks.account.Account;
import io.csplaybooks.account.Accounts;
import io.csplaybooks.common.EngineClock;
import io.csplaybooks.intervention.Interventions;
import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.PlaybookStep;
import io.csplaybooks.playbook.PlaybookVariables;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * "Check advocate candidate": a promoter (NPS 9-10) whose health is green, who is in no save play and
 * was not asked in the last 6 months. Claiming the ask on the account row is atomic, so two promoter
 * answers at once make one ask.
 */
@PlaybookStep(value = "checkAdvocateCandidate",
    name = "Check advocate candidate",
    description = "Advocacy: whether the promoter may be asked for a reference (green health, in no save play, not "
        + "asked in the last 6 months); sets advocateCandidate for the gateway after it.")
class CheckAdvocateCandidate implements JavaDelegate {

  private final Accounts accounts;
  private final Interventions interventions;
  private final AdvocacySettings settings;

  public CheckAdvocateCandidate(Accounts accounts, Interventions interventions,
      AdvocacySettings settings) {
    this.accounts = accounts;
    this.interventions = interventions;
    this.settings = settings;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long accountId = AccountId.from(execution).value();
    Account account = accounts.findById(accountId).orElseThrow();
    LocalDate today = EngineClock.today();
    boolean candidate = "green".equals(account.healthBand()) && !interventions.isOpen(accountId)
        && account.csmId() != null
        && accounts.claimAdvocacyAsk(accountId, today, today.minusMonths(settings.monthsBetweenAsks()));
    execution.setVariable(AdvocacyVariables.ADVOCATE_CANDIDATE, candidate);
    execution.setVariable(PlaybookVariables.CSM_ID, account.csmId());
  }
}
