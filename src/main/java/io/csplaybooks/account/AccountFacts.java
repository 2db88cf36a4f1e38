package io.csplaybooks.account;

import io.csplaybooks.common.NotFoundException;
import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.PlaybookFunctions;

/**
 * An account's facts for decision tables and assignments, loaded by id so the process keeps only the
 * id: {@code ${accountFacts.segment(accountId)}} as an input of a business rule task,
 * {@code ${accountFacts.csm(accountId)}} as an assignee.
 */
@PlaybookFunctions("accountFacts")
public class AccountFacts {

  private final Accounts accounts;

  public AccountFacts(Accounts accounts) {
    this.accounts = accounts;
  }

  public String segment(Object accountId) {
    return load(accountId).segment().code();
  }

  public String region(Object accountId) {
    return load(accountId).region();
  }

  public double arr(Object accountId) {
    return load(accountId).arr().doubleValue();
  }

  /** The account's CSM now (it may change over the years of a playbook). */
  public String csm(Object accountId) {
    return load(accountId).csmId();
  }

  /** The account executive; null leaves a sales task to the sales team. */
  public String accountExecutive(Object accountId) {
    return load(accountId).accountExecutiveId();
  }

  private Account load(Object accountId) {
    long id = AccountId.of(accountId).value();
    return accounts.findById(id).orElseThrow(() -> new NotFoundException("no account " + id));
  }
}
