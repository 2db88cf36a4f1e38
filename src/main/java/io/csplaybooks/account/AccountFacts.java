package io.csplaybooks.account;

import io.csplaybooks.common.NotFoundException;
import io.csplaybooks.playbook.PlaybookFunctions;

/**
 * An account's facts for decision tables, loaded by id so the process keeps only the id:
 * {@code ${accountFacts.segment(accountId)}} as an input of a business rule task.
 */
@PlaybookFunctions("accountFacts")
public class AccountFacts {

  private final AccountRepository accounts;

  public AccountFacts(AccountRepository accounts) {
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

  private Account load(Object accountId) {
    long id = ((Number) accountId).longValue();
    return accounts.findById(id).orElseThrow(() -> new NotFoundException("no account " + id));
  }
}
