package io.csplaybooks.crm;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.account.Accounts;
import io.csplaybooks.handoff.HandoffFixtures;
import io.csplaybooks.support.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Closed deals in HubSpot's and Salesforce's own shapes (recorded payloads), mapped by configuration. */
class CrmWebhooksTest extends IntegrationTest {

  static final String SECRET = "test-hubspot-client-secret";

  @Autowired Accounts accounts;
  @Autowired ApplicationContext context;
  @Value("${csp.base-url}") String baseUrl;

  @Test
  void aSignedHubSpotClosedWonDealStartsAHandoffOnceAndABadSignatureIsRefused() throws Exception {
    long dealId = 19_000_000_000L + System.nanoTime() % 1_000_000_000L;
    String body = recorded("hubspot-deal-closed-won.json").replace("19872364512", String.valueOf(dealId))
        .replace("\"8112233\"", "\"HS-" + dealId + "\"");

    ResponseEntity<Map> created = hubspot(body, signed(body), now());
    ResponseEntity<Map> again = hubspot(body, signed(body), now());

    assertThat(created.getStatusCode().value()).as(String.valueOf(created.getBody())).isEqualTo(201);
    assertThat(created.getBody()).containsEntry("contractId", String.valueOf(dealId)).containsEntry("briefScore", 100);
    assertThat(again.getStatusCode().value()).isEqualTo(200);
    long account = ((Number) created.getBody().get("accountId")).longValue();
    assertThat(accounts.findById(account).orElseThrow().name()).isEqualTo("Globex Corporation");
    assertThat(accounts.findById(account).orElseThrow().crmAccountId()).isEqualTo("HS-" + dealId);
    var brief = HandoffFixtures.briefOfContract(context, String.valueOf(dealId)).orElseThrow();
    assertThat(brief.businessGoals()).containsExactly("Cut support costs by 15%", "Deflect a third of tickets");
    assertThat(brief.useCases()).containsExactly("Ticket deflection", "Agent assist");
    assertThat(accounts.contractsOf(account).get(0).startDate()).hasToString("2025-12-10");

    String tampered = body.replace("\"120000\"", "\"1\"");
    ResponseEntity<Map> forged = hubspot(tampered, signed(body), now());
    assertThat(forged.getStatusCode().value()).isEqualTo(401);
    assertThat(hubspot(body, "not-a-signature", now()).getStatusCode().value()).isEqualTo(401);
    String old = String.valueOf(System.currentTimeMillis() - 6 * 60_000);
    assertThat(hubspot(body, sign(body, old), old).getStatusCode().value()).isEqualTo(401);
    assertThat(hubspot(body, null, null).getStatusCode().value()).isEqualTo(401);
    assertThat(accounts.contractsOf(account)).extracting(c -> c.arr().intValue()).containsExactly(120000);
  }

  @Test
  void aDealAtAnotherStageIsIgnoredAndABadPayloadNamesTheHubSpotProperty() throws Exception {
    String open = recorded("hubspot-deal-closed-won.json").replace("\"closedwon\"", "\"contractsent\"")
        .replace("19872364512", "19872364999");
    ResponseEntity<Map> ignored = hubspot(open, signed(open), now());
    assertThat(ignored.getStatusCode().value()).isEqualTo(202);
    assertThat(ignored.getBody()).containsEntry("reason", "not-closed-won");
    assertThat(HandoffFixtures.briefOfContract(context, "19872364999")).isEmpty();

    String bad = recorded("hubspot-deal-closed-won.json").replace("\"120000\"", "\"lots\"")
        .replace("\"enterprise\"", "\"huge\"").replace("19872364512", "19872364998");
    ResponseEntity<Map> refused = hubspot(bad, signed(bad), now());
    assertThat(refused.getStatusCode().value()).isEqualTo(400);
    assertThat((List<Map<String, String>>) refused.getBody().get("errors")).extracting(e -> e.get("field"))
        .containsExactly("arr (hubspot /properties/amount/value)");
    String badSegment = recorded("hubspot-deal-closed-won.json").replace("\"enterprise\"", "\"huge\"")
        .replace("19872364512", "19872364997");
    assertThat((List<Map<String, String>>) hubspot(badSegment, signed(badSegment), now()).getBody().get("errors"))
        .extracting(e -> e.get("field")).containsExactly("account.segment (hubspot /properties/cs_segment/value)");
  }

  @Test
  void aSalesforceOpportunityStartsAHandoffWithItsCustomFieldsMapped() throws Exception {
    String body = recorded("salesforce-opportunity-closed-won.json")
        .replace("0065g00000AbCdEAAV", "0065g" + Long.toString(System.nanoTime(), 36))
        .replace("0015g00000XyZabAAB", "0015g" + Long.toString(System.nanoTime(), 36));
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);

    ResponseEntity<Map> created = as("ada").postForEntity("/api/crm/salesforce/opportunities",
        new HttpEntity<>(body, headers), Map.class);
    ResponseEntity<Map> unauthenticated = http.postForEntity("/api/crm/salesforce/opportunities",
        new HttpEntity<>(body, headers), Map.class);

    assertThat(created.getStatusCode().value()).as(String.valueOf(created.getBody())).isEqualTo(201);
    assertThat(unauthenticated.getStatusCode().value()).isEqualTo(401);
    long account = ((Number) created.getBody().get("accountId")).longValue();
    assertThat(accounts.findById(account).orElseThrow().currency()).isEqualTo("EUR");
    assertThat(accounts.findById(account).orElseThrow().segment().code()).isEqualTo("mid-market");
    var brief = HandoffFixtures.briefOfContract(context, (String) created.getBody().get("contractId")).orElseThrow();
    assertThat(brief.technicalRequirements()).containsExactly("SAML with Azure AD", "SAP ticket sync");
    assertThat(brief.businessGoals()).containsExactly("Answer 60% of questions in the portal",
        "Cut first-response time to 1 hour");
    assertThat(brief.stakeholders()).extracting(s -> s.name() + " " + s.role())
        .containsExactlyInAnyOrder("Peter Gibbons champion", "Bill Lumbergh executive-sponsor");
  }

  private ResponseEntity<Map> hubspot(String body, String signature, String timestamp) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    if (signature != null) {
      headers.set("X-HubSpot-Signature-v3", signature);
      headers.set("X-HubSpot-Request-Timestamp", timestamp);
    }
    return http.postForEntity("/webhooks/hubspot/deals", new HttpEntity<>(body, headers), Map.class);
  }

  private String timestamp;

  private String now() {
    return timestamp;
  }

  /** As HubSpot signs: method + the URI it called + body + timestamp, HMAC-SHA256 with the client secret. */
  private String signed(String body) {
    timestamp = String.valueOf(System.currentTimeMillis());
    return sign(body, timestamp);
  }

  private String sign(String body, String at) {
    return HubSpotSignatures.v3(SECRET, "POST", baseUrl + "/webhooks/hubspot/deals", body, at);
  }

  private static String recorded(String name) throws Exception {
    return Files.readString(Path.of("src/test/resources/crm", name));
  }
}
