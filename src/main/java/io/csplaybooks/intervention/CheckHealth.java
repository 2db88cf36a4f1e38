package io.csplaybooks.intervention;

import static io.csplaybooks.intervention.InterventionVariables.HEALTH_RECOVERED;
import static io.csplaybooks.intervention.InterventionVariables.MAX_CHECKS_REACHED;

import io.csplaybooks.account.Account;
import io.csplaybooks.account.Accounts;
import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.PlaybookStep;
import io.csplaybooks.playbook.PlaybookVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/** "Check health": back to yellow or green is a save; still red counts towards the manager's decision. */
@PlaybookStep(value = "checkHealth",
    name = "Check health",
    description = "Save play: whether the account's health is back to yellow or green (healthRecovered), or how often "
        + "it was still red.")
class CheckHealth implements JavaDelegate {

  private final InterventionRepository interventions;
  private final Accounts accounts;
  private final InterventionSettings settings;

  public CheckHealth(InterventionRepository interventions, Accounts accounts, InterventionSettings settings) {
    this.interventions = interventions;
    this.accounts = accounts;
    this.settings = settings;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Account account = accounts.findById(AccountId.from(execution).value()).orElseThrow();
    boolean recovered = "yellow".equals(account.healthBand()) || "green".equals(account.healthBand());
    int checks = interventions.countCheck(PlaybookVariables.interventionId(execution));
    execution.setVariable(HEALTH_RECOVERED, recovered);
    execution.setVariable(MAX_CHECKS_REACHED, !recovered && checks % settings.maxChecks() == 0);
  }
}
