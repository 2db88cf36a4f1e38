package io.csplaybooks.renewal;

import io.csplaybooks.account.Account;
import io.csplaybooks.account.Accounts;
import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.PlaybookStep;
import io.csplaybooks.playbook.PlaybookVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * "Assign renewal owner": the role the renewal-owner table chose, as a person: the account's CSM,
 * its account executive, or the configured account manager (none: the sales team picks it up).
 */
@PlaybookStep(value = "assignRenewalOwner",
    name = "Assign renewal owner",
    description = "Renewal: the role the renewal-owner table chose, as a person: the CSM, the account executive or the "
        + "account manager (renewalOwner).")
class AssignRenewalOwner implements JavaDelegate {

  private final Accounts accounts;
  private final RenewalRepository renewals;
  private final RenewalSettings settings;

  public AssignRenewalOwner(Accounts accounts, RenewalRepository renewals, RenewalSettings settings) {
    this.accounts = accounts;
    this.renewals = renewals;
    this.settings = settings;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Account account = accounts.findById(AccountId.from(execution).value()).orElseThrow();
    String role = (String) execution.getVariable(RenewalVariables.OWNER_ROLE);
    String owner = switch (role == null ? "" : role) {
      case RenewalVariables.OwnerRole.CSM -> account.csmId();
      case RenewalVariables.OwnerRole.ACCOUNT_EXECUTIVE -> account.accountExecutiveId();
      default -> settings.accountManager() == null || settings.accountManager().isBlank()
          ? null : settings.accountManager().trim();
    };
    renewals.owner(PlaybookVariables.renewalId(execution), role, owner);
    execution.setVariable(RenewalVariables.RENEWAL_OWNER, owner);
  }
}
