package io.csplaybooks.handoff;

import java.util.Optional;
import org.springframework.context.ApplicationContext;

/** For other modules' tests: the brief stored for a contract's handoff, looked up by the contract's id. */
public final class HandoffFixtures {

  private HandoffFixtures() {}

  public static Optional<HandoffBrief> briefOfContract(ApplicationContext context, String contractId) {
    HandoffRepository handoffs = context.getBean(HandoffRepository.class);
    return handoffs.findByContractId(contractId).map(handoffs::brief);
  }
}
