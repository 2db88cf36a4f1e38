package io.csplaybooks.handoff;

import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.AccountPlaybooks;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;

/** The account's handoffs (keyed by their contract), for the events every playbook of the account hears. */
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

  @Override
  public List<String> runningInstances(AccountId account) {
    return handoffs.ofAccount(account.value()).stream().map(Handoff::processInstanceId).filter(Objects::nonNull).toList();
  }
}
