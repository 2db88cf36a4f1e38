package io.csplaybooks.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.support.Ports;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The README's first command, as a test: the default (demo) profile on H2 starts with its people and
 * a year of a CS team's life played through the application (DemoYear), the tour's handoff (docs/daily-work.md) lands
 * with carol, and the demo mailbox receives mail. What the year left is checked through the REST API
 * as a CS manager sees it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.profiles.active=demo",
    "spring.datasource.url=jdbc:h2:mem:demo-smoke;DB_CLOSE_DELAY=-1",
    "camunda.bpm.generate-unique-process-engine-name=true",
    "camunda.bpm.job-execution.enabled=false",
    "csp.crm.hubspot.client-secret=" + DemoProfileSmokeTest.HUBSPOT_SECRET})
class DemoProfileSmokeTest {

  static final String HUBSPOT_SECRET = "demo-smoke-hubspot-secret";

  /** One port, read by the mailbox and by the mail sender alike (the demo year sends mail at start-up). */
  private static final int MAILBOX_PORT = Ports.free();

  @DynamicPropertySource
  static void mailbox(DynamicPropertyRegistry registry) {
    registry.add("csp.demo.mailbox.port", () -> MAILBOX_PORT);
  }

  @Autowired TestRestTemplate http;
  @Autowired TaskService tasks;
  @Autowired org.camunda.bpm.engine.ManagementService management;
  @Autowired DemoData demo;
  @Autowired org.camunda.bpm.engine.RuntimeService runtime;

  /**
   * A HubSpot delivery the app cannot take is kept for replay on H2 too (the zero-setup database has
   * no "insert ... returning"): 400 naming the field, and the kept delivery readable by an administrator.
   */
  @Test
  void aHubSpotDeliveryItCannotTakeIsKeptOnH2() throws Exception {
    String body = "{\"hs_object_id\":\"7001\",\"dealname\":\"Smoke\",\"amount\":\"abc\",\"dealstage\":\"closedwon\"}";
    String timestamp = String.valueOf(System.currentTimeMillis());
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(HUBSPOT_SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        "HmacSHA256"));
    String signature = java.util.Base64.getEncoder().encodeToString(mac.doFinal(
        ("POST" + "http://localhost:8080/webhooks/hubspot/deals" + body + timestamp)
            .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
    headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
    headers.set("X-HubSpot-Signature-v3", signature);
    headers.set("X-HubSpot-Request-Timestamp", timestamp);
    ResponseEntity<Map> refused = http.postForEntity("/webhooks/hubspot/deals",
        new org.springframework.http.HttpEntity<>(body, headers), Map.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    String kept = String.valueOf(refused.getBody().get("ignoredDelivery"));
    assertThat(kept).startsWith("/api/crm/hubspot/ignored-deliveries/");
    assertThat(http.withBasicAuth("demo", "demo").getForEntity(kept, Map.class).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void theDemoStartsWithItsPortfolioAndTheReadmeHandoffReachesCarol() {
    TestRestTemplate alex = http.withBasicAuth("alex", "demo");
    List<Map<String, Object>> accounts = alex.getForObject("/api/accounts", List.class);
    assertThat(accounts).extracting(a -> a.get("name")).contains("Initech", "Umbrella Health", "Soylent Foods");
    assertThat(accounts).filteredOn(a -> a.get("name").equals("Umbrella Health")).singleElement()
        .satisfies(a -> {
          assertThat(a).containsEntry("healthBand", "red");
          // Its save play has started (its first step runs on the job executor, off in this test).
          assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("churn-intervention")
              .processInstanceBusinessKey(String.valueOf(a.get("id"))).count()).isOne();
        });
    continueHandoffs();
    assertThat(tasks.createTaskQuery().taskAssignee("alex").taskName("Complete handoff brief").count()).isOne();

    Map<String, Object> deal = new java.util.HashMap<>();
    deal.put("contractId", "CRM-2026-0042");
    deal.put("account", Map.of("name", "Globex Corporation", "segment", "enterprise", "region", "EMEA"));
    deal.put("arr", 120000);
    deal.put("contractStart", "2026-11-16");
    deal.put("contractEnd", "2027-11-15");
    deal.put("accountExecutive", "alex");
    deal.put("businessGoals", List.of("Cut support costs by 15%"));
    deal.put("successCriteria", List.of("80% weekly active"));
    deal.put("useCases", List.of("Ticket deflection"));
    deal.put("technicalRequirements", List.of("SSO with Okta"));
    deal.put("knownRisks", List.of("none known"));
    deal.put("stakeholders", List.of(Map.of("name", "Hank Scorpio", "role", "champion", "email", "hank@globex.example"),
        Map.of("name", "Mindy Simmons", "role", "executive-sponsor", "email", "mindy@globex.example")));
    ResponseEntity<Map> handoff = alex.postForEntity("/api/handoffs", deal, Map.class);

    assertThat(handoff.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    continueHandoffs();
    assertThat(tasks.createTaskQuery().taskAssignee("carol").taskName("Hold kickoff").count()).isOne();
    assertThat(http.getForEntity("/api/accounts", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(alex.getForEntity("/api/demo/mailbox", List.class).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void theDemoYearLeavesAPortfolioWithAPast() {
    // Every task answered as its form wants it (a changed form refuses the demo's old answers) and every job run.
    DemoYear.Summary year = demo.played();
    assertThat(year).as("the year was played in this test's fresh database").isNotNull();
    assertThat(year.tasksRefused()).as("tasks the demo could not complete (see the WARN lines)").isZero();
    assertThat(year.jobsFailed()).isZero();
    assertThat(year.tasksCompleted()).isGreaterThan(100);
    TestRestTemplate maria = http.withBasicAuth("maria", "demo");
    List<Map<String, Object>> accounts = maria.getForObject("/api/accounts", List.class);
    assertThat(accounts).extracting(a -> a.get("name")).contains("Initech", "Hooli", "Wayne Logistics", "한빛 물산");
    assertThat(accounts).extracting(a -> a.get("healthBand")).contains("green", "yellow", "red");
    assertThat(account(accounts, "Hooli")).containsEntry("healthBand", "green").containsEntry("csmId", "chris");
    assertThat(accounts).filteredOn(a -> "churned".equals(a.get("lifecycleStage"))).isNotEmpty();

    Map<String, Object> metrics = maria.getForObject("/api/metrics", Map.class);
    Map<String, Object> retention = (Map<String, Object>) metrics.get("retention");
    assertThat(((Number) retention.get("grossRetention")).doubleValue()).isBetween(0.5, 1.0);
    assertThat(((Number) retention.get("netRetention")).doubleValue()).isGreaterThan(0.5).isLessThan(2.0);
    assertThat(((Number) retention.get("churnedLogos")).intValue()).isPositive();
    assertThat(((Number) retention.get("expansions")).intValue()).isPositive();
    assertThat(((Number) retention.get("contractionArr")).doubleValue()).isPositive();
    assertThat(metrics.get("averageTimeToFirstValueDays")).isNotNull();
    // Open renewals in the coming months, forecast: Umbrella Health at risk, others likely or committed.
    assertThat((List<Map<String, Object>>) metrics.get("renewalPipeline")).extracting(r -> r.get("forecast"))
        .contains("at-risk").containsAnyOf("likely", "commit");

    // Vandelay's save play ended saved.
    List<Map<String, Object>> outcomes = maria.getForObject("/api/interventions/outcomes", List.class);
    assertThat(outcomes).anySatisfy(o -> assertThat(((Number) o.get("saved")).intValue()).isPositive());

    Object initech = account(accounts, "Initech").get("id");
    assertThat(maria.getForObject("/api/accounts/" + initech + "/qbr", List.class)).hasSizeGreaterThanOrEqualTo(3);
    // A score every night of the year: entries in at least ten different months.
    List<Map<String, Object>> history = maria.getForObject("/api/accounts/" + initech + "/health/history?limit=1000",
        List.class);
    assertThat(history.stream().map(h -> ((String) h.get("scoredAt")).substring(0, 7)).distinct().count())
        .isGreaterThanOrEqualTo(10);

    // The present: each CSM has work in Tasklist (the engine's task query Tasklist makes; this test's
    // engine has a name of its own, which /engine-rest does not serve), some of it overdue.
    for (String csm : List.of("carol", "casey", "chris")) {
      assertThat(tasks.createTaskQuery().taskAssignee(csm).count()).as(csm + "'s tasks").isPositive();
    }
    assertThat(tasks.createTaskQuery().taskAssignee("casey").taskName("Diagnose risk").count()).isOne();
    assertThat(tasks.createTaskQuery().taskAssigneeIn("carol", "casey", "chris").dueBefore(new java.util.Date()).count())
        .isPositive();
    // The engine's clock is the real one again.
    assertThat(org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().getTime())
        .isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(60_000L));
  }

  private static Map<String, Object> account(List<Map<String, Object>> accounts, String name) {
    return accounts.stream().filter(a -> name.equals(a.get("name"))).findFirst().orElseThrow();
  }

  /** The handoffs' async starts, as the job executor (off in this test) would run them. */
  private void continueHandoffs() {
    management.createJobQuery().activityId("startContractClosed").list()
        .forEach(job -> management.executeJob(job.getId()));
  }
}
