package io.csplaybooks.studio;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.playbook.PlaybookVariables;
import io.csplaybooks.sandbox.PlaybookValidatorTest;
import io.csplaybooks.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Moving accounts between two versions of a playbook, and analytics on a history the test makes. */
class PlaybookApiTest extends IntegrationTest {

  @Autowired RepositoryService repository;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void accountsMoveToTheNewVersionExceptThoseInAStepItNoLongerHas() {
    ProcessDefinition v1 = deploy("follow-up-v1.bpmn");
    ProcessInstance inReview = start("follow-up-test", 101L);
    ProcessInstance inCall = start("follow-up-test", 102L);
    tasks.complete(tasks.createTaskQuery().processInstanceId(inCall.getId()).singleResult().getId());
    // The task emails go out first: a pending notification job is not part of any step and would
    // keep its instance from moving (reported, nothing migrated).
    runJobs(inReview.getId());
    runJobs(inCall.getId());
    ProcessDefinition v2 = deploy("follow-up-v2.bpmn");
    assertThat(v2.getVersion()).isEqualTo(v1.getVersion() + 1);

    Map<String, Object> playbook = ((List<Map<String, Object>>) as("mia").getForObject("/api/playbooks", List.class))
        .stream().filter(p -> "follow-up-test".equals(p.get("key"))).findFirst().orElseThrow();
    assertThat(playbook.get("runningInstances")).isEqualTo(2);
    assertThat((List<Map<String, Object>>) playbook.get("versions"))
        .extracting(v -> v.get("version"), v -> v.get("runningInstances"), v -> v.get("deployedBy"))
        .containsSubsequence(org.assertj.core.groups.Tuple.tuple(v2.getVersion(), 0, null),
            org.assertj.core.groups.Tuple.tuple(v1.getVersion(), 2, null));

    Map<String, Object> preview = migrate(v1.getVersion(), v2.getVersion(), false).getBody();
    assertThat(preview.get("confirmed")).isEqualTo(false);
    assertThat((List<Map<String, Object>>) preview.get("instructions")).extracting(i -> i.get("from"), i -> i.get("to"))
        .contains(org.assertj.core.groups.Tuple.tuple(List.of("reviewAccount"), List.of("reviewAccount")));
    assertThat((List<Map<String, Object>>) preview.get("unmappedSteps"))
        .extracting(s -> s.get("activityId"), s -> s.get("name"), s -> s.get("waitingInstances"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("callCustomer", "Call customer", 1));
    assertThat(preview).containsEntry("instances", 2).containsEntry("migratable", 1).containsEntry("blocked", 1)
        .containsEntry("migrated", 0);
    assertThat(definitionOf(inReview)).isEqualTo(v1.getId());

    Map<String, Object> done = migrate(v1.getVersion(), v2.getVersion(), true).getBody();

    assertThat(done).containsEntry("confirmed", true).containsEntry("migrated", 1);
    assertThat(definitionOf(inReview)).isEqualTo(v2.getId());
    assertThat(definitionOf(inCall)).isEqualTo(v1.getId());
    assertThat(tasks.createTaskQuery().processInstanceId(inReview.getId()).singleResult().getTaskDefinitionKey())
        .isEqualTo("reviewAccount");
  }

  @Test
  void migrationRequestsNameTheFieldThatIsWrong() {
    ProcessDefinition v1 = deploy("follow-up-v1.bpmn");

    assertThat(ProblemErrors.of(as("mia").postForEntity("/api/playbooks/follow-up-test/migrations", Map.of(), Map.class)))
        .containsExactly("fromVersion: is required", "toVersion: is required");
    assertThat(ProblemErrors.of(migrate(v1.getVersion(), 999, false)))
        .containsExactly("toVersion: playbook follow-up-test has no version 999");
    assertThat(ProblemErrors.of(migrate(v1.getVersion(), v1.getVersion(), true)))
        .containsExactly("toVersion: must differ from fromVersion");
    assertThat(as("mia").postForEntity("/api/playbooks/no-such-playbook/migrations",
        Map.of("fromVersion", 1, "toVersion", 2), Map.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(as("carl").postForEntity("/api/playbooks/follow-up-test/migrations",
        Map.of("fromVersion", 1, "toVersion", 2), Map.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void analyticsCountStepsTimeSpentMissedDeadlinesAndOutcomes() {
    deploy("save-play.bpmn");
    Instant t0 = Instant.parse("2026-01-05T09:00:00Z");
    ClockUtil.setCurrentTime(Date.from(t0));
    // Three diagnoses done in 1, 2 and 4 hours (the 2-hour one after its deadline), one still open past it.
    ProcessInstance fast = startSavePlay(201L, t0.plus(Duration.ofHours(2)));
    ProcessInstance late = startSavePlay(202L, t0.plus(Duration.ofHours(1)));
    ProcessInstance slow = startSavePlay(203L, t0.plus(Duration.ofHours(8)));
    startSavePlay(204L, t0.plus(Duration.ofHours(1)));
    complete(fast, t0.plus(Duration.ofHours(1)), "saved");
    complete(late, t0.plus(Duration.ofHours(2)), "churned");
    complete(slow, t0.plus(Duration.ofHours(4)), "saved");
    ClockUtil.setCurrentTime(Date.from(t0.plus(Duration.ofHours(5))));

    ResponseEntity<Map> response = as("mia").getForEntity("/api/playbooks/save-play-test/analytics", Map.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    Map<String, Object> analytics = response.getBody();
    assertThat((Map<String, Object>) analytics.get("instances"))
        .containsEntry("started", 4).containsEntry("running", 1).containsEntry("finished", 3);
    assertThat((List<Map<String, Object>>) analytics.get("steps")).singleElement().satisfies(step -> {
      assertThat(step).containsEntry("activityId", "diagnoseChurnReason").containsEntry("name", "Diagnose churn reason")
          .containsEntry("type", "userTask").containsEntry("passed", 3).containsEntry("open", 1)
          .containsEntry("canceled", 0).containsEntry("deadlinesMissed", 2);
      assertThat(step).containsEntry("medianMillis", (int) Duration.ofHours(2).toMillis())
          .containsEntry("median", "PT2H");
      // 90th percentile of 1 h, 2 h and 4 h, interpolated: 2 h + 0.8 × 2 h.
      assertThat(step).containsEntry("p90Millis", (int) Duration.ofMinutes(216).toMillis()).containsEntry("p90", "PT3H36M");
    });
    assertThat((Map<String, Object>) analytics.get("outcomeCounts")).containsExactly(
        Map.entry("saved", 2), Map.entry("churned", 1));
    assertThat((Map<String, Object>) analytics.get("outcomeShares")).containsExactly(
        Map.entry("saved", 0.6667), Map.entry("churned", 0.3333));

    Map<String, Object> oneVersion = as("mia").getForObject("/api/playbooks/save-play-test/analytics?version="
        + repository.createProcessDefinitionQuery().processDefinitionKey("save-play-test").latestVersion()
            .singleResult().getVersion(), Map.class);
    assertThat((Map<String, Object>) oneVersion.get("instances")).containsEntry("started", 4);
  }

  @Test
  void playbooksWithoutOutcomesHaveNoShares() {
    Map<String, Object> handoff = as("mia").getForObject("/api/playbooks/sales-handoff/analytics", Map.class);
    assertThat((Map<?, ?>) handoff.get("outcomeShares")).isEmpty();
    assertThat(ProblemErrors.of(as("mia").getForEntity("/api/playbooks/sales-handoff/analytics?version=999", Map.class)))
        .containsExactly("version: playbook sales-handoff has no version 999");
    assertThat(as("mia").getForEntity("/api/playbooks/nope/analytics", Map.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(as("ed").getForEntity("/api/playbooks/sales-handoff/analytics", Map.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void analyticsOverAPeriodCountWhatEndedInItAndTheWaysTakenOutOfEachGateway() {
    String today = java.time.LocalDate.now().toString();
    Map<String, Long> before = pathsOut("/api/playbooks/sales-handoff/analytics?from=" + today + "&to=" + today,
        "briefCompleteGw");
    handOff(io.csplaybooks.handoff.HandoffApiTestData.deal(io.csplaybooks.handoff.HandoffApiTestData.newContractId()));
    handOff(io.csplaybooks.handoff.HandoffApiTestData.deal(io.csplaybooks.handoff.HandoffApiTestData.newContractId()));

    Map<String, Object> analytics = as("mia").getForObject("/api/playbooks/sales-handoff/analytics?from=" + today
        + "&to=" + today, Map.class);
    Map<String, Long> after = pathsOut(analytics, "briefCompleteGw");
    // Two complete briefs: both went the "yes" way, recorded as they were taken.
    assertThat(after.getOrDefault("f_brief_complete", 0L) - before.getOrDefault("f_brief_complete", 0L)).isEqualTo(2);
    assertThat(after.getOrDefault("f_brief_incomplete", 0L)).isEqualTo(before.getOrDefault("f_brief_incomplete", 0L));
    Map<String, Object> gateway = ((List<Map<String, Object>>) analytics.get("gateways")).stream()
        .filter(g -> g.get("gatewayId").equals("briefCompleteGw")).findFirst().orElseThrow();
    long passed = ((Number) gateway.get("passed")).longValue();
    ((List<Map<String, Object>>) gateway.get("paths")).forEach(path -> assertThat(((Number) path.get("share")).doubleValue())
        .isCloseTo(((Number) path.get("taken")).doubleValue() / passed, org.assertj.core.api.Assertions.within(0.0001)));

    // A period long before: nothing ended in it, and what waits now still waits.
    Map<String, Object> old = as("mia").getForObject("/api/playbooks/sales-handoff/analytics?from=2020-01-01&to=2020-01-31",
        Map.class);
    assertThat((Map<String, Object>) old.get("instances")).containsEntry("started", 0).containsEntry("finished", 0);
    assertThat((List<Map<String, Object>>) old.get("steps")).allSatisfy(step -> assertThat(step).containsEntry("passed", 0))
        .anySatisfy(step -> assertThat(((Number) step.get("open")).longValue()).isPositive());
    assertThat((List<?>) old.get("gateways")).isEmpty();

    assertThat(ProblemErrors.of(as("mia").getForEntity("/api/playbooks/sales-handoff/analytics?from=yesterday", Map.class)))
        .containsExactly("from: must be a date (YYYY-MM-DD)");
  }

  private Map<String, Long> pathsOut(String path, String gatewayId) {
    return pathsOut(as("mia").getForObject(path, Map.class), gatewayId);
  }

  private static Map<String, Long> pathsOut(Map<String, Object> analytics, String gatewayId) {
    Map<String, Long> taken = new java.util.HashMap<>();
    ((List<Map<String, Object>>) analytics.get("gateways")).stream().filter(g -> g.get("gatewayId").equals(gatewayId))
        .flatMap(g -> ((List<Map<String, Object>>) g.get("paths")).stream())
        .forEach(p -> taken.put((String) p.get("flowId"), ((Number) p.get("taken")).longValue()));
    return taken;
  }

  private ResponseEntity<Map> migrate(int from, int to, boolean confirm) {
    return as("mia").postForEntity("/api/playbooks/follow-up-test/migrations",
        Map.of("fromVersion", from, "toVersion", to, "confirm", confirm), Map.class);
  }

  private ProcessDefinition deploy(String fixture) {
    String deploymentId = repository.createDeployment().name(fixture)
        .addString(fixture, PlaybookValidatorTest.fixture(fixture)).deploy().getId();
    return repository.createProcessDefinitionQuery().deploymentId(deploymentId).singleResult();
  }

  private ProcessInstance start(String key, long accountId) {
    return runtime.startProcessInstanceByKey(key, String.valueOf(accountId), Map.of("accountId", accountId));
  }

  private ProcessInstance startSavePlay(long accountId, Instant due) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("accountId", accountId);
    variables.put("due", Date.from(due));
    return runtime.startProcessInstanceByKey("save-play-test", String.valueOf(accountId), variables);
  }

  private void complete(ProcessInstance instance, Instant at, String outcome) {
    ClockUtil.setCurrentTime(Date.from(at));
    tasks.complete(tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId(),
        Map.of(PlaybookVariables.OUTCOME, outcome));
  }

  private String definitionOf(ProcessInstance instance) {
    return runtime.createProcessInstanceQuery().processInstanceId(instance.getId()).singleResult()
        .getProcessDefinitionId();
  }

  /** Problem-detail field errors as "field: reason". */
  static final class ProblemErrors {
    static List<String> of(ResponseEntity<Map> response) {
      assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
      return ((List<Map<String, String>>) response.getBody().get("errors")).stream()
          .map(e -> e.get("field") + ": " + e.get("reason")).toList();
    }
  }
}
