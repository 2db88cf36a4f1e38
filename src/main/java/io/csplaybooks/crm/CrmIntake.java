package io.csplaybooks.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.csplaybooks.common.ApiExceptionHandler;
import io.csplaybooks.common.ConflictException;
import io.csplaybooks.common.InvalidInputException;
import io.csplaybooks.handoff.Caller;
import io.csplaybooks.handoff.HandoffIntake;
import io.csplaybooks.handoff.HandoffRequest;
import io.csplaybooks.handoff.HandoffView;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * A CRM's closed deal through to a handoff, the same way for a delivery and for an administrator's
 * replay of one. Every delivery ends one of three ways, each visible: a handoff (201, or 200 for the
 * same deal again), skipped (202, a stage that is not closed-won: HubSpot sends every stage change;
 * counted in {@code csp_crm_deliveries_skipped_total}), or ignored (4xx naming the field and the
 * reason: kept in crm_ignored_delivery for replay and counted in
 * {@code csp_crm_deliveries_ignored_total}). HubSpot does not retry a 4xx, which is why it is kept.
 */
@Component
class CrmIntake {

  static final String HUBSPOT = "hubspot";
  static final String IGNORED_PATH = "/api/crm/hubspot/ignored-deliveries";
  private static final Caller HUBSPOT_CALLER = new Caller("crm:hubspot", Set.of(), true);

  /** How a delivery reached the app: kept with it when it is ignored. */
  record Received(String signatureVersion, String signedUri, Map<String, String> headers) {}

  private final HandoffIntake intake;
  private final IgnoredDeliveries kept;
  private final HubSpotDeals hubspot;
  private final CrmSettings settings;
  private final MeterRegistry meters;
  private final CrmWriteBack writeBack;

  CrmIntake(HandoffIntake intake, IgnoredDeliveries kept, ObjectMapper json, CrmSettings settings,
      MeterRegistry meters, CrmWriteBack writeBack) {
    this.intake = intake;
    this.writeBack = writeBack;
    this.kept = kept;
    this.settings = settings;
    this.meters = meters;
    this.hubspot = new HubSpotDeals(json, settings.hubspot());
  }

  /** A signed HubSpot delivery. */
  ResponseEntity<?> hubspot(String body, Received received) {
    Attempt attempt = attempt(body);
    if (attempt.refused() == null) {
      return attempt.answer();
    }
    ProblemDetail problem = attempt.refused();
    long id = kept.keep(HUBSPOT, received.signatureVersion(), attempt.reason(), problem.getDetail(),
        problem.getStatus(), received.signedUri(), received.headers(), body, settings.bodyLimit());
    problem.setProperty("ignoredDelivery", IGNORED_PATH + "/" + id);
    ignored(HUBSPOT, attempt.reason());
    return ResponseEntity.status(problem.getStatus()).body(problem);
  }

  /**
   * An ignored HubSpot delivery again, as if HubSpot had just sent it (its signature was checked when
   * it came). It does its work once: a delivery replayed with success answers 409 after.
   */
  ResponseEntity<?> replay(long id, String by) {
    IgnoredDeliveries.Delivery delivery = kept.find(HUBSPOT, id);
    if (delivery.bodyTruncated()) {
      throw new ConflictException("delivery " + id + " was " + delivery.bodySize() + " bytes and only "
          + settings.bodyLimit() + " were kept (csp.crm.ignored-body-limit): it cannot be replayed", List.of("body"));
    }
    if (!kept.claim(id, by)) {
      IgnoredDeliveries.Delivery done = kept.find(HUBSPOT, id);
      throw new ConflictException("delivery " + id + " was replayed already by " + done.replayedBy() + " at "
          + done.replayedAt() + " (answered " + done.replayStatus() + "): its work is done", List.of("replayedAt"));
    }
    Attempt attempt;
    try {
      attempt = attempt(delivery.body());
    } catch (RuntimeException e) {
      // The database away, say: the replay may be tried again.
      kept.replayed(id, HttpStatus.SERVICE_UNAVAILABLE.value(), String.valueOf(e.getMessage()));
      throw e;
    }
    if (attempt.refused() != null) {
      kept.replayed(id, attempt.refused().getStatus(), attempt.refused().getDetail());
      attempt.refused().setProperty("ignoredDelivery", IGNORED_PATH + "/" + id);
      return ResponseEntity.status(attempt.refused().getStatus()).body(attempt.refused());
    }
    kept.replayed(id, attempt.answer().getStatusCode().value(), attempt.detail());
    return attempt.answer();
  }

  /** A deal in a CRM's shape to a handoff; a refusal names the CRM's field. */
  ResponseEntity<HandoffView> handoff(CrmMapping mapping, JsonNode payload, Caller caller) {
    HandoffIntake.Result result;
    HandoffRequest request;
    try {
      request = mapping.request(payload);
      result = intake.contractClosed(request, caller);
    } catch (InvalidInputException e) {
      throw mapping.inCrmTerms(e);
    }
    HandoffView view = HandoffView.of(result.handoff());
    // The account is this CRM's record: the facts the CRM shows go back to it (a resend links it again,
    // should this fail after the handoff committed).
    if (request.account() != null) {
      writeBack.link(mapping.crm(), view.accountId(), request.account().crmAccountId());
    }
    return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .location(URI.create("/api/handoffs/" + view.contractId())).body(view);
  }

  /** Understood, nothing to hand off: 202, counted. */
  ResponseEntity<Map<String, String>> skipped(String crm, String reason, String detail) {
    Counter.builder("csp.crm.deliveries.skipped")
        .description("CRM deliveries understood and not handed off (a deal at a stage that is not closed-won),"
            + " answered 2xx, by CRM and reason")
        .tag("crm", crm).tag("reason", reason).register(meters).increment();
    Map<String, String> body = new LinkedHashMap<>();
    body.put("skipped", detail);
    body.put("reason", reason);
    return ResponseEntity.accepted().body(body);
  }

  /** Refused (signature, or a body the app cannot take), counted by reason. */
  void ignored(String crm, String reason) {
    Counter.builder("csp.crm.deliveries.ignored")
        .description("CRM deliveries the app did not take, answered 4xx, by CRM and reason; all but"
            + " reason=signature are kept for an administrator to replay (/api/crm/hubspot/ignored-deliveries)")
        .tag("crm", crm).tag("reason", reason).register(meters).increment();
  }

  /** A delivery's outcome: an answer, or a refusal with its reason code. */
  private record Attempt(ResponseEntity<?> answer, String detail, ProblemDetail refused, String reason) {}

  private Attempt attempt(String body) {
    try {
      HubSpotDeals.Reading reading = hubspot.read(body);
      if (reading instanceof HubSpotDeals.Skip skip) {
        return new Attempt(skipped(HUBSPOT, skip.reason(), skip.detail()), skip.detail(), null, null);
      }
      HubSpotDeals.Take take = (HubSpotDeals.Take) reading;
      ResponseEntity<HandoffView> answer = handoff(take.mapping(), take.payload(), HUBSPOT_CALLER);
      return new Attempt(answer, "handoff of contract " + answer.getBody().contractId()
          + (answer.getStatusCode().value() == 201 ? " started" : " exists already"), null, null);
    } catch (HubSpotDeals.Refusal refusal) {
      return new Attempt(null, null, ApiExceptionHandler.invalid(refusal.errors()), refusal.reason());
    } catch (InvalidInputException invalid) {
      return new Attempt(null, null, ApiExceptionHandler.invalid(invalid.errors()), "invalid-field");
    } catch (ConflictException conflict) {
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, conflict.getMessage());
      problem.setType(ApiExceptionHandler.CONFLICT);
      problem.setTitle("Conflict");
      problem.setProperty("fields", conflict.fields());
      return new Attempt(null, null, problem, "conflict");
    }
  }

  /** For the admin API: a kept delivery, or 404. */
  IgnoredDeliveries.Delivery find(long id) {
    return kept.find(HUBSPOT, id);
  }

  List<IgnoredDeliveries.Delivery> list(int limit) {
    if (limit < 1 || limit > 500) {
      throw new InvalidInputException("limit", "must be between 1 and 500");
    }
    return kept.list(HUBSPOT, limit);
  }
}
