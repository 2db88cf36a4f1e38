package io.csplaybooks.handoff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.csplaybooks.common.ConflictException;
import io.csplaybooks.common.ForbiddenException;
import io.csplaybooks.common.InvalidInputException;
import io.csplaybooks.playbook.PlaybookEvent;
import io.csplaybooks.playbook.PlaybookEvents;
import io.csplaybooks.security.Person;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts the handoff playbook for a closed contract, once per contract id. The records and the
 * process start commit together or not at all; the playbook goes on in the job executor (the start
 * event is an async continuation), so the CRM's webhook is answered in milliseconds.
 *
 * <p>Every door a closed contract comes through (POST /api/handoffs, the HubSpot and Salesforce
 * webhooks, the demo's deals) passes here, so the operators' counts ({@code csp_handoffs_received_total}
 * by result, {@code csp_briefs_below_threshold_total}) are kept here and see them all.
 */
@Service
public class HandoffIntake {

  private final HandoffRegistry registry;
  private final HandoffRepository handoffs;
  private final PlaybookEvents events;
  private final TransactionTemplate transaction;
  private final ObjectMapper json;
  private final int threshold;
  private final MeterRegistry meters;
  private final Counter belowThreshold;

  public HandoffIntake(HandoffRegistry registry, HandoffRepository handoffs, PlaybookEvents events,
      TransactionTemplate transaction, ObjectMapper json, HandoffSettings settings, MeterRegistry meters) {
    this.json = json;
    this.registry = registry;
    this.handoffs = handoffs;
    this.events = events;
    this.transaction = transaction;
    this.threshold = settings.brief().threshold();
    this.meters = meters;
    // Registered at start, so the series exist at 0 before the first handoff (Prometheus' rate() needs them).
    for (String result : List.of("created", "resent", "invalid", "forbidden", "conflict")) {
      received(result);
    }
    this.belowThreshold = Counter.builder("csp.briefs.below_threshold")
        .description("Handoff briefs below the completeness threshold (sent back to sales)").register(meters);
  }

  private Counter received(String result) {
    return Counter.builder("csp.handoffs.received").tag("result", result)
        .description("Closed contracts received, by every door (API, CRM webhooks), by result").register(meters);
  }

  public record Result(Handoff handoff, boolean created) {}

  /**
   * A closed contract: a new customer's starts the handoff, an add-on for a customer we serve the
   * expansion handoff. The same contract again answers with its handoff when it says the same, and
   * {@link ConflictException} naming the fields when it says something else (an amendment is made
   * through the contract's amendment endpoint, with its history).
   */
  public Result contractClosed(HandoffRequest request, Caller caller) {
    Result result;
    try {
      result = receive(request, caller);
    } catch (InvalidInputException e) {
      received("invalid").increment();
      throw e;
    } catch (ForbiddenException e) {
      received("forbidden").increment();
      throw e;
    } catch (ConflictException e) {
      received("conflict").increment();
      throw e;
    }
    received(result.created() ? "created" : "resent").increment();
    Integer score = result.handoff().briefScore();
    if (result.created() && score != null && score < threshold) {
      belowThreshold.increment();
    }
    return result;
  }

  private Result receive(HandoffRequest request, Caller caller) {
    Person accountExecutive = registry.validate(request);
    String sent = json(request);
    try {
      Handoff handoff = transaction.execute(status -> {
        Registration registration = registry.register(request, accountExecutive, caller, sent);
        // The new-customer handoff is keyed by its contract; the expansion, like the account's other
        // playbooks, by the account.
        ProcessInstance instance = registration.expansion()
            ? events.start(PlaybookEvent.CONTRACT_EXPANDED, String.valueOf(registration.accountId()),
                registration.processVariables())
            : events.start(PlaybookEvent.CONTRACT_CLOSED, registration.contractId(), registration.processVariables());
        handoffs.linkProcessInstance(registration.handoffId(), instance.getId());
        return handoffs.findById(registration.handoffId()).orElseThrow();
      });
      return new Result(handoff, true);
    } catch (DuplicateHandoffException e) {
      return resent(e.existing(), sent);
    } catch (DuplicateKeyException e) {
      // The same contract arrived twice at once; the other delivery won the unique contract id.
      return handoffs.findByContractId(request.contractId().trim())
          .map(existing -> resent(existing, sent))
          .orElseThrow(() -> e);
    }
  }

  private Result resent(Handoff existing, String sent) {
    Optional<String> recorded = handoffs.request(existing.id());
    if (recorded.isPresent()) {
      List<String> differ = differences(recorded.get(), sent);
      if (!differ.isEmpty()) {
        throw new ConflictException("contract " + existing.contractId() + " was recorded with other values for "
            + String.join(", ", differ) + ": to change a contract, amend it (POST /api/contracts/"
            + existing.contractId() + "/amendments)", differ);
      }
    }
    return new Result(existing, false);
  }

  private String json(HandoffRequest request) {
    try {
      return json.writeValueAsString(request);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a handoff request that cannot be written as JSON", e);
    }
  }

  /** The fields (account.name, arr, ...) whose values differ; numbers compare by value, 120000 = 120000.00. */
  List<String> differences(String recorded, String sent) {
    try {
      JsonNode before = json.readTree(recorded);
      JsonNode now = json.readTree(sent);
      List<String> fields = new ArrayList<>();
      Set<String> names = new TreeSet<>();
      before.fieldNames().forEachRemaining(names::add);
      now.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode a = blankAsNull(before.get(name));
        JsonNode b = blankAsNull(now.get(name));
        if (a != null && b != null && a.isObject() && b.isObject()) {
          Set<String> inner = new TreeSet<>();
          a.fieldNames().forEachRemaining(inner::add);
          b.fieldNames().forEachRemaining(inner::add);
          inner.stream().filter(n -> !same(blankAsNull(a.get(n)), blankAsNull(b.get(n))))
              .forEach(n -> fields.add(name + "." + n));
        } else if (!same(a, b)) {
          fields.add(name);
        }
      }
      return fields;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a recorded handoff request that is not JSON", e);
    }
  }

  private static boolean same(JsonNode a, JsonNode b) {
    if (a == null || b == null) {
      return a == b;
    }
    return a.equals((x, y) -> x.isNumber() && y.isNumber() ? x.decimalValue().compareTo(y.decimalValue())
        : x.equals(y) ? 0 : 1, b);
  }

  /** An absent field, null, a blank text and an empty list all say "nothing". */
  private static JsonNode blankAsNull(JsonNode node) {
    if (node == null || node.isNull() || (node.isTextual() && node.asText().isBlank())
        || (node.isArray() && node.isEmpty())) {
      return null;
    }
    return node;
  }
}
