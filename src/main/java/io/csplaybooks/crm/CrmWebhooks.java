package io.csplaybooks.crm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.csplaybooks.common.CommonSettings;
import io.csplaybooks.common.EngineClock;
import io.csplaybooks.common.InvalidInputException;
import io.csplaybooks.handoff.Caller;
import io.csplaybooks.handoff.HandoffIntake;
import io.csplaybooks.handoff.HandoffRequest;
import io.csplaybooks.handoff.HandoffView;
import io.csplaybooks.security.ApiUser;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
 * signature (v3) instead of a token; Salesforce calls {@code /api} with an integration token.
 */
@RestController
class CrmWebhooks {

  static final Duration SIGNATURE_MAX_AGE = Duration.ofMinutes(5);

  private final HandoffIntake intake;
  private final ObjectMapper json;
  private final CrmSettings settings;
  private final CrmMapping hubspot;
  private final CrmMapping salesforce;
  private final String baseUrl;
  private final CrmWriteBack writeBack;

  public CrmWebhooks(HandoffIntake intake, ObjectMapper json, CrmSettings settings,
      CommonSettings common, CrmWriteBack writeBack) {
    this.intake = intake;
    this.writeBack = writeBack;
    this.json = json;
    this.settings = settings;
    this.hubspot = new CrmMapping("hubspot", settings.hubspot().fields());
    this.salesforce = new CrmMapping("salesforce", settings.salesforce().fields());
    this.baseUrl = common.baseUrlWithoutSlash();
  }

  /** HubSpot's workflow webhook for a deal: only a deal at the closed-won stage starts a handoff. */
  @PostMapping("/webhooks/hubspot/deals")
  public ResponseEntity<?> hubspotDeal(HttpServletRequest http, @RequestBody String body,
      @RequestHeader(name = "X-HubSpot-Signature-v3", required = false) String signature,
      @RequestHeader(name = "X-HubSpot-Request-Timestamp", required = false) String timestamp) {
    String secret = settings.hubspot().clientSecret();
    if (secret == null || secret.isBlank()) {
      return problem(HttpStatus.NOT_FOUND, "HubSpot is not connected: set csp.crm.hubspot.client-secret");
    }
    String refused = checkSignature(http, body, signature, timestamp, secret);
    if (refused != null) {
      return problem(HttpStatus.UNAUTHORIZED, refused);
    }
    return deal(hubspot, settings.hubspot().stageField(), settings.hubspot().closedWonStage(), body,
        new Caller("crm:hubspot", Set.of(), true));
  }

  /** A Salesforce Opportunity as a Flow's HTTP callout (named credential with an integration token) sends it. */
  @PostMapping("/api/crm/salesforce/opportunities")
  public ResponseEntity<?> salesforceOpportunity(@RequestBody String body) {
    return deal(salesforce, settings.salesforce().stageField(), settings.salesforce().closedWonStage(), body,
        Caller.of(ApiUser.current()));
  }

  private ResponseEntity<?> deal(CrmMapping mapping, String stageField, String closedWon, String body, Caller caller) {
    JsonNode payload;
    try {
      payload = json.readTree(body);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException("body", "is not well-formed JSON");
    }
    if (payload == null || !payload.isObject()) {
      throw new InvalidInputException("body", "must be a JSON object");
    }
    JsonNode stage = payload.at(stageField);
    if (closedWon != null && !closedWon.isBlank() && !closedWon.equalsIgnoreCase(stage.asText())) {
      return ResponseEntity.accepted().body(Map.of("ignored", "the deal is at stage '" + stage.asText()
          + "', not " + closedWon + ": nothing to hand off"));
    }
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

  /**
   * HubSpot's signature v3: Base64 of HMAC-SHA256, keyed with the app's client secret, over method +
   * the URI HubSpot called (the configured base URL, decoded) + body + timestamp; older than five
   * minutes is refused, so a captured request cannot be replayed later.
   */
  String checkSignature(HttpServletRequest http, String body, String signature, String timestamp, String secret) {
    if (signature == null || timestamp == null) {
      return "X-HubSpot-Signature-v3 and X-HubSpot-Request-Timestamp are required";
    }
    long sentAt;
    try {
      sentAt = Long.parseLong(timestamp.trim());
    } catch (NumberFormatException e) {
      return "X-HubSpot-Request-Timestamp must be epoch milliseconds";
    }
    long age = EngineClock.now().toEpochMilli() - sentAt;
    if (age > SIGNATURE_MAX_AGE.toMillis() || age < -SIGNATURE_MAX_AGE.toMillis()) {
      return "the request is older than 5 minutes (or from the future): not accepted again";
    }
    String uri = baseUrl + http.getRequestURI() + (http.getQueryString() == null ? "" : "?" + http.getQueryString());
    String expected = sign(secret, http.getMethod() + URLDecoder.decode(uri, StandardCharsets.UTF_8) + body + timestamp);
    if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), signature.trim().getBytes(StandardCharsets.UTF_8))) {
      return "the signature does not match: not from HubSpot, or changed on the way";
    }
    return null;
  }

  static String sign(String secret, String source) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(source.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(status.getReasonPhrase());
    return ResponseEntity.status(status).body(problem);
  }
}
