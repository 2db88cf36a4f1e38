package io.csplaybooks.crm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.csplaybooks.account.Accounts;
import io.csplaybooks.account.LifecycleStage;
import io.csplaybooks.support.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The write-back journey against stand-ins of Salesforce and HubSpot (WireMock) answering as their
 * documentation shows: Salesforce's token endpoint of the OAuth 2.0 client credentials flow (JSON with
 * access_token, instance_url, token_type Bearer), its sObject Rows PATCH (204 without a body; errors as
 * a list of message and errorCode, INVALID_SESSION_ID for a token it no longer takes), HubSpot's CRM v3
 * company PATCH (200 with the company: id, properties, createdAt, updatedAt, archived) and its 429 (status,
 * message, errorType RATE_LIMIT, correlationId, policyName). The test drives the worker itself and moves
 * the engine's clock, the one the write-back's waits are counted on.
 */
// A context of its own (the CRMs' addresses): keep its pool small, as SlackNotificationTest does.
@TestPropertySource(properties = {"spring.datasource.hikari.maximum-pool-size=4",
    "spring.datasource.hikari.minimum-idle=1"})
class CrmWriteBackTest extends IntegrationTest {

  static final WireMockServer CRM = new WireMockServer(options().dynamicPort());
  static final String ACCOUNT_PATH = "/services/data/v62.0/sobjects/Account/";

  static {
    CRM.start();
  }

  @DynamicPropertySource
  static void crms(DynamicPropertyRegistry registry) {
    registry.add("csp.crm.salesforce.write-back.base-url", CRM::baseUrl);
    registry.add("csp.crm.salesforce.write-back.client-id", () -> "3MVG9-test-consumer-key");
    registry.add("csp.crm.salesforce.write-back.client-secret", () -> "test-consumer-secret");
    registry.add("csp.crm.salesforce.write-back.fields.healthScore", () -> "CS_Health_Score__c");
    registry.add("csp.crm.salesforce.write-back.fields.healthBand", () -> "CS_Health_Band__c");
    registry.add("csp.crm.salesforce.write-back.fields.csm", () -> "CS_CSM__c");
    registry.add("csp.crm.salesforce.write-back.fields.lifecycleStage", () -> "CS_Lifecycle_Stage__c");
    registry.add("csp.crm.salesforce.write-back.fields.renewalForecast", () -> "CS_Renewal_Forecast__c");
    registry.add("csp.crm.salesforce.write-back.fields.renewalDate", () -> "CS_Renewal_Date__c");
    registry.add("csp.crm.hubspot.write-back.base-url", CRM::baseUrl);
    registry.add("csp.crm.hubspot.write-back.token", () -> "pat-na1-test-private-app");
    registry.add("csp.crm.hubspot.write-back.properties.healthScore", () -> "cs_health_score");
    registry.add("csp.crm.hubspot.write-back.properties.healthBand", () -> "cs_health_band");
    registry.add("csp.crm.hubspot.write-back.properties.lifecycleStage", () -> "cs_lifecycle_stage");
    registry.add("csp.crm.hubspot.write-back.properties.renewalDate", () -> "cs_renewal_date");
    // The test sends; the scheduled look for work never comes during it.
    registry.add("csp.crm.write-back.poll", () -> "PT1H");
    registry.add("csp.crm.write-back.retry-delays", () -> "PT1M,PT5M");
  }

  @AfterAll
  static void stopCrm() {
    CRM.stop();
  }

  @Autowired CrmWriteBack writeBack;
  @Autowired Accounts accounts;
  @Autowired JdbcClient jdbc;
  @Autowired MeterRegistry meters;
  @Autowired ObjectMapper json;
  @Value("${csp.base-url}") String baseUrl;

  Instant start;

  @BeforeEach
  void freezeClock() {
    CRM.resetAll();
    writeBack.forgetTokens();
    start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    at(start);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void aSalesforceAccountGetsItsFactsThroughA429AnOutageAndAnExpiredToken() throws Exception {
    tokenIs("00Dxx0000001gPL!tok-1");
    // Salesforce: limits first (429, Retry-After in seconds), then a server that is down, then 204.
    CRM.stubFor(patch(urlPathMatchingAccount()).inScenario("account").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")
            .withHeader("Content-Type", "application/json")
            .withBody("[{\"message\":\"Too many requests\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]"))
        .willSetStateTo("limited"));
    CRM.stubFor(patch(urlPathMatchingAccount()).inScenario("account").whenScenarioStateIs("limited")
        .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
            .withBody("[{\"message\":\"Server unavailable\",\"errorCode\":\"SERVER_UNAVAILABLE\"}]"))
        .willSetStateTo("down"));
    CRM.stubFor(patch(urlPathMatchingAccount()).inScenario("account").whenScenarioStateIs("down")
        .willReturn(aResponse().withStatus(204)));

    String sfId = "0015g" + Long.toString(System.nanoTime(), 36).toUpperCase();
    long account = salesforceOpportunity(sfId);
    scoreHealthy(account);

    writeBack.sendDue();
    assertThat(patches(sfId)).hasSize(1);
    assertThat(row(account, "salesforce")).containsEntry("state", "pending").containsEntry("last_status", 429)
        .containsEntry("next_attempt_at", start.plusSeconds(120));

    // Not before the time Salesforce gave.
    at(start.plusSeconds(119));
    writeBack.sendDue();
    assertThat(patches(sfId)).hasSize(1);

    at(start.plusSeconds(120));
    writeBack.sendDue();
    assertThat(patches(sfId)).hasSize(2);
    assertThat(row(account, "salesforce")).containsEntry("state", "pending").containsEntry("last_status", 503)
        .containsEntry("attempts", 1).containsEntry("next_attempt_at", start.plusSeconds(180));

    at(start.plusSeconds(180));
    writeBack.sendDue();
    List<LoggedRequest> sent = patches(sfId);
    assertThat(sent).hasSize(3);
    assertThat(row(account, "salesforce")).containsEntry("state", "idle").containsEntry("last_status", 204)
        .containsEntry("attempts", 0);
    Map<String, Object> facts = accountRow(account);
    assertThat(facts.get("health_score")).isNotNull();
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("CS_Health_Score__c", facts.get("health_score"));
    expected.put("CS_Health_Band__c", facts.get("health_band"));
    expected.put("CS_CSM__c", null);
    expected.put("CS_Lifecycle_Stage__c", "handoff");
    expected.put("CS_Renewal_Forecast__c", null);
    expected.put("CS_Renewal_Date__c", null);
    for (LoggedRequest request : sent) {
      assertThat(request.getHeader("Authorization")).isEqualTo("Bearer 00Dxx0000001gPL!tok-1");
      assertThat(request.getHeader("Content-Type")).startsWith("application/json");
      assertThat(json.readValue(request.getBodyAsString(), Map.class)).isEqualTo(expected);
    }
    // One token for all three calls, asked for as the client credentials flow does.
    List<LoggedRequest> tokens = CRM.findAll(postRequestedFor(urlEqualTo("/services/oauth2/token")));
    assertThat(tokens).hasSize(1);
    assertThat(tokens.get(0).getBodyAsString()).contains("grant_type=client_credentials",
        "client_id=3MVG9-test-consumer-key", "client_secret=test-consumer-secret");

    // Nothing changed: nothing is sent again, even when the account is scored again.
    scoreHealthy(account);
    writeBack.sendDue();
    assertThat(patches(sfId)).hasSize(3);

    // The token expired: Salesforce answers 401 INVALID_SESSION_ID, the app takes a new token once.
    CRM.resetAll();
    tokenIs("00Dxx0000001gPL!tok-2");
    CRM.stubFor(patch(urlPathMatchingAccount()).withHeader("Authorization", equalTo("Bearer 00Dxx0000001gPL!tok-1"))
        .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
            .withBody("[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]")));
    CRM.stubFor(patch(urlPathMatchingAccount()).withHeader("Authorization", equalTo("Bearer 00Dxx0000001gPL!tok-2"))
        .willReturn(aResponse().withStatus(204)));
    accounts.assignCsm(account, "carl");
    writeBack.sendDue();
    List<LoggedRequest> afterExpiry = patches(sfId);
    assertThat(afterExpiry).extracting(r -> r.getHeader("Authorization"))
        .containsExactly("Bearer 00Dxx0000001gPL!tok-1", "Bearer 00Dxx0000001gPL!tok-2");
    assertThat(json.readValue(afterExpiry.get(1).getBodyAsString(), Map.class)).containsEntry("CS_CSM__c", "carl");
    assertThat(row(account, "salesforce")).containsEntry("state", "idle");

    // A token Salesforce refuses again fails at once, visibly: a failed row for administrators, counted.
    CRM.resetAll();
    tokenIs("00Dxx0000001gPL!tok-3");
    CRM.stubFor(patch(urlPathMatchingAccount()).willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "application/json")
        .withBody("[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]")));
    double failedBefore = counted("salesforce", "failed");
    accounts.assignCsm(account, "cleo");
    writeBack.sendDue();
    assertThat(patches(sfId)).hasSize(2);
    assertThat(row(account, "salesforce")).containsEntry("state", "failed").containsEntry("last_status", 401);
    assertThat(counted("salesforce", "failed")).isEqualTo(failedBefore + 1);
    ResponseEntity<List> failed = http.withBasicAuth("boss", "boss-password-2026")
        .getForEntity("/api/crm/write-backs?state=failed", List.class);
    assertThat(failed.getStatusCode().value()).isEqualTo(200);
    assertThat((List<Map<String, Object>>) failed.getBody()).anySatisfy(r -> {
      assertThat(((Number) r.get("accountId")).longValue()).isEqualTo(account);
      assertThat(r.get("lastError").toString()).contains("INVALID_SESSION_ID");
    });
    assertThat(as("mia").getForEntity("/api/crm/write-backs", String.class).getStatusCode().value()).isEqualTo(403);
    assertThat(http.withBasicAuth("boss", "boss-password-2026")
        .getForEntity("/api/crm/write-backs?state=lost", Map.class).getStatusCode().value()).isEqualTo(400);
    assertThat(meterHelp()).isNotBlank();

    // The administrator fixed the integration user: a retry sends the facts as they are now.
    CRM.resetAll();
    tokenIs("00Dxx0000001gPL!tok-4");
    CRM.stubFor(patch(urlPathMatchingAccount()).willReturn(aResponse().withStatus(204)));
    ResponseEntity<Map> retried = http.withBasicAuth("boss", "boss-password-2026")
        .postForEntity("/api/crm/write-backs/salesforce/" + account + "/retry", json(Map.of()), Map.class);
    assertThat(retried.getStatusCode().value()).isEqualTo(200);
    writeBack.sendDue();
    assertThat(json.readValue(patches(sfId).get(0).getBodyAsString(), Map.class)).containsEntry("CS_CSM__c", "cleo");
    assertThat(row(account, "salesforce")).containsEntry("state", "idle");

    // A lifecycle move goes the same way; two changes before the send make one call with the latest.
    accounts.moveToStage(account, LifecycleStage.ONBOARDING, "kickoff held", "carl");
    accounts.assignCsm(account, "carl");
    assertThat(row(account, "salesforce")).containsEntry("state", "pending");
    writeBack.sendDue();
    assertThat(patches(sfId)).hasSize(2);
    assertThat(json.readValue(patches(sfId).get(1).getBodyAsString(), Map.class))
        .containsEntry("CS_Lifecycle_Stage__c", "onboarding").containsEntry("CS_CSM__c", "carl");
  }

  @Test
  void aSalesforceOutageThatOutlastsTheRetriesFails() throws Exception {
    tokenIs("00Dxx0000001gPL!tok-9");
    CRM.stubFor(patch(urlPathMatchingAccount()).willReturn(aResponse().withStatus(503)
        .withHeader("Content-Type", "application/json")
        .withBody("[{\"message\":\"Server unavailable\",\"errorCode\":\"SERVER_UNAVAILABLE\"}]")));
    String sfId = "0015g" + Long.toString(System.nanoTime(), 36).toUpperCase();
    long account = salesforceOpportunity(sfId);

    writeBack.sendDue();
    at(start.plusSeconds(60));
    writeBack.sendDue();
    assertThat(row(account, "salesforce")).containsEntry("state", "pending").containsEntry("attempts", 2)
        .containsEntry("next_attempt_at", start.plusSeconds(60 + 300));
    at(start.plusSeconds(360));
    writeBack.sendDue();

    assertThat(patches(sfId)).hasSize(3);
    assertThat(row(account, "salesforce")).containsEntry("state", "failed").containsEntry("last_status", 503)
        .containsEntry("attempts", 3);
  }

  @Test
  void aHubSpotCompanyGetsItsPropertiesAfterWaitingForItsRateLimit() throws Exception {
    long dealId = 29_000_000_000L + System.nanoTime() % 1_000_000_000L;
    String companyId = String.valueOf(dealId + 7);
    String path = "/crm/v3/objects/companies/" + companyId;
    Instant retryAt = start.plusSeconds(30);
    CRM.stubFor(patch(urlEqualTo(path)).inScenario("company").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429)
            .withHeader("Retry-After", DateTimeFormatter.RFC_1123_DATE_TIME.format(retryAt.atOffset(ZoneOffset.UTC)))
            .withHeader("Content-Type", "application/json;charset=utf-8")
            .withBody("{\"status\":\"error\",\"message\":\"You have reached your secondly limit.\","
                + "\"errorType\":\"RATE_LIMIT\",\"correlationId\":\"c033cdaa-2c40-4a64-ae48-b4cec88dad24\","
                + "\"policyName\":\"SECONDLY\"}"))
        .willSetStateTo("limited"));
    CRM.stubFor(patch(urlEqualTo(path)).inScenario("company").whenScenarioStateIs("limited")
        .willReturn(okJson("{\"id\":\"" + companyId + "\",\"properties\":{\"cs_health_band\":\"green\","
            + "\"hs_lastmodifieddate\":\"2026-12-07T20:00:00.000Z\",\"hs_object_id\":\"" + companyId + "\"},"
            + "\"createdAt\":\"2025-12-03T08:00:00.000Z\",\"updatedAt\":\"2026-12-07T20:00:00.000Z\",\"archived\":false}")));

    long account = hubspotDeal(dealId, companyId);
    scoreHealthy(account);
    writeBack.sendDue();
    assertThat(CRM.findAll(patchRequestedFor(urlEqualTo(path)))).hasSize(1);
    assertThat(row(account, "hubspot")).containsEntry("state", "pending").containsEntry("next_attempt_at", retryAt);

    at(retryAt.minusSeconds(1));
    writeBack.sendDue();
    assertThat(CRM.findAll(patchRequestedFor(urlEqualTo(path)))).hasSize(1);

    at(retryAt);
    writeBack.sendDue();
    List<LoggedRequest> sent = CRM.findAll(patchRequestedFor(urlEqualTo(path)));
    assertThat(sent).hasSize(2);
    assertThat(row(account, "hubspot")).containsEntry("state", "idle").containsEntry("last_status", 200);
    Map<String, Object> facts = accountRow(account);
    assertThat(sent.get(1).getHeader("Authorization")).isEqualTo("Bearer pat-na1-test-private-app");
    // HubSpot takes every value as a string, and "" clears a property.
    assertThat(json.readTree(sent.get(1).getBodyAsString())).isEqualTo(json.valueToTree(Map.of("properties", Map.of(
        "cs_health_score", String.valueOf(facts.get("health_score")), "cs_health_band", facts.get("health_band"),
        "cs_lifecycle_stage", "handoff", "cs_renewal_date", ""))));
    CRM.verify(2, patchRequestedFor(urlEqualTo(path)).withRequestBody(equalToJson("{\"properties\": {"
        + "\"cs_lifecycle_stage\": \"handoff\", \"cs_renewal_date\": \"\"}}", true, true)));
    // The Salesforce write-back knows nothing of this account.
    assertThat(jdbc.sql("select count(*) from crm_write_back where account_id = :a").param("a", account)
        .query(Long.class).single()).isEqualTo(1);
  }

  private void tokenIs(String token) {
    // As Salesforce documents the client credentials flow's answer.
    CRM.stubFor(post(urlEqualTo("/services/oauth2/token"))
        .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
        .willReturn(okJson("{\"access_token\":\"" + token + "\",\"signature\":\"c2lnbmF0dXJl\",\"scope\":\"api\","
            + "\"instance_url\":\"" + CRM.baseUrl() + "\",\"id\":\"" + CRM.baseUrl()
            + "/id/00Dxx0000001gPLEAY/005xx000001Sv6AAAS\",\"token_type\":\"Bearer\",\"issued_at\":\"1765137600000\"}")));
  }

  private static com.github.tomakehurst.wiremock.matching.UrlPathPattern urlPathMatchingAccount() {
    return com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(ACCOUNT_PATH.replace(".", "\\.") + ".+");
  }

  private List<LoggedRequest> patches(String sfId) {
    return CRM.findAll(patchRequestedFor(urlEqualTo(ACCOUNT_PATH + sfId)));
  }

  private static void at(Instant instant) {
    ClockUtil.setCurrentTime(Date.from(instant));
  }

  private long salesforceOpportunity(String sfAccountId) throws Exception {
    String body = Files.readString(Path.of("src/test/resources/crm", "salesforce-opportunity-closed-won.json"))
        .replace("0065g00000AbCdEAAV", "0065g" + Long.toString(System.nanoTime(), 36))
        .replace("0015g00000XyZabAAB", sfAccountId);
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<Map> created = as("ada").postForEntity("/api/crm/salesforce/opportunities",
        new HttpEntity<>(body, headers), Map.class);
    assertThat(created.getStatusCode().value()).as(String.valueOf(created.getBody())).isEqualTo(201);
    long account = ((Number) created.getBody().get("accountId")).longValue();
    assertThat(row(account, "salesforce")).containsEntry("record_id", sfAccountId).containsEntry("state", "pending");
    return account;
  }

  private long hubspotDeal(long dealId, String companyId) throws Exception {
    String body = Files.readString(Path.of("src/test/resources/crm", "hubspot-deal-closed-won.json"))
        .replace("19872364512", String.valueOf(dealId)).replace("\"8112233\"", "\"" + companyId + "\"");
    String timestamp = String.valueOf(System.currentTimeMillis());
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.set("X-HubSpot-Signature-v3", HubSpotSignatures.v3(CrmWebhooksTest.SECRET, "POST",
        baseUrl + "/webhooks/hubspot/deals", body, timestamp));
    headers.set("X-HubSpot-Request-Timestamp", timestamp);
    ResponseEntity<Map> created = http.postForEntity("/webhooks/hubspot/deals", new HttpEntity<>(body, headers), Map.class);
    assertThat(created.getStatusCode().value()).as(String.valueOf(created.getBody())).isEqualTo(201);
    long account = ((Number) created.getBody().get("accountId")).longValue();
    assertThat(row(account, "hubspot")).containsEntry("record_id", companyId);
    return account;
  }

  /** Signals of a healthy customer: the account is scored when they arrive. */
  private void scoreHealthy(long account) {
    List<Map<String, Object>> batch = List.of(
        signal("usage", account, Map.of("activeUsers", 90, "licensedSeats", 100, "featuresUsed", 8, "featuresTotal", 10)),
        signal("engagement", account, Map.of("meetingHeld", true)),
        signal("nps", account, Map.of("npsScore", 9, "comment", "Great onboarding")));
    ResponseEntity<Map> stored = as("carl").postForEntity("/api/signals", batch, Map.class);
    assertThat(stored.getStatusCode().value()).as(String.valueOf(stored.getBody())).isEqualTo(200);
  }

  private static Map<String, Object> signal(String type, long account, Map<String, Object> fields) {
    Map<String, Object> signal = new HashMap<>(fields);
    signal.put("signalId", "SIG-" + UUID.randomUUID());
    signal.put("accountId", account);
    signal.put("type", type);
    signal.put("occurredAt", OffsetDateTime.now(ZoneOffset.UTC).minusDays(1).toString());
    return signal;
  }

  private Map<String, Object> row(long account, String crm) {
    return jdbc.sql("""
            select record_id, state, attempts, last_status, next_attempt_at from crm_write_back
            where account_id = :a and crm = :crm""")
        .param("a", account).param("crm", crm)
        .query((rs, n) -> {
          Map<String, Object> row = new HashMap<>();
          row.put("record_id", rs.getString("record_id"));
          row.put("state", rs.getString("state"));
          row.put("attempts", rs.getInt("attempts"));
          row.put("last_status", rs.getObject("last_status"));
          row.put("next_attempt_at", rs.getTimestamp("next_attempt_at") == null ? null
              : rs.getTimestamp("next_attempt_at").toInstant());
          return row;
        })
        .single();
  }

  private Map<String, Object> accountRow(long account) {
    return jdbc.sql("select health_score, health_band from account where id = :a").param("a", account)
        .query((rs, n) -> {
          Map<String, Object> row = new HashMap<>();
          row.put("health_score", rs.getObject("health_score"));
          row.put("health_band", rs.getString("health_band"));
          return row;
        })
        .single();
  }

  private double counted(String crm, String outcome) {
    var counter = meters.find("csp.crm.write.backs").tag("crm", crm).tag("outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }

  private String meterHelp() {
    return meters.find("csp.crm.write.backs").tag("outcome", "failed").counter().getId().getDescription();
  }
}
