package io.csplaybooks.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.csplaybooks.sandbox.PlaybookSafetyTest;
import io.csplaybooks.support.IntegrationTest;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.el.Expression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The playbook sandbox as a CS manager attacks it, against the running application: a playbook that
 * acts on an account it was not started for (issue 24, case 7), and expressions that fill the job
 * executor's memory or scan text with regular expressions for hours (case 8). Each is refused at
 * deployment naming the element, or by the engine when it runs.
 */
class PlaybookSandboxAttacksTest extends IntegrationTest {

  @Autowired RepositoryService repository;
  @Autowired ProcessEngineConfigurationImpl engine;

  /** Case 7 as filed: a timer start, then a save play for account 12 (a churned one). */
  @Test
  void aTimerStartedPlaybookCannotActOnAnAccountOfItsChoosing() {
    String flagEveryMinute = PlaybookSafetyTest.definitions("<bpmn:startEvent id=\"everyMinute\" name=\"Every minute\">"
        + "<bpmn:timerEventDefinition id=\"minutely\"><bpmn:timeCycle>R/PT1M</bpmn:timeCycle></bpmn:timerEventDefinition>"
        + "</bpmn:startEvent><bpmn:serviceTask id=\"flag\" name=\"Flag stalled onboarding\""
        + " camunda:delegateExpression=\"${flagStalledOnboarding}\"><bpmn:extensionElements><camunda:inputOutput>"
        + "<camunda:inputParameter name=\"accountId\">${12}</camunda:inputParameter></camunda:inputOutput>"
        + "</bpmn:extensionElements></bpmn:serviceTask><bpmn:endEvent id=\"done\"/>"
        + "<bpmn:sequenceFlow id=\"f1\" sourceRef=\"everyMinute\" targetRef=\"flag\"/>"
        + "<bpmn:sequenceFlow id=\"f2\" sourceRef=\"flag\" targetRef=\"done\"/>", "");

    ResponseEntity<Map> refused = deployAs("mia", "save-any-account", Map.of("flag.bpmn", flagEveryMinute));

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((String) refused.getBody().get("message"))
        .contains("Start event 'Every minute' (everyMinute) starts the playbook on a timer, but its step"
            + " ${flagStalledOnboarding} acts on an account, and a playbook started on a timer has no account of its own")
        .contains("Service task 'Flag stalled onboarding' (flag) sets accountId in its input mapping: the playbook's"
            + " accountId comes from the application");
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("hostile").count()).isZero();

    // Without the mapping, the timer start alone is refused; a signal or a condition is no better.
    String timerOnly = flagEveryMinute.replaceAll("<bpmn:extensionElements>.*</bpmn:extensionElements>", "");
    for (String start : new String[] {"<bpmn:timerEventDefinition id=\"minutely\"><bpmn:timeCycle>R/PT1M</bpmn:timeCycle>"
        + "</bpmn:timerEventDefinition>", "<bpmn:signalEventDefinition id=\"onSignal\" signalRef=\"go\"/>"}) {
      String playbook = timerOnly.replaceAll("<bpmn:timerEventDefinition.*</bpmn:timerEventDefinition>", start)
          .replace("<bpmn:process", "<bpmn:signal id=\"go\" name=\"Go\"/><bpmn:process");
      ResponseEntity<Map> alsoRefused = deployAs("mia", "save-any-account", Map.of("flag.bpmn", playbook));
      assertThat(alsoRefused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat((String) alsoRefused.getBody().get("message")).contains("Start event 'Every minute' (everyMinute)"
          + " starts the playbook on a ").contains("but its step ${flagStalledOnboarding} acts on an account");
    }
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("hostile").count()).isZero();
  }

  /** A called playbook gets its caller's account, as the renewal passes it to the save play, and nothing else. */
  @Test
  void aCallActivityCannotHandAnotherAccountToTheSavePlay() {
    String playbook = PlaybookSafetyTest.definitions("<bpmn:startEvent id=\"s\" name=\"By hand\"/>"
        + "<bpmn:callActivity id=\"savePlay\" name=\"Run save play\" calledElement=\"churn-intervention\">"
        + "<bpmn:extensionElements><camunda:in businessKey=\"12\"/><camunda:in sourceExpression=\"${12}\""
        + " target=\"accountId\"/></bpmn:extensionElements></bpmn:callActivity><bpmn:endEvent id=\"e\"/>"
        + "<bpmn:sequenceFlow id=\"f1\" sourceRef=\"s\" targetRef=\"savePlay\"/>"
        + "<bpmn:sequenceFlow id=\"f2\" sourceRef=\"savePlay\" targetRef=\"e\"/>", "");

    ResponseEntity<Map> refused = deployAs("mia", "save-any-account", Map.of("call.bpmn", playbook));

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((String) refused.getBody().get("message"))
        .contains("Call activity 'Run save play' (savePlay) passes ${12} to the playbook it calls as its accountId")
        .contains("Call activity 'Run save play' (savePlay) gives the playbook it calls the business key 12");
  }

  /** A result, a loop or the initiator stored in an id of the application's. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"camunda:expression=\"${12}\" camunda:resultVariable=\"accountId\">",
      "camunda:delegateExpression=\"${flagStalledOnboarding}\"><bpmn:multiInstanceLoopCharacteristics"
          + " camunda:collection=\"${accounts}\" camunda:elementVariable=\"accountId\"/>"})
  void aPlaybookCannotStoreAValueInTheAccountId(String task) {
    String playbook = PlaybookSafetyTest.definitions("<bpmn:startEvent id=\"s\" name=\"By hand\"/>"
        + "<bpmn:serviceTask id=\"pick\" name=\"Pick account\" " + task + "</bpmn:serviceTask>"
        + "<bpmn:sequenceFlow id=\"f1\" sourceRef=\"s\" targetRef=\"pick\"/>", "");

    ResponseEntity<Map> refused = deployAs("mia", "save-any-account", Map.of("pick.bpmn", playbook));

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((String) refused.getBody().get("message")).contains("Service task 'Pick account' (pick) stores a"
        + " value in accountId (camunda:");
  }

  @Test
  void aFormCannotAskForTheAccount() {
    String playbook = PlaybookSafetyTest.definitions("<bpmn:startEvent id=\"s\" name=\"By hand\""
        + " camunda:formRef=\"pick-account\" camunda:formRefBinding=\"deployment\"/>"
        + "<bpmn:serviceTask id=\"flag\" name=\"Flag\" camunda:delegateExpression=\"${flagStalledOnboarding}\"/>"
        + "<bpmn:sequenceFlow id=\"f1\" sourceRef=\"s\" targetRef=\"flag\"/>", "");
    String form = "{\"id\": \"pick-account\", \"type\": \"default\", \"components\": [{\"type\": \"number\","
        + " \"key\": \"accountId\", \"label\": \"Account\"}]}";

    ResponseEntity<Map> refused = deployAs("mia", "save-any-account", Map.of("pick.bpmn", playbook,
        "pick-account.form", form));

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((String) refused.getBody().get("message")).contains("Form pick-account.form has a field 'accountId':"
        + " the playbook's accountId comes from the application");
  }

  /**
   * A playbook started by hand gets only its start form's fields from the person: the account is the
   * application's, through the REST API as through Tasklist.
   */
  @Test
  void aPersonCannotStartAPlaybookForAnAccountOfTheirChoosing() {
    String playbook = PlaybookSafetyTest.definitions("<bpmn:startEvent id=\"s\" name=\"By hand\"/>"
        + "<bpmn:serviceTask id=\"flag\" name=\"Flag\" camunda:asyncBefore=\"true\""
        + " camunda:delegateExpression=\"${flagStalledOnboarding}\"/><bpmn:endEvent id=\"e\"/>"
        + "<bpmn:sequenceFlow id=\"f1\" sourceRef=\"s\" targetRef=\"flag\"/>"
        + "<bpmn:sequenceFlow id=\"f2\" sourceRef=\"flag\" targetRef=\"e\"/>", "")
        .replace("id=\"hostile\"", "id=\"flag-by-hand\"");
    assertThat(deployAs("mia", "flag-by-hand", Map.of("flag-by-hand.bpmn", playbook)).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    // As an administrator would grant it in Camunda Admin, so that only the guard stands in the way.
    identitySetup.grant(Groups.CS_MANAGERS, Resources.PROCESS_DEFINITION, "flag-by-hand",
        ProcessDefinitionPermissions.CREATE_INSTANCE);
    identitySetup.grant(Groups.CS_MANAGERS, Resources.PROCESS_INSTANCE, "*", ProcessInstancePermissions.CREATE);
    try {
      ResponseEntity<String> forged = as("mia").postForEntity(
          "/engine-rest/process-definition/key/flag-by-hand/start",
          json(Map.of("variables", Map.of("accountId", Map.of("value", 12, "type", "Long")))), String.class);

      assertThat(forged.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(forged.getBody()).contains("may not set accountId");
      // Keyed by account 12, the playbook would hear that account's business events and take its id from them.
      ResponseEntity<String> keyed = as("mia").postForEntity("/engine-rest/process-definition/key/flag-by-hand/start",
          json(Map.of("businessKey", "12")), String.class);
      assertThat(keyed.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(keyed.getBody()).contains("may not set the business key");
      ResponseEntity<String> keyedForm = as("mia").postForEntity(
          "/engine-rest/process-definition/key/flag-by-hand/submit-form", json(Map.of("businessKey", "12")), String.class);
      assertThat(keyedForm.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("flag-by-hand").count()).isZero();
      // Started plainly, the playbook runs with no account (its step then has none to act on).
      assertThat(as("mia").postForEntity("/engine-rest/process-definition/key/flag-by-hand/start", json(Map.of()),
          String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    } finally {
      identitySetup.revoke(Groups.CS_MANAGERS, Resources.PROCESS_DEFINITION, "flag-by-hand",
          ProcessDefinitionPermissions.CREATE_INSTANCE);
      identitySetup.revoke(Groups.CS_MANAGERS, Resources.PROCESS_INSTANCE, "*", ProcessInstancePermissions.CREATE);
    }
  }

  /** Case 8 as filed, and the regular expressions beside it: refused at deployment, naming the element. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"${now().toString().repeat(40000000)}", "${now().toString().matches('(a+)+b')}",
      "${dateTime().toString().replaceAll('(0+)+', 'x')}", "${now().toString().split('')}"})
  void aPlaybookCannotExhaustTheServer(String expression) {
    String method = expression.replaceAll(".*\\.([a-zA-Z]+)\\(.*", "$1");
    String playbook = PlaybookSafetyTest.definitions("<bpmn:startEvent id=\"s\" name=\"By hand\"/>"
        + "<bpmn:serviceTask id=\"grow\" name=\"Grow\" camunda:asyncBefore=\"true\" camunda:expression=\""
        + expression.replace("'", "&apos;") + "\" camunda:resultVariable=\"big\"/>"
        + "<bpmn:sequenceFlow id=\"f1\" sourceRef=\"s\" targetRef=\"grow\"/>", "");

    ResponseEntity<Map> refused = deployAs("mia", "grow", Map.of("grow.bpmn", playbook));

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((String) refused.getBody().get("message")).contains("Service task 'Grow' (grow) has the expression "
        + expression + " in camunda:expression: it calls " + method + "(), which playbooks may not call");
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("hostile").count()).isZero();
  }

  /**
   * An expression the validator never saw (a version deployed before the rule, text put together at
   * run time) is refused by the engine's resolver when it runs, before it allocates.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"${text.repeat(40000000)}", "${now().toString().repeat(40000000)}",
      "${text.matches('(x+x+)+y')}", "${text.replaceAll('x', 'xxxxxxxx')}", "${text.split('')}"})
  void theEngineRefusesWhatTheValidatorNeverSaw(String text) {
    repository.createDeployment().name("quiet").addString("quiet.bpmn", PlaybookSafetyTest.definitions(
        "<bpmn:startEvent id=\"s\"/><bpmn:userTask id=\"look\" name=\"Look\" camunda:candidateGroups=\"cs\""
            + " camunda:dueDate=\"P1D\"/><bpmn:sequenceFlow id=\"f1\" sourceRef=\"s\" targetRef=\"look\"/>", "")
        .replace("id=\"hostile\"", "id=\"quiet\"")).enableDuplicateFiltering(true).deploy();
    String instance = runtime.startProcessInstanceByKey("quiet", Map.of("text", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxy"))
        .getId();
    Expression expression = engine.getExpressionManager().createExpression(text);

    assertThatThrownBy(() -> engine.getCommandExecutorTxRequired().execute(command ->
        expression.getValue(command.getExecutionManager().findExecutionById(instance))))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("Playbooks may not call '" + text.replaceAll(".*\\.([a-zA-Z]+)\\(.*", "$1") + "'");
  }
}
