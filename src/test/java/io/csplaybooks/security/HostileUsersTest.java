package io.csplaybooks.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.handoff.HandoffApiTestData;
import io.csplaybooks.sandbox.PlaybookSafetyTest;
import io.csplaybooks.sandbox.PlaybookValidatorTest;
import io.csplaybooks.support.IntegrationTest;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.ProcessInstance;
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
 * The issue's attacks, and more, against the running application on PostgreSQL, through the same
 * REST calls Tasklist, Cockpit and the Modeler make: a CS manager who deploys code, task holders who
 * forge the playbook's variables, sales who send internal events, deletions of running playbooks,
 * users who give themselves rights, integrations with tokens.
 */
class HostileUsersTest extends IntegrationTest {

  @Autowired RepositoryService repository;
  @Autowired ApiTokens tokens;

  @Test
  void theIssuesPlaybookIsRefusedAndMariaStaysACsManager() {
    String exploit = PlaybookSafetyTest.definitions("<bpmn:startEvent id=\"s\" name=\"Go\"/>"
        + "<bpmn:serviceTask id=\"t\" name=\"Promote\" camunda:asyncBefore=\"true\" camunda:expression="
        + "\"${execution.processEngineServices.identityService.createMembership('mia','camunda-admin')}\"/>"
        + "<bpmn:sequenceFlow id=\"f\" sourceRef=\"s\" targetRef=\"t\"/>", "");

    ResponseEntity<Map> refused = deployAs("mia", "hostile", Map.of("exploit.bpmn", exploit));

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((String) refused.getBody().get("message")).contains("Service task 'Promote' (t) has the expression"
        + " ${execution.processEngineServices.identityService.createMembership('mia','camunda-admin')} in"
        + " camunda:expression: it reads execution.processEngineServices");
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("hostile").count()).isZero();
    assertThat(identity.createUserQuery().userId("mia").memberOfGroup(Groups.CAMUNDA_ADMIN).count()).isZero();

    String hidden = PlaybookSafetyTest.definitions("<bpmn:startEvent id=\"s\" name=\"Go\"/><bpmn:serviceTask id=\"t\""
        + " name=\"Score\" camunda:delegateExpression=\"${jdbcClient.sql('delete from account').update()==0"
        + " ? scoreHandoffBrief : scoreHandoffBrief}\"/><bpmn:sequenceFlow id=\"f\" sourceRef=\"s\" targetRef=\"t\"/>", "");
    ResponseEntity<Map> alsoRefused = deployAs("mia", "hostile", Map.of("hidden.bpmn", hidden));
    assertThat(alsoRefused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((String) alsoRefused.getBody().get("message")).contains("Service task 'Score' (t) calls");
  }

  @Test
  void aTaskHolderCannotForgeThePlaybooksVariables() {
    Task kickoff = kickoffTask();
    String csm = kickoff.getAssignee();
    String instance = kickoff.getProcessInstanceId();
    Object handoffId = runtime.getVariable(instance, "handoffId");

    // The CSM's own task: set the handoff, or complete with an extra variable; both refused, nothing changes.
    assertThat(as(csm).exchange("/engine-rest/task/" + kickoff.getId() + "/variables/handoffId", HttpMethod.PUT,
        json(Map.of("value", 1, "type", "Long")), String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<String> extra = as(csm).postForEntity("/engine-rest/task/" + kickoff.getId() + "/submit-form",
        formVariables(Map.of("kickoffHeldOn", LocalDate.now().toString(), "accountId", 1L)), String.class);
    assertThat(extra.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(extra.getBody()).contains("may not set accountId");
    assertThat(tasks.createTaskQuery().taskId(kickoff.getId()).count()).isOne();

    // A CS manager may update tasks and instances in Cockpit, but not the playbook's own facts.
    assertThat(as("mia").exchange("/engine-rest/task/" + kickoff.getId() + "/localVariables/renewalId", HttpMethod.PUT,
        json(Map.of("value", 7, "type", "Long")), String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<String> onInstance = as("mia").postForEntity("/engine-rest/process-instance/" + instance + "/variables",
        json(Map.of("modifications", Map.of("briefComplete", Map.of("value", false, "type", "Boolean")))), String.class);
    assertThat(onInstance.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(as("mia").exchange("/engine-rest/process-instance/" + instance + "/variables/handoffId",
        HttpMethod.DELETE, null, String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(runtime.getVariable(instance, "handoffId")).isEqualTo(handoffId);
    assertThat(runtime.getVariable(instance, "briefComplete")).isEqualTo(true);

    // The form's own fields go through.
    assertThat(as(csm).postForEntity("/engine-rest/task/" + kickoff.getId() + "/submit-form",
        formVariables(Map.of("kickoffHeldOn", LocalDate.now().toString(), "kickoffNotes", "ok")), String.class)
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
  }

  @Test
  void aTaskWithoutAFormIsCompletedAndLetsThePersonSetNothing() {
    repository.createDeployment().name("formless").addString("formless.bpmn", """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
            targetNamespace="test">
          <process id="formless" isExecutable="true" camunda:historyTimeToLive="P1D">
            <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="look" />
            <userTask id="look" name="Look at it" camunda:candidateGroups="cs" camunda:dueDate="2030-01-01T00:00:00" />
            <sequenceFlow id="f2" sourceRef="look" targetRef="e" /><endEvent id="e" />
          </process>
        </definitions>""").deploy();
    String first = runtime.startProcessInstanceByKey("formless").getId();
    String second = runtime.startProcessInstanceByKey("formless").getId();
    Task look = tasks.createTaskQuery().processInstanceId(first).singleResult();
    Task forged = tasks.createTaskQuery().processInstanceId(second).singleResult();

    // With a variable: refused, and the task is still there.
    ResponseEntity<String> extra = as("carl").postForEntity("/engine-rest/task/" + forged.getId() + "/complete",
        json(Map.of("variables", Map.of("accountId", Map.of("value", 1, "type", "Long")))), String.class);
    assertThat(extra.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(tasks.createTaskQuery().taskId(forged.getId()).count()).isOne();
    // Without: done (it used to answer 500, the form look-up failing inside the person's command).
    assertThat(as("carl").postForEntity("/engine-rest/task/" + look.getId() + "/complete", json(Map.of()), String.class)
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(first).count()).isZero();
  }

  @Test
  void nobodyButAnAdministratorSendsTheApplicationsEvents() {
    Task kickoff = kickoffTask();
    String contractId = HandoffApiTestData.newContractId();
    Map<String, Object> forgedStart = Map.of("messageName", "ContractClosed", "businessKey", contractId,
        "processVariables", Map.of("handoffId", Map.of("value", 1, "type", "Long"),
            "accountId", Map.of("value", 1, "type", "Long")));

    ResponseEntity<String> sales = as("ada").postForEntity("/engine-rest/message", json(forgedStart), String.class);
    assertThat(sales.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(sales.getBody()).contains("may not correlate message");
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(contractId).count()).isZero();

    Map<String, Object> kickoffHeld = Map.of("messageName", "KickoffHeld", "businessKey",
        runtime.createProcessInstanceQuery().processInstanceId(kickoff.getProcessInstanceId()).singleResult().getBusinessKey());
    assertThat(as("mia").postForEntity("/engine-rest/message", json(kickoffHeld), String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(as("mia").postForEntity("/engine-rest/signal", json(Map.of("name", "AnySignal")), String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    // Moving a customer's playbook to another step, or starting one in the middle, is the application's.
    Map<String, Object> skipKickoff = Map.of("instructions", List.of(Map.of("type", "cancel", "activityId", "holdKickoff")));
    assertThat(as("mia").postForEntity("/engine-rest/process-instance/" + kickoff.getProcessInstanceId() + "/modification",
        json(skipKickoff), String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(tasks.createTaskQuery().taskId(kickoff.getId()).count()).isOne();
  }

  @Test
  void aDeploymentWithRunningPlaybooksIsDeletedByAnAdministratorOnly() {
    Deployment mine = repository.createDeployment().name("review-to-delete")
        .addString("account-review.bpmn", PlaybookValidatorTest.fixture("account-review.bpmn").replace("process id=\"account-review\"", "process id=\"review-to-delete\""))
        .addString("account-review.form", PlaybookValidatorTest.fixture("account-review.form")).deploy();
    ProcessInstance running = runtime.startProcessInstanceByKey("review-to-delete", "42");

    ResponseEntity<String> refused = as("mia").exchange("/engine-rest/deployment/" + mine.getId() + "?cascade=true",
        HttpMethod.DELETE, null, String.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(refused.getBody()).contains("still has 1 running playbook");
    assertThat(as("mia").exchange("/engine-rest/process-definition/key/review-to-delete?cascade=true",
        HttpMethod.DELETE, null, String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    String applications = repository.createProcessDefinitionQuery().processDefinitionKey("sales-handoff")
        .latestVersion().singleResult().getDeploymentId();
    assertThat(as("mia").exchange("/engine-rest/deployment/" + applications + "?cascade=true", HttpMethod.DELETE,
        null, String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(running.getId()).count()).isOne();

    // Without running playbooks the CS manager may clean up a deployment of their own.
    runtime.deleteProcessInstance(running.getId(), "test done");
    assertThat(as("mia").exchange("/engine-rest/deployment/" + mine.getId() + "?cascade=true", HttpMethod.DELETE,
        null, String.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
  }

  @Test
  void onlyAdministratorsManageUsersGroupsAndPermissions() {
    assertThat(as("mia").exchange("/engine-rest/group/camunda-admin/members/mia", HttpMethod.PUT, null, String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(as("mia").postForEntity("/engine-rest/user/create", json(Map.of("profile", Map.of("id", "mallory"),
        "credentials", Map.of("password", "mallory-secret"))), String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(as("mia").postForEntity("/engine-rest/authorization/create", json(Map.of("type", 1, "permissions",
        List.of("ALL"), "groupId", "cs-managers", "resourceType", 0, "resourceId", "*")), String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    // Camunda Admin's first-visitor setup is closed: the first administrator comes from the environment.
    assertThat(http.postForEntity("/camunda/api/admin/setup/default/user/create", json(Map.of("profile",
        Map.of("id", "mallory"), "credentials", Map.of("password", "mallory-secret"))), String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(identity.createUserQuery().userId("mallory").count()).isZero();
    assertThat(identity.createUserQuery().userId("mia").memberOfGroup(Groups.CAMUNDA_ADMIN).count()).isZero();
  }

  @Test
  void theFirstAdministratorComesFromTheEnvironment() {
    // application-test.yaml gives csp.admin.user as CSP_ADMIN_USER would.
    assertThat(identity.createUserQuery().userId("boss").memberOfGroup(Groups.CAMUNDA_ADMIN).count()).isOne();
    assertThat(http.withBasicAuth("boss", "boss-password-2026").getForEntity("/api/tokens", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(http.withBasicAuth("boss", "boss-password-2026").getForEntity("/engine-rest/user/count", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void wrongPasswordsFromAStrangerLockNobodyOut() {
    for (int i = 0; i < 15; i++) {
      assertThat(http.withBasicAuth("ivy", "guess-" + i).getForEntity("/api/handoffs/x", String.class).getStatusCode())
          .isEqualTo(HttpStatus.UNAUTHORIZED);
      assertThat(http.withBasicAuth("ivy", "guess-" + i).getForEntity("/engine-rest/task", String.class).getStatusCode())
          .isEqualTo(HttpStatus.UNAUTHORIZED);
    }
    assertThat(as("ivy").getForEntity("/api/handoffs/x", String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    ResponseEntity<String> engine = http.withBasicAuth("ivy", "guess").getForEntity("/engine-rest/task", String.class);
    assertThat(engine.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).isNull();
  }

  @Test
  void aBrowserCannotPostSignalsCrossSite() {
    HttpHeaders plain = new HttpHeaders();
    plain.setContentType(MediaType.TEXT_PLAIN);
    String csv = "signalId,accountId,kind,occurredAt,value\nx,1,nps,2026-01-01T00:00:00Z,0\n";
    assertThat(as("carl").postForEntity("/api/signals/csv", new HttpEntity<>(csv, plain), String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    HttpHeaders form = new HttpHeaders();
    form.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    assertThat(as("mia").postForEntity("/api/accounts/1/churn", new HttpEntity<>("reason=x", form), String.class)
        .getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
  }

  @Test
  void anIntegrationTokenOpensHandoffsAndNothingElseUntilRevoked() {
    ResponseEntity<Map> refused = as("mia").postForEntity("/api/tokens",
        json(Map.of("name", "crm-by-mia", "scopes", List.of("handoffs"))), Map.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    String name = "crm-" + Long.toString(System.nanoTime(), 36);
    ResponseEntity<Map> created = as("root").postForEntity("/api/tokens",
        json(Map.of("name", name, "scopes", List.of("handoffs"))), Map.class);
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String secret = (String) created.getBody().get("secret");
    long id = ((Number) ((Map<?, ?>) created.getBody().get("token")).get("id")).longValue();
    assertThat(as("root").postForEntity("/api/tokens", json(Map.of("name", name, "scopes", List.of("admin"))),
        String.class).getBody()).contains("scopes[0]: must be one of activities, handoffs, metrics, signals");

    HttpHeaders bearer = new HttpHeaders();
    bearer.setBearerAuth(secret);
    bearer.setContentType(MediaType.APPLICATION_JSON);
    Map<String, Object> deal = HandoffApiTestData.deal(HandoffApiTestData.newContractId());
    assertThat(http.postForEntity("/api/handoffs", new HttpEntity<>(deal, bearer), Map.class).getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    assertThat(http.exchange("/api/accounts", HttpMethod.GET, new HttpEntity<>(bearer), String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    // The token is no password: it opens neither the engine's API nor Tasklist.
    assertThat(http.exchange("/engine-rest/task", HttpMethod.GET, new HttpEntity<>(bearer), String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    String listed = as("root").getForObject("/api/tokens", String.class);
    assertThat(listed).contains(name).doesNotContain(secret).doesNotContain(ApiTokens.hash(secret));

    assertThat(as("root").exchange("/api/tokens/" + id, HttpMethod.DELETE, null, Map.class).getBody().get("revokedBy"))
        .isEqualTo("root");
    Map<String, Object> later = HandoffApiTestData.deal(HandoffApiTestData.newContractId());
    assertThat(http.postForEntity("/api/handoffs", new HttpEntity<>(later, bearer), Map.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  /** A handoff's "Hold kickoff", assigned to its CSM. */
  private Task kickoffTask() {
    Map<?, ?> created = handOff(HandoffApiTestData.deal(HandoffApiTestData.newContractId()));
    String instance = (String) created.get("processInstanceId");
    runJobs(instance);
    return tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("holdKickoff").singleResult();
  }
}
