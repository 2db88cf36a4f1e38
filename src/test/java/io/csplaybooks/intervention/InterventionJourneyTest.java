package io.csplaybooks.intervention;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.account.Accounts;
import io.csplaybooks.account.LifecycleStage;
import io.csplaybooks.handoff.HandoffApiTestData;
import io.csplaybooks.support.IntegrationTest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On PostgreSQL: signals drop an account into red, the save play starts once, engineering gets the
 * customer's bugs, health recovers, the play ends saved, and the save rate per reason shows it.
 */
class InterventionJourneyTest extends IntegrationTest {

  @Autowired Accounts accounts;
  @Autowired InterventionRepository interventions;
  @Autowired JdbcClient jdbc;
  @Autowired PlatformTransactionManager transactions;

  @Test
  void healthTurnsRedTheSavePlayRunsOnceAndTheAccountIsSaved() {
    Long account = newAccount();
    String key = String.valueOf(account);

    Map<?, ?> red = as("carl").postForObject("/api/signals", List.of(
        signal(account, "usage", Map.of("activeUsers", 10, "licensedSeats", 100)),
        signal(account, "nps", Map.of("npsScore", 2)),
        signal(account, "sentiment", Map.of("sentiment", "negative"))), Map.class);
    assertThat((List<Integer>) red.get("turnedRed")).containsExactly(account.intValue());

    ProcessInstance play = runtime.createProcessInstanceQuery().processDefinitionKey("churn-intervention")
        .processInstanceBusinessKey(key).singleResult();
    runPlaybooksOf(account);
    assertThat(accounts.findById(account).orElseThrow().lifecycleStage()).isEqualTo(LifecycleStage.AT_RISK);

    // The CSM flags the risk too: it joins the open play instead of starting another.
    ResponseEntity<Map> flagged = as("carl").postForEntity("/api/accounts/" + account + "/risk",
        Map.of("reason", "champion is updating their CV"), Map.class);
    assertThat(flagged.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    runPlaybooksOf(account);
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("churn-intervention")
        .processInstanceBusinessKey(key).count()).isOne();
    long interventionId = ((Number) runtime.getVariable(play.getId(), "interventionId")).longValue();
    assertThat(interventions.find(interventionId).orElseThrow().triggers()).isEqualTo(2);

    String csm = accounts.findById(account).orElseThrow().csmId();
    Task diagnose = task(play, "diagnoseRisk");
    assertThat(diagnose.getAssignee()).isEqualTo(csm);
    ResponseEntity<Map> incomplete = submitTask(csm, diagnose, Map.of("reasonProductBugs", true));
    assertThat(incomplete.getBody().get("message")).asString().contains("bugList: list the customer's bugs");
    assertThat(submitTask(csm, diagnose, Map.of("reasonProductBugs", true, "reasonLowAdoption", true,
        "bugList", "TCK-12 export times out")).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

    List<Map<String, Object>> engineering = as("ed").getForObject(
        "/engine-rest/task?candidateGroup=engineering&processInstanceId=" + play.getId(), List.class);
    assertThat(engineering).extracting(t -> t.get("name")).containsExactly("Fix customer's bugs");
    Map<?, ?> bugForm = as("ed").getForObject("/engine-rest/task/" + engineering.get(0).get("id") + "/form-variables", Map.class);
    assertThat(((Map<?, ?>) bugForm.get("diagnosedBugs")).get("value")).isEqualTo("TCK-12 export times out");
    assertThat(submitTask("ed", task(play, "fixCustomerBugs"), Map.of("bugFixNotes", "fixed in 4.2")).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    submitTask(csm, task(play, "runEnablementPlan"), Map.of("enablementNotes", "re-trained 40 agents"));
    Task agree = task(play, "agreeActionPlan");
    // An empty list of the task's own, which Tasklist shows as one blank row and submits as JSON.
    assertThat(rows(tasklistForm(csm, agree.getId()), "correctiveActions")).isNull();
    assertThat(submitTask(csm, agree, Map.of("correctiveActions", List.of(
        Map.of("action", "Weekly office hours", "ownerTeam", "cs", "dueDate", "2027-01-15"),
        Map.of("action", "", "ownerTeam", "marketing", "dueDate", "soon"))))
        .getBody().get("message")).asString().contains("correctiveActions[1].action: is required",
            "correctiveActions[1].ownerTeam: must be one of cs-managers, cs, sales, engineering, product",
            "correctiveActions[1].dueDate: must be a date (YYYY-MM-DD)");
    assertThat(submitTask(csm, agree, Map.of("correctiveActions", List.of())).getBody().get("message")).asString()
        .contains("correctiveActions: agree at least one action with the customer");
    assertThat(submitTask(csm, agree, Map.of("correctiveActions", List.of(
        Map.of("action", "Weekly office hours", "ownerTeam", "cs", "dueDate", "2027-01-15"))))
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(runtime.getVariable(play.getId(), "correctiveActions")).isNull();
    Map<?, ?> plan = as(csm).getForObject("/api/accounts/" + account + "/success-plan", Map.class);
    assertThat((List<Map<String, Object>>) plan.get("milestones")).extracting(m -> m.get("name"))
        .contains("Weekly office hours");

    // Health recovers; the next check finds it out of the red.
    as("carl").postForObject("/api/signals", List.of(
        signal(account, "usage", Map.of("activeUsers", 85, "licensedSeats", 100)),
        signal(account, "nps", Map.of("npsScore", 8)),
        signal(account, "sentiment", Map.of("sentiment", "positive"))), Map.class);
    Job check = management.createJobQuery().processInstanceId(play.getId()).activityId("waitForHealthCheck").singleResult();
    management.setJobDuedate(check.getId(), new Date());
    runJobs(play.getId());

    assertThat(runtime.createProcessInstanceQuery().processInstanceId(play.getId()).count()).isZero();
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(play.getId()).activityId("endSaved")
        .count()).isOne();
    assertThat(interventions.find(interventionId).orElseThrow().outcome()).isEqualTo("saved");
    assertThat(accounts.findById(account).orElseThrow().lifecycleStage()).isEqualTo(LifecycleStage.HANDOFF);
    List<Map<String, Object>> outcomes = as("mia").getForObject("/api/interventions/outcomes", List.class);
    assertThat(outcomes).filteredOn(o -> o.get("reason").equals("product-bugs")).singleElement()
        .satisfies(o -> assertThat((Integer) o.get("saved")).isPositive());
  }

  /**
   * Two alarms for one account at the same moment, as two job executors (on one node or two) run
   * them: the first opens the save play and has not committed yet when the second, finding none
   * open, tries to open one too. The second waits for the first, then joins its play.
   */
  @Test
  void twoAlarmsAtOnceOpenOneSavePlay() throws Exception {
    Long account = newAccount();
    String key = String.valueOf(account);
    ProcessInstance first = alarm(account, "usage fell off a cliff");
    ProcessInstance second = alarm(account, "champion left");
    Job openFirst = openInterventionJob(first);
    Job openSecond = openInterventionJob(second);

    CountDownLatch firstOpened = new CountDownLatch(1);
    CountDownLatch commitFirst = new CountDownLatch(1);
    ExecutorService executors = Executors.newFixedThreadPool(2);
    try {
      // The first job's transaction stays open after its step, until the test lets it commit.
      Future<?> firstRun = executors.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(tx -> {
        management.executeJob(openFirst.getId());
        firstOpened.countDown();
        await(commitFirst);
      }));
      assertThat(firstOpened.await(30, TimeUnit.SECONDS)).as("first alarm opened its play").isTrue();
      Future<?> secondRun = executors.submit(() -> management.executeJob(openSecond.getId()));
      // The second finds no play open (the first has not committed) and waits on the first's row.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (jdbc.sql("select count(*) from pg_stat_activity where datname = current_database()"
          + " and wait_event_type = 'Lock'").query(Long.class).single() == 0) {
        assertThat(secondRun.isDone()).as("second alarm finished without waiting for the first").isFalse();
        assertThat(System.nanoTime()).as("second alarm waiting for the first").isLessThan(deadline);
        Thread.sleep(20);
      }
      commitFirst.countDown();
      firstRun.get(30, TimeUnit.SECONDS);
      secondRun.get(30, TimeUnit.SECONDS);
    } finally {
      commitFirst.countDown();
      executors.shutdownNow();
    }

    // The open play records the second alarm after its own async boundary.
    runPlaybooksOf(account);
    assertThat(jdbc.sql("select count(*) from intervention where account_id = :a").param("a", account)
        .query(Long.class).single()).as("interventions of the account").isOne();
    InterventionRepository.Open open = interventions.findOpen(account).orElseThrow();
    assertThat(open.processInstanceId()).isEqualTo(first.getId());
    assertThat(interventions.find(open.interventionId()).orElseThrow().triggers()).isEqualTo(2);
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("churn-intervention")
        .processInstanceBusinessKey(key).list()).extracting(ProcessInstance::getId).containsExactly(first.getId());
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(second.getId())
        .activityId("endJoinedOpen").count()).isOne();
    assertThat(management.createJobQuery().withException().processInstanceId(second.getId()).count()).isZero();
    assertThat(accounts.findById(account).orElseThrow().lifecycleStage()).isEqualTo(LifecycleStage.AT_RISK);
    assertThat(task(first, "diagnoseRisk")).isNotNull();
  }

  /** An alarm as a CSM's flag sends it: the play waits at "Open intervention" once its async start has run. */
  private ProcessInstance alarm(long account, String reason) {
    ProcessInstance play = runtime.createMessageCorrelation("AccountAtRisk").processInstanceBusinessKey(String.valueOf(account))
        .setVariables(Map.of("accountId", account, "riskReason", reason))
        .correlateStartMessage();
    management.executeJob(management.createJobQuery().processInstanceId(play.getId()).activityId("startAccountAtRisk")
        .singleResult().getId());
    return play;
  }

  private Job openInterventionJob(ProcessInstance play) {
    return management.createJobQuery().processInstanceId(play.getId()).activityId("openIntervention").singleResult();
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never let the first alarm commit");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Task task(ProcessInstance play, String key) {
    return tasks.createTaskQuery().processInstanceId(play.getId()).taskDefinitionKey(key).singleResult();
  }


  private Long newAccount() {
    Map<?, ?> created = handOff(HandoffApiTestData.deal(HandoffApiTestData.newContractId()));
    return ((Number) created.get("accountId")).longValue();
  }

  private static Map<String, Object> signal(long account, String type, Map<String, Object> fields) {
    Map<String, Object> signal = new HashMap<>(fields);
    signal.put("signalId", "SIG-" + UUID.randomUUID());
    signal.put("accountId", account);
    signal.put("type", type);
    signal.put("occurredAt", OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString());
    return signal;
  }
}
