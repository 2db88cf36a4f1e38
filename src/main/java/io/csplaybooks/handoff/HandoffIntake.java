package io.csplaybooks.handoff;

import io.csplaybooks.playbook.PlaybookMessages;
import io.csplaybooks.security.Person;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts the handoff playbook for a closed contract, once per contract id. The records and the
 * process start commit together or not at all; the playbook goes on in the job executor (the start
 * event is an async continuation), so the CRM's webhook is answered in milliseconds.
 */
@Service
public class HandoffIntake {

  public static final String CONTRACT_CLOSED = PlaybookMessages.CONTRACT_CLOSED;

  private final HandoffRegistry registry;
  private final HandoffRepository handoffs;
  private final RuntimeService runtime;
  private final TransactionTemplate transaction;

  public HandoffIntake(HandoffRegistry registry, HandoffRepository handoffs, RuntimeService runtime,
      TransactionTemplate transaction) {
    this.registry = registry;
    this.handoffs = handoffs;
    this.runtime = runtime;
    this.transaction = transaction;
  }

  public record Result(Handoff handoff, boolean created) {}

  public Result contractClosed(HandoffRequest request) {
    Person accountExecutive = registry.validate(request);
    try {
      Handoff handoff = transaction.execute(status -> {
        Registration registration = registry.register(request, accountExecutive);
        ProcessInstance instance = runtime.createMessageCorrelation(CONTRACT_CLOSED)
            .processInstanceBusinessKey(registration.contractId())
            .setVariables(registration.processVariables())
            .correlateStartMessage();
        handoffs.linkProcessInstance(registration.handoffId(), instance.getId());
        return handoffs.findById(registration.handoffId()).orElseThrow();
      });
      return new Result(handoff, true);
    } catch (DuplicateHandoffException e) {
      return new Result(e.existing(), false);
    } catch (DuplicateKeyException e) {
      // The same contract arrived twice at once; the other delivery won the unique contract id.
      return handoffs.findByContractId(request.contractId().trim())
          .map(existing -> new Result(existing, false))
          .orElseThrow(() -> e);
    }
  }
}
