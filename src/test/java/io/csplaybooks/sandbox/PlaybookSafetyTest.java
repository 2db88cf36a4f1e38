package io.csplaybooks.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.playbook.PlaybookEvent;
import io.csplaybooks.security.Groups;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Playbooks written to run code on the server, each refused at deployment with a message that names
 * the element and why. The cases try every place a BPMN, DMN or form file can hold something the
 * engine evaluates, loads or shows, in the ways an attacker would write them.
 */
public class PlaybookSafetyTest {

  /** The server's beans beside the application's own: what a hostile playbook reaches for. */
  static final Set<String> SERVER_BEANS = serverBeans();

  static final PlaybookValidator VALIDATOR = new PlaybookValidator(PlaybookBeans.scan("io.csplaybooks"),
      SERVER_BEANS::contains, Groups.TEAMS::contains, PlaybookEvent.messages());

  static Stream<Arguments> hostilePlaybooks() {
    return Stream.of(
        bpmn("the engine's services through the execution (the issue's example)",
            task("t", "camunda:asyncBefore=\"true\" camunda:expression=\"${execution.processEngineServices"
                + ".identityService.createMembership('maria','camunda-admin')}\""),
            "t", "execution.processEngineServices"),
        bpmn("a server bean hidden behind a step in a delegate expression",
            task("t", "camunda:delegateExpression=\"${jdbcClient.sql('delete from account').update()==0"
                + " ? scoreHandoffBrief : scoreHandoffBrief}\""),
            "t", "names one step of the application and nothing else"),
        bpmn("a server bean as the delegate", task("t", "camunda:delegateExpression=\"${jdbcClient}\""),
            "t", "no step named 'jdbcClient'"),
        bpmn("a method of a step", task("t", "camunda:expression=\"${scoreHandoffBrief.execute(execution)}\""),
            "t", "a step runs as a delegate expression"),
        bpmn("a Java class", task("t", "camunda:class=\"org.camunda.bpm.engine.impl.bpmn.behavior.ShellActivityBehavior\""),
            "t", "loads the Java class"),
        bpmn("a shell task",
            "<bpmn:serviceTask id=\"t\" name=\"Shell\" camunda:type=\"shell\"><bpmn:extensionElements>"
                + "<camunda:field name=\"command\"><camunda:string>rm</camunda:string></camunda:field>"
                + "</bpmn:extensionElements></bpmn:serviceTask>",
            "t", "camunda:type=\"shell\""),
        bpmn("an external task for an outside worker", task("t", "camunda:type=\"external\" camunda:topic=\"x\""),
            "t", "camunda:type=\"external\""),
        bpmn("a script task",
            "<bpmn:scriptTask id=\"t\" name=\"Script\" scriptFormat=\"groovy\"><bpmn:script>'rm -rf /'.execute()"
                + "</bpmn:script></bpmn:scriptTask>",
            "t", "is a script"),
        bpmn("a script execution listener", task("t", "camunda:delegateExpression=\"${scoreHandoffBrief}\"",
            "<camunda:executionListener event=\"start\"><camunda:script scriptFormat=\"javascript\">java.lang.Runtime"
                + ".getRuntime().exec('id')</camunda:script></camunda:executionListener>"),
            "t", "runs a script"),
        bpmn("a script from a deployed resource",
            "<bpmn:scriptTask id=\"t\" name=\"Script\" scriptFormat=\"groovy\" camunda:resource=\"deployment://x.groovy\"/>",
            "t", "is a script"),
        bpmn("a task listener class", userTask("u", "<camunda:taskListener class=\"com.evil.Listener\" event=\"create\"/>"),
            "u", "loads the Java class 'com.evil.Listener'"),
        bpmn("a task listener expression on an engine service",
            userTask("u", "<camunda:taskListener expression=\"${runtimeService.deleteProcessInstance(task.processInstanceId,"
                + " 'x')}\" event=\"create\"/>"),
            "u", "'runtimeService', which is part of the server"),
        bpmn("a script condition",
            gateway("<bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\" language=\"javascript\">"
                + "java.lang.System.exit(1)</bpmn:conditionExpression>"),
            "a", "written in 'javascript'"),
        bpmn("a condition that reads variables through the execution",
            gateway("<bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\">${execution.getVariable('x') == 1}"
                + "</bpmn:conditionExpression>"),
            "a", "uses 'execution' itself"),
        bpmn("reflection from a string",
            gateway("<bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\"><![CDATA[${''.getClass().forName("
                + "'java.lang.Runtime').getMethods()[6].invoke(null).exec('id') != null}]]></bpmn:conditionExpression>"),
            "a", "not methods of what they return"),
        bpmn("a data source in an input mapping",
            task("t", "camunda:delegateExpression=\"${scoreHandoffBrief}\"",
                "<camunda:inputOutput><camunda:inputParameter name=\"c\">${dataSource.connection}</camunda:inputParameter>"
                    + "</camunda:inputOutput>"),
            "t", "'dataSource', which is part of the server"),
        bpmn("a script in an output mapping",
            task("t", "camunda:delegateExpression=\"${scoreHandoffBrief}\"",
                "<camunda:inputOutput><camunda:outputParameter name=\"c\"><camunda:script scriptFormat=\"groovy\">1"
                    + "</camunda:script></camunda:outputParameter></camunda:inputOutput>"),
            "t", "runs a script"),
        bpmn("a secret read by a timer",
            "<bpmn:intermediateCatchEvent id=\"w\" name=\"Wait\"><bpmn:timerEventDefinition><bpmn:timeDuration "
                + "xsi:type=\"bpmn:tFormalExpression\">${environment.getProperty('CSP_DB_PASSWORD')}</bpmn:timeDuration>"
                + "</bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>",
            "w", "'environment', which is part of the server"),
        bpmn("Spin's parser in a timer cycle",
            "<bpmn:boundaryEvent id=\"w\" name=\"Every\" attachedToRef=\"u\" cancelActivity=\"false\">"
                + "<bpmn:timerEventDefinition><bpmn:timeCycle xsi:type=\"bpmn:tFormalExpression\">${XML(x).xPath('/')}"
                + "</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:boundaryEvent>" + userTask("u", ""),
            "w", "the function XML()"),
        bpmn("an assignee computed by the identity service",
            "<bpmn:userTask id=\"u\" name=\"Review\" camunda:assignee=\"${identityService.createUserQuery().list()}\""
                + " camunda:dueDate=\"P1D\"/>",
            "u", "'identityService', which is part of the server"),
        bpmn("candidate groups from a repository",
            "<bpmn:userTask id=\"u\" name=\"Review\" camunda:candidateGroups=\"${accountRepository.findById(1)}\""
                + " camunda:dueDate=\"P1D\"/>",
            "u", "'accountRepository', which is part of the server"),
        bpmn("getClass() on a function bean",
            "<bpmn:userTask id=\"u\" name=\"Review\" camunda:candidateGroups=\"cs\" camunda:dueDate="
                + "\"${handoffDeadlines.getClass().getClassLoader()}\"/>",
            "u", "handoffDeadlines does not offer"),
        bpmn("getClass() on a function bean under its former name",
            "<bpmn:userTask id=\"u\" name=\"Review\" camunda:candidateGroups=\"cs\" camunda:dueDate="
                + "\"${handoffPlaybook.getClass()}\"/>",
            "u", "handoffPlaybook does not offer"),
        bpmn("a call activity with a variable mapping class",
            "<bpmn:callActivity id=\"c\" name=\"Call\" calledElement=\"renewal\" camunda:variableMappingClass=\"com.evil.Mapping\"/>",
            "c", "loads the Java class 'com.evil.Mapping'"),
        bpmn("a call activity with a computed playbook",
            "<bpmn:callActivity id=\"c\" name=\"Call\" calledElement=\"${jdbcClient.sql('select 1')}\"/>",
            "c", "'jdbcClient', which is part of the server"),
        bpmn("a call activity into a CMMN case", "<bpmn:callActivity id=\"c\" name=\"Call\" camunda:caseRef=\"x\"/>",
            "c", "calls a case (CMMN)"),
        bpmn("a business key passed on from a server bean",
            "<bpmn:callActivity id=\"c\" name=\"Call\" calledElement=\"renewal\"><bpmn:extensionElements>"
                + "<camunda:in businessKey=\"${runtimeService}\"/></bpmn:extensionElements></bpmn:callActivity>",
            "c", "'runtimeService', which is part of the server"),
        bpmn("a computed message name",
            "<bpmn:intermediateCatchEvent id=\"w\" name=\"Wait\"><bpmn:messageEventDefinition messageRef=\"m\"/>"
                + "</bpmn:intermediateCatchEvent>",
            "<bpmn:message id=\"m\" name=\"${jdbcClient.sql('x')}\"/>", "m", "write the name out"),
        bpmn("an embedded HTML form (script in the browser of whoever opens the task)",
            "<bpmn:userTask id=\"u\" name=\"Review\" camunda:candidateGroups=\"cs\" camunda:dueDate=\"P1D\""
                + " camunda:formKey=\"embedded:deployment:evil.html\"/>",
            "u", "by form key"),
        bpmn("a generated form with an expression default",
            userTask("u", "<camunda:formData><camunda:formField id=\"x\" type=\"string\" defaultValue=\"${jdbcClient}\"/>"
                + "</camunda:formData>"),
            "u", "has a generated form"),
        bpmn("a field injected into a step",
            task("t", "camunda:delegateExpression=\"${scoreHandoffBrief}\"",
                "<camunda:field name=\"handoffs\" expression=\"${handoffRepository}\"/>"),
            "t", "injects the field 'handoffs'"),
        bpmn("a connector",
            task("t", "", "<camunda:connector><camunda:connectorId>http-connector</camunda:connectorId></camunda:connector>"),
            "t", "uses a connector"),
        bpmn("Activiti's extension namespace",
            "<bpmn:serviceTask id=\"t\" name=\"Old\" activiti:class=\"com.evil.Delegate\"/>",
            "t", "Activiti"),
        bpmn("a multi-instance collection from the data source",
            "<bpmn:userTask id=\"u\" name=\"Review\" camunda:candidateGroups=\"cs\" camunda:dueDate=\"P1D\">"
                + "<bpmn:multiInstanceLoopCharacteristics camunda:collection=\"${dataSource.connection.metaData}\""
                + " camunda:elementVariable=\"x\"/></bpmn:userTask>",
            "u", "'dataSource', which is part of the server"),
        bpmn("the engine through a task",
            "<bpmn:userTask id=\"u\" name=\"Review\" camunda:candidateGroups=\"cs\" camunda:dueDate=\"P1D\">"
                + "<bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality xsi:type=\"bpmn:tFormalExpression\">"
                + "${task.execution.processEngineServices}</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>"
                + "</bpmn:userTask>",
            "u", "reads task.execution"),
        bpmn("a variable written through the execution",
            task("t", "camunda:delegateExpression=\"${scoreHandoffBrief}\"",
                "<camunda:executionListener event=\"end\" expression=\"${execution.setVariable('accountId', 1)}\"/>"),
            "t", "uses 'execution' itself"),
        bpmn("brackets instead of a dot",
            gateway("<bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\">"
                + "${execution['processEngineServices'] != null}</bpmn:conditionExpression>"),
            "a", "reads x[...]"),
        bpmn("a mapping delegate that is a server bean",
            "<bpmn:callActivity id=\"c\" name=\"Call\" calledElement=\"renewal\""
                + " camunda:variableMappingDelegateExpression=\"${jdbcClient}\"/>",
            "c", "no step named 'jdbcClient'"),
        bpmn("system properties in a job priority",
            task("t", "camunda:delegateExpression=\"${scoreHandoffBrief}\" camunda:jobPriority="
                + "\"${systemProperties['user.home']}\""),
            "t", "reads x[...]"),
        bpmn("the deferred #{} syntax", gateway("<bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\">"
                + "#{jdbcClient != null}</bpmn:conditionExpression>"),
            "a", "'jdbcClient', which is part of the server"),
        bpmn("a conditional event on a server bean",
            "<bpmn:intermediateCatchEvent id=\"w\" name=\"When\"><bpmn:conditionalEventDefinition><bpmn:condition"
                + " xsi:type=\"bpmn:tFormalExpression\">${jdbcClient.sql('select 1').query().singleValue() == 1}"
                + "</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:intermediateCatchEvent>",
            "w", "'jdbcClient', which is part of the server"),
        bpmn("a decision chosen by a server bean",
            "<bpmn:businessRuleTask id=\"d\" name=\"Decide\" camunda:decisionRef=\"${environment.getProperty('x')}\"/>",
            "d", "'environment', which is part of the server"),
        bpmn("a computed signal name",
            "<bpmn:intermediateThrowEvent id=\"s\" name=\"Shout\"><bpmn:signalEventDefinition signalRef=\"sig\"/>"
                + "</bpmn:intermediateThrowEvent>",
            "<bpmn:signal id=\"sig\" name=\"${dataSource}\"/>", "sig", "write the name out"),
        resources("JUEL in a decision table's input",
            Map.of("bad.dmn", dmn("<input id=\"i\"><inputExpression id=\"ie\" typeRef=\"string\""
                + " expressionLanguage=\"juel\"><text>${jdbcClient.sql('select 1')}</text></inputExpression></input>")),
            "d1", "written in 'juel'"),
        resources("JavaScript in a decision table's output entry",
            Map.of("bad.dmn", dmn("<input id=\"i\"><inputExpression id=\"ie\" typeRef=\"string\"><text>x</text>"
                + "</inputExpression></input><output id=\"o\" name=\"o\" typeRef=\"string\"/><rule id=\"r\">"
                + "<inputEntry id=\"ie1\"><text>-</text></inputEntry><outputEntry id=\"oe\" expressionLanguage="
                + "\"javascript\"><text>java.lang.Runtime.getRuntime()</text></outputEntry></rule>")),
            "d1", "written in 'javascript'"),
        resources("a script file beside the playbook", Map.of("x.groovy", "'id'.execute()"), null,
            "x.groovy is not a playbook file"),
        resources("an HTML page beside the playbook", Map.of("evil.html", "<script>alert(1)</script>"), null,
            "evil.html is not a playbook file"),
        resources("a CMMN case", Map.of("case.cmmn", "<definitions/>"), null, "case.cmmn is not a playbook file"),
        resources("a form that runs HTML", Map.of("evil.form", "{\"id\":\"evil\",\"type\":\"default\",\"components\":"
            + "[{\"type\":\"html\",\"content\":\"<img src=x onerror=alert(1)>\"}]}"), null, "type 'html'"),
        resources("a form with an iframe", Map.of("frame.form", "{\"id\":\"frame\",\"type\":\"default\",\"components\":"
            + "[{\"type\":\"iframe\",\"url\":\"https://evil.example\"}]}"), null, "type 'iframe'"),
        resources("a form that lets the task holder change the account", Map.of("forge.form", "{\"id\":\"forge\","
            + "\"type\":\"default\",\"components\":[{\"type\":\"textfield\",\"key\":\"accountId\",\"label\":\"A\"}]}"),
            null, "has a field 'accountId'"),
        resources("a form that sets a protected id inside a group's path", Map.of("forge.form", "{\"id\":\"forge\","
            + "\"type\":\"default\",\"components\":[{\"type\":\"group\",\"path\":\"renewalId\",\"components\":"
            + "[{\"type\":\"textfield\",\"key\":\"x\",\"label\":\"X\"}]}]}"), null, "has a field 'renewalId'"),
        resources("a task form that changes the contract",
            Map.of("p.bpmn", definitions("<bpmn:userTask id=\"u\" name=\"Review\" camunda:candidateGroups=\"cs\""
                    + " camunda:dueDate=\"P1D\" camunda:formRef=\"contract\" camunda:formRefBinding=\"deployment\"/>", ""),
                "contract.form", "{\"id\":\"contract\",\"type\":\"default\",\"components\":[{\"type\":\"textfield\","
                    + "\"key\":\"contractId\",\"label\":\"Contract\"}]}"),
            "u", "with a field 'contractId'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostilePlaybooks")
  void isRefusedNamingTheElement(String attack, Map<String, byte[]> deployment, String elementId, String reason) {
    List<PlaybookProblem> problems = VALIDATOR.validate(deployment);

    assertThat(problems).as(attack).anySatisfy(problem -> {
      assertThat(problem.elementId()).isEqualTo(elementId);
      assertThat(problem.message()).contains(reason);
      if (elementId != null) {
        assertThat(problem.message()).contains("(" + elementId + ")");
      }
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("acceptedPlaybooks")
  void whatTheApplicationOffersStaysAllowed(String what, String elements) {
    assertThat(VALIDATOR.validate(bytes(Map.of("ok.bpmn", definitions(elements, ""))))).as(what).isEmpty();
  }

  static Stream<Arguments> acceptedPlaybooks() {
    return Stream.of(
        Arguments.of("a step", task("t", "camunda:delegateExpression=\"${scoreHandoffBrief}\"")),
        Arguments.of("a function with variables as arguments", "<bpmn:userTask id=\"u\" name=\"Review\""
            + " camunda:candidateGroups=\"cs\" camunda:dueDate=\"${renewalDeadlines.checkpointDue(renewalDate, daysBefore)}\"/>"),
        Arguments.of("a function under the bean's former name, as versions deployed before the rename call it",
            "<bpmn:userTask id=\"u\" name=\"Review\" camunda:candidateGroups=\"cs\""
                + " camunda:dueDate=\"${renewalPlaybook.checkpointDue(renewalDate, daysBefore)}\"/>"),
        Arguments.of("the business key passed on", "<bpmn:callActivity id=\"c\" name=\"Call\" calledElement=\"renewal\">"
            + "<bpmn:extensionElements><camunda:in businessKey=\"#{execution.processBusinessKey}\"/>"
            + "</bpmn:extensionElements></bpmn:callActivity>"),
        Arguments.of("operators on variables", gateway("<bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\">"
            + "${!healthRecovered &amp;&amp; loopCounter + 1 &gt;= 3 || renewalRisk == \"high\"}</bpmn:conditionExpression>")),
        Arguments.of("the engine's date functions", "<bpmn:userTask id=\"u\" name=\"Review\" camunda:candidateGroups=\"cs\""
            + " camunda:dueDate=\"${dateTime().plusDays(2).toDate()}\"/>"),
        Arguments.of("a computed duration", "<bpmn:intermediateCatchEvent id=\"w\" name=\"Wait\"><bpmn:timerEventDefinition>"
            + "<bpmn:timeDuration xsi:type=\"bpmn:tFormalExpression\">P${daysBefore}D</bpmn:timeDuration>"
            + "</bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>"));
  }

  private static Arguments bpmn(String attack, String elements, String elementId, String reason) {
    return bpmn(attack, elements, "", elementId, reason);
  }

  private static Arguments bpmn(String attack, String elements, String definitions, String elementId, String reason) {
    return Arguments.of(attack, bytes(Map.of("hostile.bpmn", definitions(elements, definitions))), elementId, reason);
  }

  private static Arguments resources(String attack, Map<String, String> files, String elementId, String reason) {
    return Arguments.of(attack, bytes(files), elementId, reason);
  }

  static String task(String id, String attributes) {
    return task(id, attributes, "");
  }

  static String task(String id, String attributes, String extensions) {
    return "<bpmn:serviceTask id=\"" + id + "\" name=\"Step\" " + attributes + ">"
        + (extensions.isEmpty() ? "" : "<bpmn:extensionElements>" + extensions + "</bpmn:extensionElements>")
        + "</bpmn:serviceTask>";
  }

  static String userTask(String id, String extensions) {
    return "<bpmn:userTask id=\"" + id + "\" name=\"Review\" camunda:candidateGroups=\"cs\" camunda:dueDate=\"P1D\">"
        + (extensions.isEmpty() ? "" : "<bpmn:extensionElements>" + extensions + "</bpmn:extensionElements>")
        + "</bpmn:userTask>";
  }

  /** An exclusive gateway whose flow "a" carries the condition. */
  static String gateway(String condition) {
    return "<bpmn:exclusiveGateway id=\"g\"/><bpmn:endEvent id=\"e\" name=\"End\"/>"
        + "<bpmn:sequenceFlow id=\"a\" name=\"If\" sourceRef=\"g\" targetRef=\"e\">" + condition + "</bpmn:sequenceFlow>";
  }

  public static String definitions(String elements, String definitions) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""
        + " xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" xmlns:activiti=\"http://activiti.org/bpmn\""
        + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" id=\"defs\" targetNamespace=\"http://x\">"
        + definitions
        + "<bpmn:process id=\"hostile\" name=\"Hostile\" isExecutable=\"true\" camunda:historyTimeToLive=\"P1D\">"
        + elements + "</bpmn:process></bpmn:definitions>";
  }

  static String dmn(String table) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\""
        + " id=\"defs\" name=\"D\" namespace=\"http://x\"><decision id=\"d1\" name=\"Decide\"><decisionTable id=\"t\">"
        + table + "</decisionTable></decision></definitions>";
  }

  static Map<String, byte[]> bytes(Map<String, String> files) {
    Map<String, byte[]> resources = new LinkedHashMap<>();
    files.forEach((name, content) -> resources.put(name, content.getBytes(StandardCharsets.UTF_8)));
    return resources;
  }

  private static Set<String> serverBeans() {
    Set<String> names = new HashSet<>(PlaybookModelRulesTest.beanNames());
    names.addAll(List.of("jdbcClient", "dataSource", "runtimeService", "identityService", "environment",
        "systemProperties", "processEngine"));
    return names;
  }
}
