package io.csplaybooks.renewal;

import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.PlaybookFunctions;

/**
 * The account's renewal, for any playbook's assignments: {@code ${renewalFacts.owner(accountId)}} is
 * the person who owns its running renewal (the CSM, the account executive or the account manager, as
 * the renewal-owner table chose), so a CS manager's own playbook can give a task to the renewal owner
 * without knowing the renewal playbook's variables.
 */
@PlaybookFunctions("renewalFacts")
public class RenewalFacts {

  private final RenewalRepository renewals;

  public RenewalFacts(RenewalRepository renewals) {
    this.renewals = renewals;
  }

  /** The owner of the running renewal with the nearest date; null (no renewal running) leaves the task to its team. */
  public String owner(Object accountId) {
    return renewals.openOwner(AccountId.of(accountId).value()).orElse(null);
  }
}
