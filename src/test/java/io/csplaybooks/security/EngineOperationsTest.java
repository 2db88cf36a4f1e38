package io.csplaybooks.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.csplaybooks.handoff.HandoffApiTestData;
import io.csplaybooks.support.IntegrationTest;
import io.csplaybooks.support.WorkspaceClient;
import java.net.http.HttpResponse;
import java.text.SimpleDateFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.BatchPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * What each role may do to the engine's jobs (issue 24, cases 5 and 6), through {@code /engine-rest},
 * through the webapps' own engine API ({@code /camunda/api/engine/...}, as Cockpit calls it) and on
 * the engine's services directly: the rule lives in the engine, so every path gives the same answer.
 * Executing a job early, due dates, priorities, suspending or deleting jobs, retries in a batch and
 * anything on a job of no playbook (history cleanup, batches) are for administrators; a CS manager
 * retries a failed job of a playbook and suspends, activates and migrates playbook instances.
 */
class EngineOperationsTest extends IntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> NOT_ADMINISTRATORS = List.of("nora", "ed", "ada", "carl", "mia");

  @LocalServerPort int port;
  @Autowired RepositoryService repository;
  @Autowired AuthorizationService authorizations;

  // --- issue 24, case 5 --------------------------------------------------------------------------------

  @Test
  void aCsManagerDoesNotMoveAHandoffOnByItsTimer() {
    Map<?, ?> created = handOff(HandoffApiTestData.deal(HandoffApiTestData.newContractId()));
    String instance = (String) created.get("processInstanceId");
    kickoffWaiting(created);
    Job timer = management.createJobQuery().processInstanceId(instance).activityId("kickoffOverdue").singleResult();
    assertThat(timer).as("the kickoff-overdue timer").isNotNull();
    JobState before = state(timer.getId());
    List<Call> moveOn = List.of(
        new Call("POST", "/job/" + timer.getId() + "/execute", null),
        new Call("PUT", "/job/" + timer.getId() + "/duedate", Map.of("duedate", restDate(new Date()))),
        // A "retry" of a timer that has not failed, with a due date, would fire it as early.
        new Call("PUT", "/job/" + timer.getId() + "/retries", Map.of("retries", 3, "dueDate", restDate(new Date()))));

    for (Call call : moveOn) {
      ResponseEntity<String> refused = rest("mia", call);
      assertThat(refused.getStatusCode()).as(call.toString()).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(refused.getBody()).as(call.toString()).contains("mia", "administrator");
    }
    Webapp cockpit = webapp("mia");
    for (Call call : moveOn) {
      HttpResponse<String> refused = cockpit.send(call);
      assertThat(refused.statusCode()).as("Cockpit: " + call).isEqualTo(403);
      assertThat(refused.body()).as("Cockpit: " + call).contains("administrator");
    }

    // Nothing moved: the timer is as it was (a refused execution is no failure of the job either),
    // and the follow-up waits for its day.
    assertThat(state(timer.getId())).isEqualTo(before);
    assertThat(followUps(instance)).isZero();

    // An administrator may, for a repair.
    assertThat(rest("root", new Call("PUT", "/job/" + timer.getId() + "/duedate",
        Map.of("duedate", restDate(new Date(System.currentTimeMillis() + Duration.ofDays(1).toMillis())))))
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(rest("root", new Call("POST", "/job/" + timer.getId() + "/execute", null)).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(followUps(instance)).isOne();
  }

  // --- issue 24, case 6 --------------------------------------------------------------------------------

  @Test
  void nobodyButAnAdministratorStopsTheHistoryCleanup() {
    Job cleanup = history.findHistoryCleanupJobs().get(0);
    String id = cleanup.getId();
    JobState before = state(id);
    List<Call> stop = List.of(
        new Call("PUT", "/job/" + id + "/suspended", Map.of("suspended", true)),
        new Call("PUT", "/job/" + id + "/duedate", Map.of("duedate", restDate(inTenYears(cleanup.getDuedate())))),
        new Call("PUT", "/job/" + id + "/retries", Map.of("retries", 0)),
        new Call("POST", "/job/" + id + "/execute", null),
        new Call("DELETE", "/job/" + id, null));

    for (String person : List.of("nora", "ed", "mia")) {
      for (Call call : stop) {
        ResponseEntity<String> refused = rest(person, call);
        assertThat(refused.getStatusCode()).as(person + ": " + call).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(refused.getBody()).as(person + ": " + call).contains("administrator");
      }
      Webapp webapp = webapp(person);
      for (Call call : stop) {
        HttpResponse<String> refused = webapp.send(call);
        assertThat(refused.statusCode()).as(person + " in the webapps: " + call).isEqualTo(403);
        assertThat(refused.body()).as(person + " in the webapps: " + call).contains("administrator");
      }
    }
    assertThat(state(id)).isEqualTo(before);

    // An administrator may do all of it; the test puts the job back as it was.
    try {
      assertThat(rest("root", stop.get(0)).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
      assertThat(management.createJobQuery().jobId(id).singleResult().isSuspended()).isTrue();
      assertThat(rest("root", new Call("PUT", "/job/" + id + "/suspended", Map.of("suspended", false))).getStatusCode())
          .isEqualTo(HttpStatus.NO_CONTENT);
      assertThat(rest("root", stop.get(1)).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
      assertThat(rest("root", new Call("PUT", "/job/" + id + "/duedate", Map.of("duedate", restDate(before.duedate()))))
          .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
      assertThat(webapp("root").send(new Call("PUT", "/job/" + id + "/retries", Map.of("retries", before.retries())))
          .statusCode()).isEqualTo(204);
      assertThat(state(id)).isEqualTo(before);
      assertThat(rest("root", stop.get(4)).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
      assertThat(management.createJobQuery().jobId(id).count()).isZero();
    } finally {
      if (history.findHistoryCleanupJobs().isEmpty()) {
        // As the engine schedules it at start: in the next night's window.
        history.cleanUpHistoryAsync();
      }
    }
    assertThat(history.findHistoryCleanupJobs()).isNotEmpty();
  }

  // --- what a CS manager keeps ---------------------------------------------------------------------------

  @Test
  void aCsManagerRetriesAFailedJobOfAPlaybookAsCockpitDoes() {
    Map<?, ?> created = as("ada").postForObject("/api/handoffs",
        HandoffApiTestData.deal(HandoffApiTestData.newContractId()), Map.class);
    String instance = (String) created.get("processInstanceId");
    Job start = management.createJobQuery().processInstanceId(instance).activityId("startContractClosed").singleResult();
    // As the job executor leaves a job that failed its last retry: an incident in Cockpit.
    management.setJobRetries(start.getId(), 0);
    assertThat(runtime.createIncidentQuery().processInstanceId(instance).count()).isOne();

    assertThat(rest("mia", new Call("PUT", "/job/" + start.getId() + "/retries", Map.of("retries", 1))).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(runtime.createIncidentQuery().processInstanceId(instance).count()).isZero();
    assertThat(management.createJobQuery().jobId(start.getId()).singleResult().getRetries()).isOne();

    // Cockpit's retry with a due date ("retry at"), once the job has failed again.
    management.setJobRetries(start.getId(), 0);
    Date at = new Date(System.currentTimeMillis() + Duration.ofHours(1).toMillis());
    HttpResponse<String> retried = webapp("mia").send(new Call("PUT", "/job/" + start.getId() + "/retries",
        Map.of("retries", 1, "dueDate", restDate(at))));
    assertThat(retried.statusCode()).as(retried.body()).isEqualTo(204);
    assertThat(runtime.createIncidentQuery().processInstanceId(instance).count()).isZero();

    // A job that has not failed is not "retried": new retries or a due date would stop it or run it early.
    JobState running = state(start.getId());
    for (Map<String, Object> retries : List.<Map<String, Object>>of(Map.of("retries", 0), Map.of("retries", 5),
        Map.of("retries", 1, "dueDate", restDate(new Date())))) {
      ResponseEntity<String> refused = rest("mia", new Call("PUT", "/job/" + start.getId() + "/retries", retries));
      assertThat(refused.getStatusCode()).as(retries.toString()).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(refused.getBody()).contains("has not failed");
    }
    assertThat(state(start.getId())).isEqualTo(running);
    // Other teams retry nothing.
    management.setJobRetries(start.getId(), 0);
    for (String person : List.of("nora", "ed", "ada", "carl")) {
      assertThat(rest(person, new Call("PUT", "/job/" + start.getId() + "/retries", Map.of("retries", 1)))
          .getStatusCode()).as(person).isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(runtime.createIncidentQuery().processInstanceId(instance).count()).isOne();
    management.setJobRetries(start.getId(), 1);
  }

  @Test
  void aCsManagerSuspendsActivatesAndMigratesPlaybookInstances() {
    String key = deployTestPlaybook();
    String instance = runtime.startProcessInstanceByKey(key).getId();
    // The task's notification (a job of no step, which a migration would not move) is sent.
    runJobs(instance);
    Job timer = deadline(instance);

    for (Webapp cockpit : List.of(new Webapp(null), webapp("mia"))) {
      assertThat(cockpit.send("mia", new Call("PUT", "/process-instance/" + instance + "/suspended",
          Map.of("suspended", true)))).isEqualTo(204);
      assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).singleResult().isSuspended()).isTrue();
      assertThat(management.createJobQuery().jobId(timer.getId()).singleResult().isSuspended()).isTrue();
      assertThat(cockpit.send("mia", new Call("PUT", "/process-instance/" + instance + "/suspended",
          Map.of("suspended", false)))).isEqualTo(204);
      assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).singleResult().isSuspended()).isFalse();
      assertThat(state(timer.getId())).isEqualTo(JobState.of(timer));
    }

    // A new version, and the account moved to it as Cockpit's migration does.
    String source = repository.createProcessDefinitionQuery().processDefinitionKey(key).singleResult().getId();
    deploy(key, "Wait a little longer");
    String target = repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult()
        .getId();
    Map<?, ?> plan = as("mia").postForObject("/engine-rest/migration/generate",
        json(Map.of("sourceProcessDefinitionId", source, "targetProcessDefinitionId", target)), Map.class);
    ResponseEntity<String> migrated = as("mia").postForEntity("/engine-rest/migration/execute",
        json(Map.of("migrationPlan", plan, "processInstanceIds", List.of(instance))), String.class);
    assertThat(migrated.getStatusCode()).as(migrated.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).singleResult().getProcessDefinitionId())
        .isEqualTo(target);
    assertThat(deadline(instance).getDuedate())
        .isEqualTo(timer.getDuedate());
  }

  // --- attacking the rule: every job and job-definition endpoint, as each role ------------------------------

  @Test
  void everyJobEndpointAsEachRole() {
    String key = deployTestPlaybook();
    String instance = runtime.startProcessInstanceByKey(key).getId();
    Job timer = deadline(instance);
    String definition = timer.getJobDefinitionId();
    Job cleanup = history.findHistoryCleanupJobs().get(0);
    // A batch's jobs and job definitions belong to no playbook, as the history cleanup's.
    Batch batch = management.setJobRetriesAsync(List.of(timer.getId()), timer.getRetries());
    try {
      Job seed = management.createJobQuery().jobDefinitionId(batch.getSeedJobDefinitionId()).singleResult();
      List<String> jobs = List.of(timer.getId(), cleanup.getId(), seed.getId());
      List<String> definitions = List.of(definition, batch.getSeedJobDefinitionId(), batch.getBatchJobDefinitionId());
      Map<String, JobState> jobsBefore = new LinkedHashMap<>();
      jobs.forEach(job -> jobsBefore.put(job, state(job)));
      Map<String, DefinitionState> definitionsBefore = new LinkedHashMap<>();
      definitions.forEach(d -> definitionsBefore.put(d, definitionState(d)));
      long batches = management.createBatchQuery().count();

      List<Call> calls = new ArrayList<>();
      String now = restDate(new Date());
      for (String job : jobs) {
        calls.add(new Call("POST", "/job/" + job + "/execute", null));
        calls.add(new Call("PUT", "/job/" + job + "/duedate", Map.of("duedate", now)));
        calls.add(new Call("PUT", "/job/" + job + "/duedate", Map.of("duedate", now, "cascade", true)));
        calls.add(new Call("POST", "/job/" + job + "/duedate/recalculate", null));
        calls.add(new Call("POST", "/job/" + job + "/duedate/recalculate?creationDateBased=false", null));
        calls.add(new Call("PUT", "/job/" + job + "/priority", Map.of("priority", 1000)));
        calls.add(new Call("PUT", "/job/" + job + "/suspended", Map.of("suspended", true)));
        calls.add(new Call("PUT", "/job/" + job + "/retries", Map.of("retries", 0)));
        calls.add(new Call("PUT", "/job/" + job + "/retries", Map.of("retries", 9, "dueDate", now)));
        calls.add(new Call("DELETE", "/job/" + job, null));
      }
      calls.add(new Call("GET", "/job/" + cleanup.getId() + "/stacktrace", null));
      calls.add(new Call("GET", "/job/" + seed.getId() + "/stacktrace", null));
      calls.add(new Call("PUT", "/job/suspended", Map.of("jobDefinitionId", definition, "suspended", true)));
      calls.add(new Call("PUT", "/job/suspended", Map.of("processInstanceId", instance, "suspended", true)));
      calls.add(new Call("PUT", "/job/suspended", Map.of("processDefinitionKey", key, "suspended", true)));
      calls.add(new Call("PUT", "/job/suspended", Map.of("processDefinitionId", timer.getProcessDefinitionId(),
          "suspended", true)));
      calls.add(new Call("POST", "/job/retries", Map.of("jobIds", jobs, "retries", 0)));
      calls.add(new Call("POST", "/job/retries", Map.of("jobQuery", Map.of("processInstanceId", instance), "retries", 0,
          "dueDate", now)));
      calls.add(new Call("POST", "/process-instance/job-retries", Map.of("processInstances", List.of(instance),
          "retries", 0)));
      calls.add(new Call("POST", "/process-instance/job-retries-historic-query-based", Map.of(
          "historicProcessInstanceQuery", Map.of("processInstanceIds", List.of(instance)), "retries", 0)));
      for (String d : definitions) {
        calls.add(new Call("PUT", "/job-definition/" + d + "/suspended", Map.of("suspended", true, "includeJobs", true)));
        calls.add(new Call("PUT", "/job-definition/" + d + "/jobPriority", Map.of("priority", 1000, "includeJobs", true)));
        calls.add(new Call("PUT", "/job-definition/" + d + "/jobPriority", Map.of()));
      }
      calls.add(new Call("PUT", "/job-definition/" + batch.getSeedJobDefinitionId() + "/retries", Map.of("retries", 1)));
      calls.add(new Call("PUT", "/job-definition/" + batch.getBatchJobDefinitionId() + "/retries",
          Map.of("retries", 1, "dueDate", now)));
      calls.add(new Call("PUT", "/job-definition/suspended", Map.of("processDefinitionKey", key, "suspended", true,
          "includeJobs", true)));
      calls.add(new Call("PUT", "/job-definition/suspended", Map.of("processDefinitionId",
          timer.getProcessDefinitionId(), "suspended", true, "includeJobs", true)));
      calls.add(new Call("POST", "/history/cleanup?immediatelyDue=true", null));
      // The batch itself, and suspending a whole playbook (its jobs with it).
      calls.add(new Call("PUT", "/batch/" + batch.getId() + "/suspended", Map.of("suspended", true)));
      calls.add(new Call("DELETE", "/batch/" + batch.getId(), null));
      calls.add(new Call("PUT", "/process-definition/" + timer.getProcessDefinitionId() + "/suspended",
          Map.of("suspended", true, "includeProcessInstances", true)));

      List<String> through = new ArrayList<>();
      for (String person : NOT_ADMINISTRATORS) {
        for (Call call : calls) {
          int status = rest(person, call).getStatusCode().value();
          if (status != 403) {
            through.add(person + ": " + call + " -> " + status);
          }
        }
      }
      Webapp cockpit = webapp("mia");
      for (Call call : calls) {
        int status = cockpit.send(call).statusCode();
        if (status != 403) {
          through.add("mia in Cockpit: " + call + " -> " + status);
        }
      }
      assertThat(through).as("what got through").isEmpty();

      for (String person : List.of("nora", "ed", "ada", "carl")) {
        assertThat(rest(person, new Call("PUT", "/job-definition/" + definition + "/retries", Map.of("retries", 1)))
            .getStatusCode()).as(person).isEqualTo(HttpStatus.FORBIDDEN);
      }
      // The retries of a playbook's job definition touch only its failed jobs: a CS manager's to retry.
      assertThat(rest("mia", new Call("PUT", "/job-definition/" + definition + "/retries",
          Map.of("retries", 1, "dueDate", now))).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

      jobs.forEach(job -> assertThat(state(job)).as(job).isEqualTo(jobsBefore.get(job)));
      definitions.forEach(d -> assertThat(definitionState(d)).as(d).isEqualTo(definitionsBefore.get(d)));
      assertThat(management.createBatchQuery().count()).isEqualTo(batches);
      assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).singleResult().isSuspended()).isFalse();
      assertThat(tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("followUp").count()).isZero();
    } finally {
      management.deleteBatch(batch.getId(), true);
    }
  }

  @Test
  void anEarlierVersionsGrantOfRetryBatchesIsTakenAway() {
    identitySetup.grant(Groups.CS_MANAGERS, Resources.BATCH, "*", BatchPermissions.CREATE_BATCH_SET_JOB_RETRIES);

    identitySetup.run(null);

    Authorization managers = authorizations.createAuthorizationQuery().groupIdIn(Groups.CS_MANAGERS)
        .resourceType(Resources.BATCH).resourceId("*").singleResult();
    assertThat(managers.isPermissionGranted(BatchPermissions.CREATE_BATCH_SET_JOB_RETRIES)).isFalse();
    assertThat(managers.isPermissionGranted(BatchPermissions.CREATE_BATCH_MIGRATE_PROCESS_INSTANCES)).isTrue();
  }

  /** The engine refuses, whichever way a person's command comes in: here on its own services. */
  @Test
  void theEngineItselfRefusesAPersonsJobCommands() {
    String key = deployTestPlaybook();
    String instance = runtime.startProcessInstanceByKey(key).getId();
    Job timer = deadline(instance);
    Job cleanup = history.findHistoryCleanupJobs().get(0);
    JobState timerBefore = state(timer.getId());
    JobState cleanupBefore = state(cleanup.getId());

    identity.setAuthentication("mia", List.of(Groups.CS_MANAGERS));
    try {
      List<Runnable> commands = List.of(
          () -> management.executeJob(timer.getId()),
          () -> management.setJobDuedate(timer.getId(), new Date()),
          () -> management.recalculateJobDuedate(timer.getId(), false),
          () -> management.setJobPriority(timer.getId(), 1000),
          () -> management.deleteJob(timer.getId()),
          () -> management.updateJobSuspensionState().byJobId(timer.getId()).suspend(),
          () -> management.updateJobSuspensionState().byProcessInstanceId(instance).suspend(),
          () -> management.updateJobDefinitionSuspensionState().byJobDefinitionId(timer.getJobDefinitionId())
              .includeJobs(true).suspend(),
          () -> management.setOverridingJobPriorityForJobDefinition(timer.getJobDefinitionId(), 1000, true),
          () -> management.setJobRetries(1).jobId(timer.getId()).dueDate(new Date()).execute(),
          () -> management.setJobRetriesAsync(List.of(timer.getId()), 0),
          () -> management.setJobRetries(cleanup.getId(), 0),
          () -> management.executeJob(cleanup.getId()),
          () -> management.updateJobSuspensionState().byJobId(cleanup.getId()).suspend(),
          () -> management.deleteJob(cleanup.getId()));
      for (Runnable command : commands) {
        assertThatThrownBy(command::run).isInstanceOf(AuthorizationException.class).hasMessageContaining("administrator");
      }
    } finally {
      identity.clearAuthentication();
    }
    assertThat(state(timer.getId())).isEqualTo(timerBefore);
    assertThat(state(cleanup.getId())).isEqualTo(cleanupBefore);
    assertThat(runtime.createIncidentQuery().processInstanceId(instance).count()).isZero();
  }

  // --- helpers -------------------------------------------------------------------------------------------

  /** One call of the engine's REST API: method, path below the API's root, JSON body or none. */
  record Call(String method, String path, Map<String, Object> body) {
    @Override
    public String toString() {
      return method + " " + path + (body == null ? "" : " " + body);
    }

    String bodyText() {
      try {
        return body == null ? null : JSON.writeValueAsString(body);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(e);
      }
    }
  }

  /** What a person could change about a job. */
  record JobState(String id, Date duedate, int retries, boolean suspended, long priority, String exceptionMessage) {
    static JobState of(Job job) {
      return job == null ? null : new JobState(job.getId(), job.getDuedate() == null ? null : new Date(job.getDuedate()
          .getTime()), job.getRetries(), job.isSuspended(), job.getPriority(), job.getExceptionMessage());
    }
  }

  record DefinitionState(String id, boolean suspended, Long overridingPriority) {}

  private JobState state(String jobId) {
    return JobState.of(management.createJobQuery().jobId(jobId).singleResult());
  }

  private DefinitionState definitionState(String jobDefinitionId) {
    JobDefinition definition = management.createJobDefinitionQuery().jobDefinitionId(jobDefinitionId).singleResult();
    return new DefinitionState(definition.getId(), definition.isSuspended(), definition.getOverridingJobPriority());
  }

  private ResponseEntity<String> rest(String person, Call call) {
    return as(person).exchange("/engine-rest" + call.path(), HttpMethod.valueOf(call.method()),
        call.body() == null ? null : json(call.body()), String.class);
  }

  /** The test playbook's deadline (its task also has a notification job). */
  private Job deadline(String instance) {
    return management.createJobQuery().processInstanceId(instance).timers().activityId("late").singleResult();
  }

  private long followUps(String instance) {
    return tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("followUpOverdueKickoff").count();
  }

  /**
   * A person logged in to the Camunda webapps as a browser is: Cockpit for a CS manager and an
   * administrator, the welcome page for everyone else (every person may log in there), with the
   * session cookie and the webapps' XSRF token.
   */
  private Webapp webapp(String person) {
    WorkspaceClient browser = new WorkspaceClient(port);
    String app = person.equals("mia") || person.equals("root") ? "cockpit" : "welcome";
    browser.get("/camunda/app/" + app + "/default/");
    HttpResponse<String> login = browser.post("/camunda/api/admin/auth/user/default/login/" + app,
        Map.of("username", person, "password", PASSWORD), Map.of("X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN")));
    assertThat(login.statusCode()).as(person + " logs in to " + app + ": " + login.body()).isEqualTo(200);
    browser.get("/camunda/app/" + app + "/default/");
    return new Webapp(browser);
  }

  /** The webapps' engine API with a person's session, or (without one) /engine-rest with Basic credentials. */
  private final class Webapp {
    private final WorkspaceClient browser;

    Webapp(WorkspaceClient browser) {
      this.browser = browser;
    }

    HttpResponse<String> send(Call call) {
      return browser.json(call.method(), "/camunda/api/engine/engine/default" + call.path(), call.bodyText(),
          Map.of("X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN")));
    }

    int send(String person, Call call) {
      return browser == null ? rest(person, call).getStatusCode().value() : send(call).statusCode();
    }
  }

  /** A playbook of this test's own: a task with a non-interrupting deadline 14 days out. */
  private String deployTestPlaybook() {
    String key = "engine-ops-" + UUID.randomUUID().toString().substring(0, 8);
    deploy(key, "Wait");
    return key;
  }

  private void deploy(String key, String taskName) {
    repository.createDeployment().name(key).addString(key + ".bpmn", """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
            targetNamespace="test">
          <process id="%s" name="Engine operations" isExecutable="true" camunda:historyTimeToLive="P1D">
            <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="wait" />
            <userTask id="wait" name="%s" camunda:candidateGroups="cs" camunda:dueDate="2030-01-01T00:00:00" />
            <boundaryEvent id="late" name="Late" cancelActivity="false" attachedToRef="wait">
              <timerEventDefinition><timeDuration>P14D</timeDuration></timerEventDefinition>
            </boundaryEvent>
            <sequenceFlow id="f3" sourceRef="late" targetRef="followUp" />
            <userTask id="followUp" name="Follow up" camunda:candidateGroups="cs-managers" camunda:dueDate="2030-01-01T00:00:00" />
            <sequenceFlow id="f4" sourceRef="followUp" targetRef="e2" /><endEvent id="e2" />
            <sequenceFlow id="f2" sourceRef="wait" targetRef="e" /><endEvent id="e" />
          </process>
        </definitions>""".formatted(key, taskName)).deploy();
  }

  private static String restDate(Date date) {
    return new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZ").format(date);
  }

  private static Date inTenYears(Date date) {
    return new Date(date.getTime() + Duration.ofDays(3652).toMillis());
  }
}
