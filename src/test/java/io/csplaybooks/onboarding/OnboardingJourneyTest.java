package io.csplaybooks.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.csplaybooks.account.Account;
import io.csplaybooks.account.Accounts;
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
  @Autowired Accounts accounts;

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

    // The CSM builds the plan: the seeded goals and milestones are in the form, the milestones as
    // rows of a dynamic list; a KPI is added as a row, field by field.
    Task plan = task(onboarding, "buildSuccessPlan");
    Map<String, Object> form = tasklistForm(csm, plan.getId());
    assertThat(value(form, "planGoals")).isEqualTo("Cut support costs by 15%");
    List<Map<String, Object>> milestones = rows(form, "planMilestones");
    assertThat(milestones).extracting(m -> m.get("name"), m -> m.get("ownerTeam"), m -> m.get("status"))
        .contains(tuple("Set up: SSO with Okta", "engineering", "done"),
            tuple("Salesforce integration live", "cs", "open"));
    assertThat(milestones).allSatisfy(m -> assertThat(m).containsOnlyKeys("name", "ownerTeam", "dueDate", "status"));
    assertThat(rows(form, "planKpis")).isEmpty();
    Map<String, Object> edited = new HashMap<>();
    edited.put("planGoals", "Cut support costs by 15%");
    edited.put("planKpis", List.of(
        kpi("Weekly active agents", "%", 20, 80, "2027-03-01"),
        kpi("Tickets deflected", "%", 0, "not much", "2027-03-01")));
    edited.put("planKpisRows", 2);
    edited.put("planMilestones", milestones.stream().map(m -> {
      Map<String, Object> done = new HashMap<>(m);
      done.put("status", "done");
      return done;
    }).toList());
    edited.put("planMilestonesRows", milestones.size());
    edited.put("planVersion", value(form, "planVersion"));
    ResponseEntity<Map> refused = submitForm(csm, "/engine-rest/task/" + plan.getId() + "/submit-form", edited);
    assertThat(refused.getBody().get("message")).as("%s", refused).asString()
        .contains("planKpis[1].target: must be a number");
    edited.put("planKpis", List.of(kpi("Weekly active agents", "%", 20, 80, "2027-03-01")));
    edited.put("planKpisRows", 1);
    assertThat(submitForm(csm, "/engine-rest/task/" + plan.getId() + "/submit-form", edited).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    // The rows stayed with the task: the playbook keeps its identifiers only.
    assertThat(runtime.getVariable(onboarding, "planKpis")).isNull();

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
  void theKpiListTakesRowsOfPlainValuesOnlyAndStillTheTextOfAnOlderForm() {
    long accountId = kickoffHeld(LocalDate.now().plusDays(5));
    String onboarding = onboardingOf(accountId);
    String csm = accounts.findById(accountId).orElseThrow().csmId();
    Task plan = task(onboarding, "buildSuccessPlan");
    String submit = "/engine-rest/task/" + plan.getId() + "/submit-form";

    // Ten thousand rows: refused by their number, the task stays open.
    String tenThousand = java.util.stream.IntStream.range(0, 10_000)
        .mapToObj(i -> "{\"name\":\"KPI " + i + "\",\"target\":1,\"dueDate\":\"2027-03-01\"}")
        .collect(java.util.stream.Collectors.joining(",", "[", "]"));
    ResponseEntity<Map> huge = as(csm).postForEntity(submit, json(Map.of("variables",
        Map.of("planKpis", Map.of("type", "Json", "value", tenThousand)))), Map.class);
    assertThat(huge.getBody().get("message")).as("%s", huge).asString().contains("planKpis: must have at most 50 rows");

    // Nested objects, a field the list does not have, a row that is no row: each named.
    ResponseEntity<Map> nested = as(csm).postForEntity(submit, json(Map.of("variables", Map.of("planKpis",
        Map.of("type", "Json", "value", "[{\"name\":{\"a\":1},\"target\":1,\"dueDate\":\"2027-03-01\"},"
            + "{\"name\":\"B\",\"@class\":\"java.lang.Runtime\"},\"C\"]")))), Map.class);
    assertThat(nested.getBody().get("message")).as("%s", nested).asString().contains(
        "planKpis[0].name: must be a single value, not a list or an object",
        "planKpis[1]: has no field '@class'", "planKpis[2]: must be a row of fields");

    // Java objects, XML, bytes: no form submits them, whatever the field.
    for (Map<String, Object> variable : List.<Map<String, Object>>of(
        Map.of("type", "Object", "value", "[]", "valueInfo", Map.of("objectTypeName", "java.util.ArrayList",
            "serializationDataFormat", "application/json")),
        Map.of("type", "Object", "value", "rO0ABXNyABNqYXZhLnV0aWwuQXJyYXlMaXN0eIHSHZnHYZ0DAAFJAARzaXpleHAAAAAAdwQAAAAAeA==",
            "valueInfo", Map.of("objectTypeName", "java.util.ArrayList",
                "serializationDataFormat", "application/x-java-serialized-object")),
        Map.of("type", "Xml", "value", "<kpis/>"),
        Map.of("type", "Bytes", "value", "AAEC"))) {
      ResponseEntity<Map> refused = as(csm).postForEntity(submit, json(Map.of("variables", Map.of("planKpis", variable))),
          Map.class);
      // The engine itself refuses Java serialization and XML (no XML data format here); the guard the rest (403).
      assertThat(refused.getStatusCode().is2xxSuccessful()).as("%s answers %s", variable, refused.getBody()).isFalse();
      assertThat(refused.getBody().get("message")).as("%s", variable).asString().containsAnyOf(
          "may not set planKpis (", "planKpis: must be a list of rows", "Java serialization format is prohibited", "Cannot find serializer for value 'Value 'null' of type 'xml'");
    }
    // A text field as bytes: the step would read them as text; the guard refuses the whole click.
    ResponseEntity<Map> bytes = as(csm).postForEntity(submit, json(Map.of("variables", Map.of("planGoals",
        Map.of("type", "Bytes", "value", "AAEC")))), Map.class);
    assertThat(bytes.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(bytes.getBody().get("message")).asString().contains("may not set planGoals (bytes)");
    assertThat(tasks.createTaskQuery().taskId(plan.getId()).count()).isOne();
    assertThat(jdbc.sql("select count(*) from success_plan_kpi where account_id = :id").param("id", accountId)
        .query(Long.class).single()).isZero();

    // The text lines of the form of an earlier version are read as they always were.
    Map<String, Object> older = new HashMap<>();
    older.put("planKpis", "Weekly active agents | % | 20 | 80 | | 2027-03-01");
    older.put("planMilestones", "Go live | cs | 2027-01-10 | open");
    assertThat(submitForm(csm, submit, older).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    Map<?, ?> saved = as(csm).getForObject("/api/accounts/" + accountId + "/success-plan", Map.class);
    assertThat((List<Map<String, Object>>) saved.get("kpis")).extracting(k -> k.get("name"))
        .containsExactly("Weekly active agents");
    assertThat((List<Map<String, Object>>) saved.get("milestones")).extracting(m -> m.get("name"))
        .containsExactly("Go live");
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


  private static Map<String, Object> kpi(String name, String unit, Object baseline, Object target, String due) {
    Map<String, Object> row = new HashMap<>();
    row.put("name", name);
    row.put("unit", unit);
    row.put("baseline", baseline);
    row.put("target", target);
    row.put("currentValue", null);
    row.put("dueDate", due);
    return row;
  }

  private static Object value(Map<?, ?> formVariables, String name) {
    return ((Map<?, ?>) formVariables.get(name)).get("value");
  }
}
