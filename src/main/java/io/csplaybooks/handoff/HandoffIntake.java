package io.csplaybooks.handoff;

import io.csplaybooks.playbook.PlaybookEvent;
import io.csplaybooks.playbook.PlaybookEvents;
import io.csplaybooks.security.Person;
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

  private final HandoffRegistry registry;
  private final HandoffRepository handoffs;
  private final PlaybookEvents events;
  private final TransactionTemplate transaction;

  public HandoffIntake(HandoffRegistry registry, HandoffRepository handoffs, PlaybookEvents events,
      TransactionTemplate transaction) {
    this.registry = registry;
    this.handoffs = handoffs;
    this.events = events;
    this.transaction = transaction;
  }

  public record Result(Handoff handoff, boolean created) {}

  public Result contractClosed(HandoffRequest request) {
    Person accountExecutive = registry.validate(request);
    try {
      Handoff handoff = transaction.execute(status -> {
        Registration registration = registry.register(request, accountExecutive);
        ProcessInstance instance = events.start(PlaybookEvent.CONTRACT_CLOSED, registration.contractId(),
            registration.processVariables());
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
