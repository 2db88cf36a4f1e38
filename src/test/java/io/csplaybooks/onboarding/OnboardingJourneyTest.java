package io.csplaybooks.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.account.Account;
import io.csplaybooks.account.AccountRepository;
import io.csplaybooks.account.LifecycleStage;
import io.csplaybooks.handoff.HandoffApiTestData;
import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.PlaybookEvent;
import io.csplaybooks.playbook.PlaybookEvents;
import io.csplaybooks.support.IntegrationTest;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * On PostgreSQL: from a closed contract through the kickoff into onboarding, engineering's setup
 * tasks in engineering's task list, the success plan filled, training held, first value confirmed,
 * and the account in adoption with its time to first value. Also the success-plan API.
 */
class OnboardingJourneyTest extends IntegrationTest {

  @Autowired PlaybookEvents events;
  @Autowired JdbcClient jdbc;
  @Autowired AccountRepository accounts;

  @Test
  void fromKickoffToAdoptionWithTimeToFirstValue() {
    long accountId = kickoffHeld(LocalDate.now().minusDays(20));
    String onboarding = onboardingOf(accountId);
    String csm = accounts.findById(accountId).orElseThrow().csmId();

    // Engineering sees one setup task per technical requirement in its task list.
    List<Map<String, Object>> engineering = as("ed").getForObject(
        "/engine-rest/task?candidateGroup=engineering&processInstanceId=" + onboarding, List.class);
    assertThat(engineering).extracting(t -> t.get("name"))
        .containsExactlyInAnyOrder("Set up SSO with Okta", "Set up Salesforce integration");
    assertThat(visible("ada", onboarding)).isEmpty();
    for (Map<String, Object> setup : engineering) {
      assertThat(submitForm("ed", "/engine-rest/task/" + setup.get("id") + "/submit-form",
          Map.of("setupNotes", "done")).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    }

    // The CSM builds the plan: the seeded goals and milestones are in the form; a KPI is added.
    Task plan = task(onboarding, "buildSuccessPlan");
    Map<?, ?> form = as(csm).getForObject("/engine-rest/task/" + plan.getId() + "/form-variables", Map.class);
    assertThat(value(form, "planGoals")).isEqualTo("Cut support costs by 15%");
    assertThat(value(form, "planMilestones")).asString()
        .contains("Set up: SSO with Okta | engineering", "| done", "Salesforce integration live | cs");
    Map<String, Object> edited = new HashMap<>();
    edited.put("planGoals", "Cut support costs by 15%");
    edited.put("planKpis", "Weekly active agents | % | 20 | 80 | | 2027-03-01\nTickets deflected | % | 0 | not much | | 2027-03-01");
    edited.put("planMilestones", ((String) value(form, "planMilestones")).replace("| open", "| done"));
    ResponseEntity<Map> refused = submitForm(csm, "/engine-rest/task/" + plan.getId() + "/submit-form", edited);
    assertThat(refused.getBody().get("message")).asString().contains("planKpis: line 2: target 'not much' is not a number");
    edited.put("planKpis", "Weekly active agents | % | 20 | 80 | | 2027-03-01");
    assertThat(submitForm(csm, "/engine-rest/task/" + plan.getId() + "/submit-form", edited).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);

    for (int session = 0; session < 3; session++) {
      Task training = task(onboarding, "runTrainingSession");
      assertThat(submitForm(csm, "/engine-rest/task/" + training.getId() + "/submit-form", Map.of(
          "trainingHeldOn", LocalDate.now().toString(), "trainingAttendees", 12, "trainingNotes", "Basics"))
          .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    }
    Task firstValue = task(onboarding, "confirmFirstValue");
    assertThat(submitForm(csm, "/engine-rest/task/" + firstValue.getId() + "/submit-form", Map.of(
        "firstValueReachedOn", LocalDate.now().minusDays(2).toString(),
        "firstValueOutcome", "First 500 tickets deflected")).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

    assertThat(runtime.createProcessInstanceQuery().processInstanceId(onboarding).count()).isZero();
    Account onboarded = accounts.findById(accountId).orElseThrow();
    assertThat(onboarded.lifecycleStage()).isEqualTo(LifecycleStage.ADOPTION);
    assertThat(onboarded.firstValueOn()).isEqualTo(LocalDate.now().minusDays(2));
    assertThat(onboarded.timeToFirstValueDays()).isEqualTo(18);

    Map<?, ?> successPlan = as(csm).getForObject("/api/accounts/" + accountId + "/success-plan", Map.class);
    assertThat((List<?>) successPlan.get("kpis")).hasSize(1);
    List<Map<String, Object>> history = as(csm).getForObject("/api/accounts/" + accountId + "/success-plan/history", List.class);
    assertThat(history).extracting(h -> h.get("changedBy")).containsExactly("engine", "ed", "ed", csm);
    assertThat(history.get(3).get("reason")).isEqualTo("task: Build success plan");
  }

  @Test
  void theSuccessPlanApiValidatesKeepsHistoryAndRefusesStaleWrites() {
    long accountId = kickoffHeld(LocalDate.now().plusDays(5));
    String path = "/api/accounts/" + accountId + "/success-plan";
    Map<?, ?> seeded = as("mia").getForObject(path, Map.class);
    assertThat(seeded.get("version")).isEqualTo(1);
    assertThat(as("mia").getForEntity("/api/accounts/999999/success-plan", Map.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);

    Map<String, Object> invalid = Map.of("version", 1,
        "kpis", List.of(Map.of("name", "Weekly active agents")),
        "milestones", List.of(Map.of("name", "Go live", "ownerTeam", "marketing"), Map.of("name", "Go live",
            "ownerTeam", "cs", "dueDate", "2027-01-10", "status", "later")));
    ResponseEntity<Map> refused = as("mia").exchange(path, org.springframework.http.HttpMethod.PUT,
        new org.springframework.http.HttpEntity<>(invalid), Map.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(((List<Map<String, String>>) refused.getBody().get("errors"))).extracting(e -> e.get("field"))
        .containsExactly("kpis[0].target", "kpis[0].dueDate", "milestones[0].ownerTeam", "milestones[0].dueDate",
            "milestones[1].name", "milestones[1].status");
    assertThat(as("mia").getForObject(path, Map.class).get("version")).isEqualTo(1);

    Map<String, Object> valid = Map.of("version", 1, "goals", List.of("Cut support costs by 15%"),
        "kpis", List.of(Map.of("name", "Weekly active agents", "unit", "%", "baseline", 20, "target", 80,
            "dueDate", "2027-03-01")),
        "milestones", List.of(Map.of("name", "Go live", "ownerTeam", "cs", "dueDate", "2027-01-10")));
    ResponseEntity<Map> saved = as("carl").exchange(path, org.springframework.http.HttpMethod.PUT,
        new org.springframework.http.HttpEntity<>(valid), Map.class);
    assertThat(saved.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(saved.getBody().get("version")).isEqualTo(2);
    assertThat(saved.getBody().get("updatedBy")).isEqualTo("carl");

    ResponseEntity<Map> stale = as("carl").exchange(path, org.springframework.http.HttpMethod.PUT,
        new org.springframework.http.HttpEntity<>(valid), Map.class);
    assertThat(stale.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(as("ed").exchange(path, org.springframework.http.HttpMethod.PUT,
        new org.springframework.http.HttpEntity<>(valid), Map.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.getForEntity(path, Map.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

    List<Map<String, Object>> history = as("carl").getForObject(path + "/history", List.class);
    assertThat(history).extracting(h -> h.get("version")).containsExactly(1, 2);
    assertThat(history.get(1).get("reason")).isEqualTo("edited through the API");
  }

  @Test
  void oneOnboardingPerAccountAtATime() {
    long accountId = kickoffHeld(LocalDate.now().plusDays(5));
    String first = onboardingOf(accountId);

    boolean started = events.startOnce("onboarding", PlaybookEvent.KICKOFF_HELD, new AccountId(accountId), Map.of());

    assertThat(started).isFalse();
    assertThat(onboardingOf(accountId)).isEqualTo(first);
    // However the onboarding ends, the account is free for the next one.
    runtime.deleteProcessInstance(first, "test: onboarding cancelled");
    assertThat(jdbc.sql("select count(*) from running_playbook where playbook = 'onboarding' and business_key = :key")
        .param("key", String.valueOf(accountId)).query(Long.class).single()).isZero();
  }

  /** A complete handoff whose kickoff the CSM has held; returns the account id. */
  private long kickoffHeld(LocalDate contractStart) {
    Map<String, Object> deal = HandoffApiTestData.deal(HandoffApiTestData.newContractId());
    deal.put("contractStart", contractStart.toString());
    deal.put("contractEnd", contractStart.plusYears(1).toString());
    Map<?, ?> created = as("ada").postForObject("/api/handoffs", deal, Map.class);
    String handoff = (String) created.get("processInstanceId");
    runJobs(handoff);
    Task kickoff = task(handoff, "holdKickoff");
    assertThat(submitForm(kickoff.getAssignee(), "/engine-rest/task/" + kickoff.getId() + "/submit-form",
        Map.of("kickoffHeldOn", LocalDate.now().toString())).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    long accountId = ((Number) created.get("accountId")).longValue();
    runPlaybooksOf(accountId);
    return accountId;
  }

  private String onboardingOf(long accountId) {
    return runtime.createProcessInstanceQuery().processDefinitionKey("onboarding")
        .processInstanceBusinessKey(String.valueOf(accountId)).singleResult().getId();
  }

  private Task task(String processInstanceId, String key) {
    return tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(key).singleResult();
  }

  private List<Map<String, Object>> visible(String user, String instance) {
    return as(user).getForObject("/engine-rest/task?processInstanceId=" + instance, List.class);
  }


  private static Object value(Map<?, ?> formVariables, String name) {
    return ((Map<?, ?>) formVariables.get(name)).get("value");
  }
}
