package io.csplaybooks.crm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.csplaybooks.common.CommonSettings;
import io.csplaybooks.common.EngineClock;
import io.csplaybooks.common.InvalidInputException;
import io.csplaybooks.handoff.Caller;
import io.csplaybooks.security.ApiUser;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Closed deals in the CRM's own shape, mapped to a handoff by configuration ({@link CrmMapping}) and
 * recorded as {@code POST /api/handoffs} records them: idempotent on the contract id, a changed
 * resend is a conflict, a bad payload names the CRM's field. HubSpot calls with its request
 * signature (v2 from a workflow, v3 from an app) instead of a token; Salesforce calls {@code /api}
 * with an integration token.
 */
@RestController
class CrmWebhooks {

  static final String SIGNATURE_V3 = "X-HubSpot-Signature-v3";

  /** The headers kept with an ignored HubSpot delivery, to check or send it again by hand. */
  private static final List<String> KEPT_HEADERS = List.of("Content-Type", "User-Agent", SIGNATURE_V3,
      "X-HubSpot-Request-Timestamp", "X-HubSpot-Signature", "X-HubSpot-Signature-Version");

  private final CrmIntake intake;
  private final ObjectMapper json;
  private final CrmSettings settings;
  private final CrmMapping salesforce;
  private final String baseUrl;

  public CrmWebhooks(CrmIntake intake, ObjectMapper json, CrmSettings settings, CommonSettings common) {
    this.intake = intake;
    this.json = json;
    this.settings = settings;
    this.salesforce = new CrmMapping("salesforce", settings.salesforce().fields());
    this.baseUrl = common.baseUrlWithoutSlash();
  }

  /**
   * HubSpot's deal, from a workflow's "Send a webhook" (all properties, or a customized body): a
   * closed-won deal starts a handoff, another stage is skipped, a body the app cannot take is kept.
   */
  @PostMapping("/webhooks/hubspot/deals")
  public ResponseEntity<?> hubspotDeal(HttpServletRequest http, @RequestBody(required = false) String body,
      @RequestHeader(name = SIGNATURE_V3, required = false) String v3,
      @RequestHeader(name = "X-HubSpot-Request-Timestamp", required = false) String timestamp,
      @RequestHeader(name = "X-HubSpot-Signature", required = false) String signature,
      @RequestHeader(name = "X-HubSpot-Signature-Version", required = false) String version) {
    String secret = settings.hubspot().clientSecret();
    if (secret == null || secret.isBlank()) {
      return problem(HttpStatus.NOT_FOUND, "HubSpot is not connected: set csp.crm.hubspot.client-secret");
    }
    String text = body == null ? "" : body;
    String uri = signedUri(http);
    HubSpotSignatures.Headers headers = new HubSpotSignatures.Headers(v3, timestamp, signature, version);
    String refused = HubSpotSignatures.refusal(headers, secret, http.getMethod(), uri, text, EngineClock.now());
    if (refused != null) {
      intake.ignored(CrmIntake.HUBSPOT, "signature");
      return problem(HttpStatus.UNAUTHORIZED, refused);
    }
    Map<String, String> kept = new LinkedHashMap<>();
    KEPT_HEADERS.forEach(name -> {
      if (http.getHeader(name) != null) {
        kept.put(name, http.getHeader(name));
      }
    });
    return intake.hubspot(text, new CrmIntake.Received(headers.chosen(), uri, kept));
  }

  /**
   * The URI HubSpot called, as it signs it: the configured base URL (HubSpot's view of the host,
   * whatever proxy is between), the path and the query string exactly as they came, undecoded.
   */
  private String signedUri(HttpServletRequest http) {
    return baseUrl + http.getRequestURI() + (http.getQueryString() == null ? "" : "?" + http.getQueryString());
  }

  /** A Salesforce Opportunity as a Flow's HTTP callout (named credential with an integration token) sends it. */
  @PostMapping("/api/crm/salesforce/opportunities")
  public ResponseEntity<?> salesforceOpportunity(@RequestBody String body) {
    JsonNode payload;
    try {
      payload = json.readTree(body);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException("body", "is not well-formed JSON");
    }
    if (payload == null || !payload.isObject()) {
      throw new InvalidInputException("body", "must be a JSON object");
    }
    String closedWon = settings.salesforce().closedWonStage();
    JsonNode stage = payload.at(settings.salesforce().stageField());
    if (closedWon != null && !closedWon.isBlank() && !closedWon.equalsIgnoreCase(stage.asText())) {
      return intake.skipped("salesforce", "not-closed-won", "the deal is at stage '" + stage.asText() + "', not "
          + closedWon + ": nothing to hand off");
    }
    return intake.handoff(salesforce, payload, Caller.of(ApiUser.current()));
  }

  private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(status.getReasonPhrase());
    return ResponseEntity.status(status).body(problem);
  }
}
