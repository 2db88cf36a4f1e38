package io.csplaybooks.crm;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.account.Accounts;
import io.csplaybooks.handoff.HandoffFixtures;
import io.csplaybooks.support.IntegrationTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * HubSpot as it really sends: a workflow's "Send a webhook" signed v2, an app's v3, the full deal and a
 * customized (flat) body, query strings with '+', %20 and escapes HubSpot decodes, pipelines with
 * numeric stage ids; what the app cannot take is answered 4xx, kept, counted and replayed once.
 */
class HubSpotDeliveriesTest extends IntegrationTest {

  static final String SECRET = CrmWebhooksTest.SECRET;
  static final String PATH = "/webhooks/hubspot/deals";

  @Autowired Accounts accounts;
  @Autowired ApplicationContext context;
  @Autowired MeterRegistry meters;
  @Autowired IgnoredDeliveries kept;
  @Value("${csp.base-url}") String baseUrl;

  @Test
  void aWorkflowsFlatBodySignedV2WithAPlusAndASpaceInItsQueryStartsAHandoff() throws Exception {
    String id = dealId();
    String body = flat(id);
    String query = "?source=hub+spot&note=closed%20won&at=%3A";

    ResponseEntity<Map> created = v2(query, body, HubSpotSignatures.v2(SECRET, "POST", baseUrl + PATH + query, body));

    assertThat(created.getStatusCode().value()).as(String.valueOf(created.getBody())).isEqualTo(201);
    long account = ((Number) created.getBody().get("accountId")).longValue();
    assertThat(accounts.findById(account).orElseThrow().name()).isEqualTo("Initech");
    assertThat(accounts.findById(account).orElseThrow().currency()).isEqualTo("EUR");
    assertThat(accounts.contractsOf(account)).extracting(c -> c.arr().intValue()).containsExactly(84000);
    assertThat(accounts.contractsOf(account).get(0).startDate()).hasToString("2026-01-01");
    var brief = HandoffFixtures.briefOfContract(context, id).orElseThrow();
    assertThat(brief.businessGoals()).containsExactly("Answer half the tickets in the portal", "One-hour first response");
    assertThat(brief.stakeholders()).extracting(s -> s.name() + " " + s.role())
        .containsExactlyInAnyOrder("Peter Gibbons champion", "Bill Lumbergh executive-sponsor");
    // Signed over the body's UTF-8 bytes, read as UTF-8.
    assertThat(brief.knownRisks()).containsExactly("Budget owner changes in Q1 (Zürich office, 予算)");

    // The same deal again, signed again: the handoff that exists.
    assertThat(v2(query, body, HubSpotSignatures.v2(SECRET, "POST", baseUrl + PATH + query, body))
        .getStatusCode().value()).isEqualTo(200);
  }

  @Test
  void theFullDealSignedV3WithAPlusASpaceAndADecodedEscapeStartsAHandoff() throws Exception {
    String id = dealId();
    String body = full(id);
    String query = "?source=hub+spot&note=closed%20won&at=%3A%40";
    String at = String.valueOf(System.currentTimeMillis());
    // HubSpot signs v3 over the URI with %3A and %40 decoded, the '+' and the %20 as they are.
    String signed = baseUrl + PATH + "?source=hub+spot&note=closed%20won&at=:@";

    ResponseEntity<Map> created = v3(query, body, HubSpotSignatures.v3(SECRET, "POST", signed, body, at), at);

    assertThat(created.getStatusCode().value()).as(String.valueOf(created.getBody())).isEqualTo(201);
    assertThat(created.getBody()).containsEntry("contractId", id);
  }

  @Test
  void aTamperedOldOrOtherHostsRequestIsRefusedAndNothingIsKept() throws Exception {
    String id = dealId();
    String body = flat(id);
    String query = "?source=hub+spot";
    String uri = baseUrl + PATH + query;
    long ignoredBefore = count("csp.crm.deliveries.ignored", "signature");
    int keptBefore = kept.list("hubspot", 500).size();
    String now = String.valueOf(System.currentTimeMillis());
    String old = String.valueOf(System.currentTimeMillis() - 6 * 60_000);

    List<ResponseEntity<Map>> refused = List.of(
        v2(query, body.replace("84000", "1"), HubSpotSignatures.v2(SECRET, "POST", uri, body)),
        v2(query, body, HubSpotSignatures.v2(SECRET, "POST", "https://other.example" + PATH + query, body)),
        // The '+' read as a space is another URI: not what HubSpot signed.
        v2(query, body, HubSpotSignatures.v2(SECRET, "POST", baseUrl + PATH + "?source=hub spot", body)),
        v2(query, body, HubSpotSignatures.v2("another-secret", "POST", uri, body)),
        v3(query, body.replace("84000", "1"), HubSpotSignatures.v3(SECRET, "POST", uri, body, now), now),
        v3(query, body, HubSpotSignatures.v3(SECRET, "POST", uri, body, old), old),
        v3(query, body, HubSpotSignatures.v3(SECRET, "POST", "https://other.example" + PATH + query, body, now), now),
        // A wrong v3 is not rescued by a right v2: v2 has no timestamp, so it could be a replay.
        both(query, body, "bm90LXRoZS1zaWduYXR1cmU=", now, HubSpotSignatures.v2(SECRET, "POST", uri, body)),
        // v1 signs the body only: anyone who saw one delivery could send it to another URI.
        send(query, body, Map.of("X-HubSpot-Signature", HubSpotSignatures.v2(SECRET, "", "", body),
            "X-HubSpot-Signature-Version", "v1")),
        send(query, body, Map.of()));

    assertThat(refused).extracting(r -> r.getStatusCode().value()).containsOnly(401);
    assertThat(HandoffFixtures.briefOfContract(context, id)).isEmpty();
    assertThat(count("csp.crm.deliveries.ignored", "signature") - ignoredBefore).isEqualTo(refused.size());
    assertThat(kept.list("hubspot", 500)).hasSize(keptBefore);
  }

  @Test
  void aStageThatIsNotClosedWonIsSkippedAndCountedAndAnotherPipelinesClosedWonStageHandsOff() throws Exception {
    String open = flat(dealId()).replace("\"closedwon\"", "\"contractsent\"");
    long skippedBefore = count("csp.crm.deliveries.skipped", "not-closed-won");

    ResponseEntity<Map> skipped = v2("", open, HubSpotSignatures.v2(SECRET, "POST", baseUrl + PATH, open));

    assertThat(skipped.getStatusCode().value()).isEqualTo(202);
    assertThat((String) skipped.getBody().get("skipped")).contains("'contractsent' of pipeline 'default'");
    assertThat(count("csp.crm.deliveries.skipped", "not-closed-won")).isEqualTo(skippedBefore + 1);

    // A pipeline a portal added: numeric ids, its closed-won stage in csp.crm.hubspot.closed-won-stages.
    String id = dealId();
    String other = full(id).replace("\"default\"", "\"12345678\"").replace("\"closedwon\"", "\"98765432\"");
    String at = String.valueOf(System.currentTimeMillis());
    ResponseEntity<Map> created = v3("", other, HubSpotSignatures.v3(SECRET, "POST", baseUrl + PATH, other, at), at);
    assertThat(created.getStatusCode().value()).as(String.valueOf(created.getBody())).isEqualTo(201);

    String otherOpen = full(dealId()).replace("\"default\"", "\"12345678\"").replace("\"closedwon\"", "\"98765431\"");
    assertThat(v3("", otherOpen, HubSpotSignatures.v3(SECRET, "POST", baseUrl + PATH, otherOpen, at), at)
        .getStatusCode().value()).isEqualTo(202);
    assertThat(count("csp.crm.deliveries.skipped", "not-closed-won")).isEqualTo(skippedBefore + 2);
  }

  @Test
  void aBodyTheAppCannotTakeIs400KeptCountedAndReadableByAnAdministratorOnly() throws Exception {
    long unreadable = count("csp.crm.deliveries.ignored", "unreadable");
    long unknownPipeline = count("csp.crm.deliveries.ignored", "unknown-pipeline");
    long events = count("csp.crm.deliveries.ignored", "subscription-events");

    String broken = "{\"hs_object_id\": \"42\", \"dealstage\": ";
    ResponseEntity<Map> refused = v2("", broken, HubSpotSignatures.v2(SECRET, "POST", baseUrl + PATH, broken));
    String elsewhere = flat(dealId()).replace("\"default\"", "\"55555555\"");
    ResponseEntity<Map> pipeline = v2("", elsewhere, HubSpotSignatures.v2(SECRET, "POST", baseUrl + PATH, elsewhere));
    String subscription = "[{\"eventId\":1,\"subscriptionId\":12345,\"portalId\":62515,\"occurredAt\":1764748800000,"
        + "\"subscriptionType\":\"deal.propertyChange\",\"attemptNumber\":0,\"objectId\":" + dealId() + ","
        + "\"propertyName\":\"dealstage\",\"propertyValue\":\"closedwon\",\"changeSource\":\"CRM\",\"appId\":54321}]";
    String at = String.valueOf(System.currentTimeMillis());
    ResponseEntity<Map> batch = v3("", subscription, HubSpotSignatures.v3(SECRET, "POST", baseUrl + PATH, subscription,
        at), at);
    String noId = "{\"dealname\": \"Nothing to know it by\", \"dealstage\": \"closedwon\"}";
    ResponseEntity<Map> shapeless = v2("", noId, HubSpotSignatures.v2(SECRET, "POST", baseUrl + PATH, noId));

    assertThat(refused.getStatusCode().value()).isEqualTo(400);
    assertThat(errors(refused)).containsExactly("body: is not well-formed JSON");
    assertThat(pipeline.getStatusCode().value()).isEqualTo(400);
    assertThat(errors(pipeline)).singleElement().asString().startsWith("pipeline (hubspot /pipeline): '55555555' has no"
        + " closed-won stages");
    assertThat(batch.getStatusCode().value()).isEqualTo(400);
    assertThat(errors(batch)).singleElement().asString().contains("webhook subscription events");
    assertThat(shapeless.getStatusCode().value()).isEqualTo(400);
    assertThat(count("csp.crm.deliveries.ignored", "unreadable")).isEqualTo(unreadable + 1);
    assertThat(count("csp.crm.deliveries.ignored", "unknown-pipeline")).isEqualTo(unknownPipeline + 1);
    assertThat(count("csp.crm.deliveries.ignored", "subscription-events")).isEqualTo(events + 1);

    String where = (String) refused.getBody().get("ignoredDelivery");
    ResponseEntity<Map> one = as("root").getForEntity(where, Map.class);
    assertThat(one.getStatusCode().value()).isEqualTo(200);
    assertThat(one.getBody()).containsEntry("body", broken).containsEntry("reason", "unreadable")
        .containsEntry("signatureVersion", "v2").containsEntry("status", 400)
        .containsEntry("signedUri", baseUrl + PATH);
    assertThat((Map<String, String>) one.getBody().get("headers")).containsKeys("X-HubSpot-Signature",
        "X-HubSpot-Signature-Version");
    ResponseEntity<List> list = as("root").getForEntity("/api/crm/hubspot/ignored-deliveries", List.class);
    assertThat((List<Map<String, Object>>) list.getBody()).extracting(d -> "/api/crm/hubspot/ignored-deliveries/"
        + d.get("id")).contains(where, (String) pipeline.getBody().get("ignoredDelivery"));
    assertThat(as("mia").getForEntity(where, Map.class).getStatusCode().value()).isEqualTo(403);
    assertThat(as("carl").getForEntity("/api/crm/hubspot/ignored-deliveries", Map.class).getStatusCode().value())
        .isEqualTo(403);
    assertThat(replay("mia", where).getStatusCode().value()).isEqualTo(403);

    // A body that cannot be read cannot be replayed into a handoff: 400 again, and it stays replayable.
    ResponseEntity<Map> again = replay("root", where);
    assertThat(again.getStatusCode().value()).isEqualTo(400);
    assertThat(as("root").getForEntity(where, Map.class).getBody()).containsEntry("replayStatus", 400)
        .containsEntry("replayedBy", "root");
  }

  @Test
  void aKeptDeliveryReplayedByAnAdministratorDoesItsWorkOnce() throws Exception {
    String id = dealId();
    String body = full(id).replace("\"default\"", "\"12345678\"").replace("\"closedwon\"", "\"98765432\"");
    // Kept while pipeline 12345678 was not yet in csp.crm.hubspot.closed-won-stages, as the intake keeps it.
    long first = kept.keep("hubspot", "v3", "unknown-pipeline", "pipeline (hubspot /properties/pipeline/value):"
        + " '12345678' has no closed-won stages", 400, baseUrl + PATH, Map.of(), body, 262144);
    long second = kept.keep("hubspot", "v3", "unknown-pipeline", "the same delivery, retried", 400, baseUrl + PATH,
        Map.of(), body, 262144);

    ResponseEntity<Map> replayed = replay("root", "/api/crm/hubspot/ignored-deliveries/" + first);
    ResponseEntity<Map> twice = replay("root", "/api/crm/hubspot/ignored-deliveries/" + first);
    ResponseEntity<Map> sameDeal = replay("root", "/api/crm/hubspot/ignored-deliveries/" + second);

    assertThat(replayed.getStatusCode().value()).as(String.valueOf(replayed.getBody())).isEqualTo(201);
    assertThat(replayed.getBody()).containsEntry("contractId", id);
    assertThat(twice.getStatusCode().value()).isEqualTo(409);
    assertThat((String) twice.getBody().get("detail")).contains("replayed already by root");
    assertThat(sameDeal.getStatusCode().value()).isEqualTo(200);
    long account = ((Number) replayed.getBody().get("accountId")).longValue();
    assertThat(accounts.contractsOf(account)).hasSize(1);
    assertThat(as("root").getForEntity("/api/crm/hubspot/ignored-deliveries/" + first, Map.class).getBody())
        .containsEntry("replayStatus", 201).containsEntry("replayedBy", "root");
    assertThat(replay("root", "/api/crm/hubspot/ignored-deliveries/987654321")
        .getStatusCode().value()).isEqualTo(404);
  }

  @Test
  void aBodyBeyondTheLimitIsKeptInPartAndNotReplayed() throws Exception {
    String body = "{\"hs_object_id\": \"7\", \"notes\": \"" + "é".repeat(200) + "\"}";
    long id = kept.keep("hubspot", "v2", "unknown-shape", "test", 400, baseUrl + PATH, Map.of(), body, 101);

    Map<?, ?> one = as("root").getForObject("/api/crm/hubspot/ignored-deliveries/" + id, Map.class);
    ResponseEntity<Map> replay = replay("root", "/api/crm/hubspot/ignored-deliveries/" + id);

    assertThat(one.get("bodyTruncated")).isEqualTo(true);
    assertThat(((String) one.get("body")).getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(101);
    assertThat(one.get("bodySize")).isEqualTo(body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    assertThat(replay.getStatusCode().value()).isEqualTo(409);
  }

  /** As an administrator's page or curl calls it: a POST to the API says its body is JSON. */
  private ResponseEntity<Map> replay(String user, String delivery) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return as(user).postForEntity(delivery + "/replay", new HttpEntity<>("{}", headers), Map.class);
  }

  private long count(String name, String reason) {
    Counter counter = meters.find(name).tag("crm", "hubspot").tag("reason", reason).counter();
    return counter == null ? 0 : (long) counter.count();
  }

  private static List<String> errors(ResponseEntity<Map> response) {
    return ((List<Map<String, String>>) response.getBody().get("errors")).stream()
        .map(e -> e.get("field") + ": " + e.get("reason")).toList();
  }

  private ResponseEntity<Map> v2(String query, String body, String signature) {
    return send(query, body, Map.of("X-HubSpot-Signature", signature, "X-HubSpot-Signature-Version", "v2"));
  }

  private ResponseEntity<Map> v3(String query, String body, String signature, String timestamp) {
    return send(query, body, Map.of("X-HubSpot-Signature-v3", signature, "X-HubSpot-Request-Timestamp", timestamp));
  }

  private ResponseEntity<Map> both(String query, String body, String v3, String timestamp, String v2) {
    return send(query, body, Map.of("X-HubSpot-Signature-v3", v3, "X-HubSpot-Request-Timestamp", timestamp,
        "X-HubSpot-Signature", v2, "X-HubSpot-Signature-Version", "v2"));
  }

  /** A java.net.URI, so that the query string reaches the app byte for byte, as HubSpot sends it. */
  private ResponseEntity<Map> send(String query, String body, Map<String, String> signature) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    signature.forEach(headers::set);
    return http.exchange(URI.create(PATH + query), HttpMethod.POST, new HttpEntity<>(body, headers), Map.class);
  }

  private static String dealId() {
    return String.valueOf(29_000_000_000L + System.nanoTime() % 1_000_000_000L);
  }

  private static String flat(String id) throws Exception {
    return Files.readString(Path.of("src/test/resources/crm/hubspot-deal-flat.json")).replace("19872364512", id)
        .replace("\"8112233\"", "\"HS-" + id + "\"");
  }

  private static String full(String id) throws Exception {
    return Files.readString(Path.of("src/test/resources/crm/hubspot-deal-closed-won.json")).replace("19872364512", id)
        .replace("\"8112233\"", "\"HS-" + id + "\"");
  }
}
