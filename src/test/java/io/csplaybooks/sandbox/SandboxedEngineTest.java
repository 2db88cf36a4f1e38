package io.csplaybooks.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.csplaybooks.playbook.PlaybookFunctions;
import io.csplaybooks.playbook.PlaybookStep;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.spin.plugin.impl.SpinProcessEnginePlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The second line: an engine with the sandbox but without the deploy-time validator, as if a
 * hostile playbook had slipped past it. Whatever the file says, it reaches the offered steps and
 * functions and nothing else; the server's "vault" bean is never opened.
 */
class SandboxedEngineTest {

  static final AtomicInteger VAULT_OPENED = new AtomicInteger();

  static AnnotationConfigApplicationContext beans;
  static ProcessEngine engine;

  @PlaybookFunctions("offeredFunctions")
  public static class OfferedFunctions {
    public long twice(Object value) {
      return 2 * ((Number) value).longValue();
    }
  }

  @PlaybookStep("offeredStep")
  public static class OfferedStep implements JavaDelegate {
    @Override
    public void execute(DelegateExecution execution) {
      execution.setVariable("stepRan", true);
    }
  }

  /** A bean of the server that no playbook is offered. */
  @Component("vault")
  public static class Vault {
    public String open() {
      VAULT_OPENED.incrementAndGet();
      return "secret";
    }
  }

  @BeforeAll
  static void engine() {
    beans = new AnnotationConfigApplicationContext(OfferedFunctions.class, OfferedStep.class, Vault.class);
    StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
    configuration.setProcessEngineName("sandboxed-engine-test");
    configuration.setJdbcUrl("jdbc:h2:mem:sandboxed-engine-test;DB_CLOSE_DELAY=1000");
    configuration.setHistory("full");
    configuration.setJobExecutorActivate(false);
    configuration.setEnforceHistoryTimeToLive(false);
    configuration.getProcessEnginePlugins().add(new PlaybookSandboxPlugin(beans));
    configuration.getProcessEnginePlugins().add(new SpinProcessEnginePlugin());
    engine = configuration.buildProcessEngine();
  }

  @AfterAll
  static void close() {
    engine.close();
    beans.close();
  }

  @BeforeEach
  void vaultClosed() {
    VAULT_OPENED.set(0);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "${vault.open()}",
      "${execution.processEngineServices.identityService.createMembership('maria', 'camunda-admin')}",
      "${execution.getProcessEngineServices().getRuntimeService()}",
      "${execution.setVariable('accountId', 42)}",
      "${offeredFunctions.getClass().getClassLoader()}",
      "${''.getClass().forName('java.lang.Runtime')}",
      "${now().getClass()}",
      "${text.valueOf(1)}",
      "${offeredStep.execute(execution)}",
      "${execution['processEngineServices']}",
      "${S('{}')}",
      "${XML(text)}",
      // Issue 24, case 8: what builds or scans text without bound, in a playbook the validator never saw.
      "${now().toString().repeat(40000000)}",
      "${text.repeat(40000000)}",
      "${text.matches('(x+x+)+y')}",
      "${text.replaceAll('x', 'xxxxxxxx')}",
      "${text.split('')}",
      "${text.concat(text)}",
      "${text.getBytes()}"})
  void anExpressionReachesNothingElse(String expression) {
    // Refused when the engine parses it (an unknown function) or when it runs.
    assertThatThrownBy(() -> {
      deploy(serviceTask("camunda:expression=\"" + expression.replace("'", "&apos;") + "\" camunda:resultVariable=\"out\""));
      start(Map.of("text", "x"));
    }).isInstanceOf(ProcessEngineException.class)
        .satisfies(refusal -> assertThat(refusal.getMessage()).containsAnyOf("Playbooks may not",
            "Cannot resolve identifier", "Could not resolve function"));
    assertThat(VAULT_OPENED).hasValue(0);
    assertThat(engine.getIdentityService().createGroupQuery().groupMember("maria").count()).isZero();
  }

  @Test
  void aServerBeanIsNoStep() {
    deploy(serviceTask("camunda:delegateExpression=\"${vault}\""));

    assertThatThrownBy(() -> start(Map.of())).isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("vault");
  }

  @Test
  void aConditionCannotOpenTheVault() {
    deploy("<bpmn:startEvent id=\"s\"/><bpmn:exclusiveGateway id=\"g\" default=\"f2\"/><bpmn:endEvent id=\"e\"/>"
        + "<bpmn:sequenceFlow id=\"f0\" sourceRef=\"s\" targetRef=\"g\"/><bpmn:sequenceFlow id=\"f2\" sourceRef=\"g\" targetRef=\"e\"/>"
        + "<bpmn:sequenceFlow id=\"f1\" sourceRef=\"g\" targetRef=\"e\"><bpmn:conditionExpression"
        + " xsi:type=\"bpmn:tFormalExpression\">${vault.open() == 'secret'}</bpmn:conditionExpression></bpmn:sequenceFlow>");

    assertThatThrownBy(() -> start(Map.of())).isInstanceOf(ProcessEngineException.class);
    assertThat(VAULT_OPENED).hasValue(0);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"groovy", "javascript", "python", "juel"})
  void noScriptRuns(String language) {
    deploy("<bpmn:startEvent id=\"s\"/><bpmn:scriptTask id=\"t\" scriptFormat=\"" + language + "\"><bpmn:script>"
        + "1 + 1</bpmn:script></bpmn:scriptTask><bpmn:endEvent id=\"e\"/>"
        + "<bpmn:sequenceFlow id=\"f0\" sourceRef=\"s\" targetRef=\"t\"/><bpmn:sequenceFlow id=\"f1\" sourceRef=\"t\" targetRef=\"e\"/>");

    assertThatThrownBy(() -> start(Map.of())).isInstanceOf(ProcessEngineException.class);
  }

  @Test
  void noClassIsCreated() {
    deploy(serviceTask("camunda:class=\"" + OfferedStep.class.getName() + "\""));

    assertThatThrownBy(() -> start(Map.of())).isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("is not one of them");
  }

  @Test
  void aShellTaskIsNotEvenDeployed() {
    assertThatThrownBy(() -> deploy("<bpmn:startEvent id=\"s\"/><bpmn:serviceTask id=\"t\" camunda:type=\"shell\">"
        + "<bpmn:extensionElements><camunda:field name=\"command\"><camunda:string>id</camunda:string></camunda:field>"
        + "</bpmn:extensionElements></bpmn:serviceTask><bpmn:sequenceFlow id=\"f0\" sourceRef=\"s\" targetRef=\"t\"/>"))
        .isInstanceOf(ProcessEngineException.class);
  }

  @Test
  void aDecisionTableInJuelCannotOpenTheVault() {
    engine.getRepositoryService().createDeployment().addString("juel.dmn", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\" id=\"d\" name=\"D\" namespace=\"x\">"
        + "<decision id=\"juel\" name=\"Juel\"><decisionTable id=\"t\"><input id=\"i\"><inputExpression id=\"ie\""
        + " typeRef=\"string\" expressionLanguage=\"juel\"><text>${vault.open()}</text></inputExpression></input>"
        + "<output id=\"o\" name=\"o\" typeRef=\"string\"/><rule id=\"r\"><inputEntry id=\"e\"><text>-</text>"
        + "</inputEntry><outputEntry id=\"oe\"><text>\"x\"</text></outputEntry></rule></decisionTable></decision>"
        + "</definitions>").deploy();

    assertThatThrownBy(() -> engine.getDecisionService().evaluateDecisionTableByKey("juel", Map.of()))
        .isInstanceOf(RuntimeException.class);
    assertThat(VAULT_OPENED).hasValue(0);
  }

  @Test
  void whatIsOfferedStillWorks() {
    deploy("<bpmn:startEvent id=\"s\"/>"
        + "<bpmn:serviceTask id=\"f\" camunda:expression=\"${offeredFunctions.twice(amount)}\" camunda:resultVariable=\"doubled\"/>"
        + "<bpmn:serviceTask id=\"k\" camunda:expression=\"${execution.processBusinessKey}\" camunda:resultVariable=\"key\"/>"
        + "<bpmn:serviceTask id=\"d\" camunda:expression=\"${dateTime().plusDays(1).toDate()}\" camunda:resultVariable=\"due\"/>"
        + "<bpmn:serviceTask id=\"t\" camunda:delegateExpression=\"${offeredStep}\"/><bpmn:userTask id=\"u\"/>"
        + "<bpmn:sequenceFlow id=\"f0\" sourceRef=\"s\" targetRef=\"f\"/><bpmn:sequenceFlow id=\"f1\" sourceRef=\"f\" targetRef=\"k\"/>"
        + "<bpmn:sequenceFlow id=\"f2\" sourceRef=\"k\" targetRef=\"d\"/><bpmn:sequenceFlow id=\"f3\" sourceRef=\"d\" targetRef=\"t\"/>"
        + "<bpmn:sequenceFlow id=\"f4\" sourceRef=\"t\" targetRef=\"u\"/>");

    ProcessInstance instance = start(Map.of("amount", 21));

    Map<String, Object> variables = engine.getRuntimeService().getVariables(instance.getId());
    assertThat(variables).containsEntry("doubled", 42L).containsEntry("key", "account-7").containsEntry("stepRan", true)
        .containsKey("due");
  }

  @Test
  void theMethodsOfTheAllowlistStillRun() {
    deploy(serviceTask("camunda:expression=\"${text.trim().substring(0, 1).toUpperCase()}${dateTime().plusDays(1)"
        + ".isAfter(dateTime())}\" camunda:resultVariable=\"out\"").replace("<bpmn:endEvent id=\"e\"/>",
        "<bpmn:userTask id=\"e\"/>"));

    ProcessInstance instance = start(Map.of("text", " xavier "));

    assertThat(engine.getRuntimeService().getVariable(instance.getId(), "out")).isEqualTo("Xtrue");
  }

  private static String serviceTask(String attributes) {
    return "<bpmn:startEvent id=\"s\"/><bpmn:serviceTask id=\"t\" " + attributes + "/><bpmn:endEvent id=\"e\"/>"
        + "<bpmn:sequenceFlow id=\"f0\" sourceRef=\"s\" targetRef=\"t\"/><bpmn:sequenceFlow id=\"f1\" sourceRef=\"t\" targetRef=\"e\"/>";
  }

  private static void deploy(String elements) {
    engine.getRepositoryService().createDeployment().addString("sandboxed.bpmn",
        PlaybookSafetyTest.definitions(elements.replace("id=\"hostile\"", ""), "").replace("hostile", "sandboxed"))
        .deploy();
  }

  private static ProcessInstance start(Map<String, Object> variables) {
    return engine.getRuntimeService().startProcessInstanceByKey("sandboxed", "account-7", variables);
  }
}
