package io.csplaybooks.qbr;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.account.Accounts;
import io.csplaybooks.account.LifecycleStage;
import io.csplaybooks.handoff.HandoffApiTestData;
import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.PlaybookEvent;
import io.csplaybooks.playbook.PlaybookEvents;
import io.csplaybooks.support.IntegrationTest;
import io.csplaybooks.support.TestMailServer;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * On PostgreSQL: onboarding completes, the account's QBR cycle starts, the pack is prepared (JSON and
 * HTML), the CSM prepares and records the outcome through the REST calls Tasklist makes; sales gets the
 * upsell, engineering the bug, product the feature request; themes are counted; churn ends the cycle.
 */
class QbrJourneyTest extends IntegrationTest {

  @Autowired Accounts accounts;
  @Autowired PlaybookEvents events;
  @Autowired QbrRepository qbrs;

  @Test
  void fromOnboardingCompleteThroughAQbrRoundToChurn() {
    long accountId = accountWithCsm();
    String csm = accounts.findById(accountId).orElseThrow().csmId();
    Map<String, Object> plan = Map.of("goals", List.of("Cut support costs by 15%"),
        "kpis", List.of(Map.of("name", "Weekly active agents", "unit", "%", "baseline", 20, "target", 80,
            "dueDate", LocalDate.now().plusMonths(6).toString())));
    assertThat(as("mia").exchange("/api/accounts/" + accountId + "/success-plan", HttpMethod.PUT,
        new HttpEntity<>(plan), Map.class).getStatusCode()).isEqualTo(HttpStatus.OK);

    // What onboarding announces when the account moves to adoption.
    events.publish(PlaybookEvent.ONBOARDING_COMPLETED, AccountId.of(accountId), Map.of());
    runPlaybooksOf(accountId);
    String cycle = runtime.createProcessInstanceQuery().processDefinitionKey("qbr-cycle")
        .processInstanceBusinessKey(String.valueOf(accountId)).singleResult().getId();
    Job window = management.createJobQuery().processInstanceId(cycle).timers().singleResult();
    management.executeJob(window.getId());

    Map<?, ?> pack = as(csm).getForObject("/api/accounts/" + accountId + "/qbr/1", Map.class);
    assertThat(pack.get("accountName")).isEqualTo("Globex Corporation");
    assertThat(pack.get("round")).isEqualTo(1);
    assertThat((List<Map<String, Object>>) pack.get("kpis")).extracting(k -> k.get("name")).containsExactly("Weekly active agents");
    assertThat(((Map<?, ?>) pack.get("renewal")).get("arr")).isNotNull();
    HttpHeaders html = new HttpHeaders();
    html.setAccept(List.of(MediaType.TEXT_HTML));
    ResponseEntity<String> page = as(csm).exchange("/api/accounts/" + accountId + "/qbr/1", HttpMethod.GET,
        new HttpEntity<>(html), String.class);
    assertThat(page.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
    assertThat(page.getBody()).contains("<h1>QBR Globex Corporation, round 1</h1>", "Weekly active agents");
    assertThat(as(csm).getForObject("/api/accounts/" + accountId + "/qbr/1.html", String.class)).contains("<h2>Renewal</h2>");
    assertThat(as(csm).getForEntity("/api/accounts/" + accountId + "/qbr/9", Map.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);

    Task prepare = task(cycle, "scheduleAndPrepareQbr");
    assertThat(prepare.getAssignee()).isEqualTo(csm);
    assertThat(submitTask(csm, prepare, Map.of("preparationNotes", "Agenda sent")).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

    Task outcome = task(cycle, "recordQbrOutcome");
    Map<String, Object> form = tasklistForm(csm, outcome.getId());
    // One row per KPI of the plan, its value to fill in; feedback starts as an empty list.
    assertThat(rows(form, "kpiValues")).containsExactly(nameAndValue("Weekly active agents", null));
    assertThat(rows(form, "feedbackItems")).isNull();
    Map<String, Object> fields = new HashMap<>();
    fields.put("qbrHeldOn", LocalDate.now().toString());
    fields.put("kpiValues", List.of(nameAndValue("Weekly active agents", 55)));
    fields.put("planGoals", "Cut support costs by 15%\nRoll out to the second support centre");
    fields.put("feedbackItems", List.of(
        Map.of("kind", "bug", "theme", "Reporting", "description", "CSV export drops umlauts"),
        Map.of("kind", "wish", "theme", "Reporting", "description", "Scheduled reports")));
    fields.put("expansionSignals", "Second support centre (200 agents) wants in");
    ResponseEntity<Map> refused = submitTask(csm, outcome, fields);
    assertThat(refused.getBody().get("message")).asString()
        .contains("feedbackItems[1].kind: must be one of bug, feature-request, usability");
    fields.put("kpiValues", List.of(nameAndValue("Weekly active agents", "a lot"), nameAndValue("Churn", 3)));
    assertThat(submitTask(csm, outcome, fields).getBody().get("message")).asString().contains(
        "kpiValues[0].currentValue: must be a number",
        "kpiValues[1].name: 'Churn' is not a KPI of the success plan: Weekly active agents");
    fields.put("kpiValues", List.of(nameAndValue("Weekly active agents", 55)));
    fields.put("feedbackItems", List.of(
        Map.of("kind", "bug", "theme", "Reporting", "description", "CSV export drops umlauts"),
        Map.of("kind", "feature-request", "theme", "Reporting", "description", "Scheduled reports")));
    assertThat(submitTask(csm, outcome, fields).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

    Map<?, ?> successPlan = as(csm).getForObject("/api/accounts/" + accountId + "/success-plan", Map.class);
    assertThat(((List<Map<String, Object>>) successPlan.get("kpis")).get(0).get("currentValue")).asString().startsWith("55");
    // The outcome keeps the values as the text it always kept.
    assertThat(qbrs.latestOutcome(accountId).orElseThrow().kpiValues()).isEqualTo("Weekly active agents | 55");
    assertThat((List<?>) successPlan.get("goals")).hasSize(2);

    List<Map<String, Object>> sales = as("ada").getForObject("/engine-rest/task?processInstanceId=" + cycle, List.class);
    assertThat(sales).extracting(t -> t.get("name")).containsExactly("Pursue upsell opportunity");
    assertThat(sales.get(0).get("description")).asString().contains("Second support centre");
    List<Map<String, Object>> engineering = as("ed").getForObject("/engine-rest/task?processInstanceId=" + cycle, List.class);
    assertThat(engineering).extracting(t -> t.get("description")).containsExactly("bug (reporting): CSV export drops umlauts");
    List<Map<String, Object>> product = as("pat").getForObject("/engine-rest/task?processInstanceId=" + cycle, List.class);
    assertThat(product).extracting(t -> t.get("name")).containsExactly("Review product feedback");
    assertThat(submitTask("ed", (String) engineering.get(0).get("id"), Map.of("feedbackResolution", "Fixed in 4.2"))
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

    List<Map<String, Object>> themes = as("pat").getForObject("/api/feedback/themes", List.class);
    assertThat(themes).filteredOn(t -> "reporting".equals(t.get("theme"))).singleElement()
        .satisfies(t -> {
          assertThat((Integer) t.get("items")).isGreaterThanOrEqualTo(2);
          assertThat((Integer) t.get("bugs")).isGreaterThanOrEqualTo(1);
          assertThat((Integer) t.get("featureRequests")).isGreaterThanOrEqualTo(1);
        });
    List<Map<String, Object>> items = as(csm).getForObject("/api/accounts/" + accountId + "/feedback", List.class);
    assertThat(items).extracting(i -> i.get("status")).containsExactly("done", "open");

    // Churn: only CS managers, with a reason; the cycle and its open work end.
    assertThat(as(csm).postForEntity("/api/accounts/" + accountId + "/churn", Map.of("reason", "budget cut"), Map.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(as("mia").postForEntity("/api/accounts/" + accountId + "/churn", Map.of(), Map.class)
        .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    ResponseEntity<Map> churned = as("mia").postForEntity("/api/accounts/" + accountId + "/churn",
        Map.of("reason", "budget cut"), Map.class);
    assertThat(churned.getStatusCode()).isEqualTo(HttpStatus.OK);
    runPlaybooksOf(accountId);
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(cycle).count()).isZero();
    assertThat(accounts.findById(accountId).orElseThrow().lifecycleStage()).isEqualTo(LifecycleStage.CHURNED);
    assertThat(as("mia").postForEntity("/api/accounts/" + accountId + "/churn", Map.of("reason", "again"), Map.class)
        .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
  }

  @Test
  void theScaledTierGetsAQuarterlySummaryMail() throws Exception {
    long accountId = accountWithCsm("scaled");
    events.publish(PlaybookEvent.ONBOARDING_COMPLETED, AccountId.of(accountId), Map.of());
    runPlaybooksOf(accountId);
    String cycle = runtime.createProcessInstanceQuery().processDefinitionKey("qbr-cycle")
        .processInstanceBusinessKey(String.valueOf(accountId)).singleResult().getId();
    TestMailServer.purge();

    management.executeJob(management.createJobQuery().processInstanceId(cycle).timers().singleResult().getId());
    runJobs(cycle);

    assertThat(TestMailServer.subjectsTo("hank@globex.example"))
        .containsExactly("Your quarterly business review, Globex Corporation");
    assertThat(as("mia").getForObject("/api/accounts/" + accountId + "/qbr", List.class)).hasSize(1);
    assertThat(management.createJobQuery().processInstanceId(cycle).timers().count()).isEqualTo(1);
    assertThat(runtime.getVariable(cycle, "qbrRound")).isEqualTo(2);
  }

  @Test
  void koreanNamesReadIntactInTheSummaryMailAndInThePack() throws Exception {
    String champion = "minsu-" + System.nanoTime() + "@hanbit.example";
    Map<String, Object> deal = HandoffApiTestData.deal(HandoffApiTestData.newContractId());
    deal.put("account", Map.of("name", "한빛 물산", "segment", "scaled", "region", "APAC"));
    deal.put("stakeholders", List.of(Map.of("name", "이민수", "role", "champion", "email", champion)));
    Map<?, ?> created = as("ada").postForObject("/api/handoffs", deal, Map.class);
    runJobs((String) created.get("processInstanceId"));
    long accountId = ((Number) created.get("accountId")).longValue();
    events.publish(PlaybookEvent.ONBOARDING_COMPLETED, AccountId.of(accountId), Map.of());
    runPlaybooksOf(accountId);
    String cycle = runtime.createProcessInstanceQuery().processDefinitionKey("qbr-cycle")
        .processInstanceBusinessKey(String.valueOf(accountId)).singleResult().getId();
    management.executeJob(management.createJobQuery().processInstanceId(cycle).timers().singleResult().getId());
    runJobs(cycle);

    // The customer reads English; their names as they wrote them.
    List<MimeMessage> mails = TestMailServer.to(champion);
    assertThat(mails).hasSize(1);
    assertThat(mails.get(0).getSubject()).isEqualTo("Your quarterly business review, 한빛 물산");
    assertThat(mails.get(0).getHeader("Subject")[0]).startsWithIgnoringCase("=?UTF-8?");
    assertThat(mails.get(0).getContentType()).containsIgnoringCase("charset=UTF-8");
    assertThat(TestMailServer.text(mails.get(0))).startsWith("Dear 이민수,\n\nYour quarterly business review, 한빛 물산\n\n")
        .contains("Health: ", "Usage: ", "Customer Success");

    ResponseEntity<byte[]> page = as("mia").getForEntity("/api/accounts/" + accountId + "/qbr/1.html", byte[].class);
    assertThat(page.getHeaders().getContentType().getCharset()).isEqualTo(StandardCharsets.UTF_8);
    assertThat(new String(page.getBody(), StandardCharsets.UTF_8)).contains("<meta charset=\"utf-8\">",
        "<title>QBR 한빛 물산 round 1</title>", "<h1>QBR 한빛 물산, round 1</h1>");
  }

  private long accountWithCsm() {
    return accountWithCsm("enterprise");
  }

  /** A complete handoff up to the CSM's kickoff: the account has its CSM. */
  private long accountWithCsm(String segment) {
    Map<String, Object> deal = HandoffApiTestData.deal(HandoffApiTestData.newContractId());
    deal.put("account", Map.of("name", "Globex Corporation", "segment", segment, "region", "EMEA"));
    Map<?, ?> created = as("ada").postForObject("/api/handoffs", deal, Map.class);
    runJobs((String) created.get("processInstanceId"));
    return ((Number) created.get("accountId")).longValue();
  }

  private Task task(String processInstanceId, String key) {
    return tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(key).singleResult();
  }



  private static Map<String, Object> nameAndValue(String name, Object value) {
    Map<String, Object> row = new HashMap<>();
    row.put("name", name);
    row.put("currentValue", value);
    return row;
  }
}
