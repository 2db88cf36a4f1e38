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
 * The README's first command, as a test: the default (demo) profile on H2 starts with its people,
 * portfolio and signals, the README's handoff lands with carol, and the demo mailbox receives mail.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.profiles.active=demo",
    "spring.datasource.url=jdbc:h2:mem:demo-smoke;DB_CLOSE_DELAY=-1;NON_KEYWORDS=DAY",
    "camunda.bpm.generate-unique-process-engine-name=true",
    "camunda.bpm.job-execution.enabled=false"})
class DemoProfileSmokeTest {

  @DynamicPropertySource
  static void mailbox(DynamicPropertyRegistry registry) {
    registry.add("csp.demo.mailbox.port", Ports::free);
  }

  @Autowired TestRestTemplate http;
  @Autowired TaskService tasks;
  @Autowired org.camunda.bpm.engine.ManagementService management;
  @Autowired org.camunda.bpm.engine.RuntimeService runtime;

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

  /** The handoffs' async starts, as the job executor (off in this test) would run them. */
  private void continueHandoffs() {
    management.createJobQuery().activityId("startContractClosed").list()
        .forEach(job -> management.executeJob(job.getId()));
  }
}
