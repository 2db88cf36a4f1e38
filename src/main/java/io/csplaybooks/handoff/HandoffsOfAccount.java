package io.csplaybooks.handoff;

import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.AccountPlaybooks;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * The account's handoffs (keyed by their contract), for the events every playbook of the account hears
 * and for the account's story.
 */
@Component
class HandoffsOfAccount implements AccountPlaybooks {

  private final HandoffRepository handoffs;

  HandoffsOfAccount(HandoffRepository handoffs) {
    this.handoffs = handoffs;
  }

  @Override
  public String playbook() {
    return "sales-handoff";
  }

  /** Every handoff of the account (the callers keep those still running: one query on the engine). */
  @Override
  public List<String> runningInstances(AccountId account) {
    return instances(account);
  }

  /** The handoff table keeps each handoff's process instance after it ended. */
  @Override
  public List<String> instances(AccountId account) {
    return handoffs.ofAccount(account.value()).stream().map(Handoff::processInstanceId).filter(Objects::nonNull).toList();
  }
}
