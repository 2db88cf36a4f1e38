package io.csplaybooks.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.playbook.PlaybookEvent;
import io.csplaybooks.security.Groups;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each kind of broken playbook is refused with a message that names the element and the problem. */
public class PlaybookValidatorTest {

  public static final PlaybookValidator VALIDATOR = new PlaybookValidator(
      PlaybookBeans.scan("io.csplaybooks"), PlaybookModelRulesTest.beanNames()::contains, Groups.TEAMS::contains,
      PlaybookModelRulesTest.withDeclared(PlaybookEvent.messages()));

  static Stream<Arguments> brokenPlaybooks() {
    return Stream.of(
        Arguments.of("a step the application does not have",
            "camunda:delegateExpression=\"${checkMilestones}\"", "camunda:delegateExpression=\"${checkMilestone}\"",
            "Service task 'Check milestones' (checkMilestones) calls ${checkMilestone}, but the application has no"
                + " step named 'checkMilestone': check the spelling, or ask a developer to add it"),
        Arguments.of("a task listener the application does not have",
            "${saveSuccessPlan}", "${saveSucessPlan}",
            "User task 'Review account' (reviewAccount) runs complete listener ${saveSucessPlan}, but the application"
                + " has no step named 'saveSucessPlan': check the spelling, or ask a developer to add it"),
        Arguments.of("a form that is not deployed",
            "camunda:formRef=\"account-review\"", "camunda:formRef=\"account-reveiw\"",
            "User task 'Review account' (reviewAccount) shows the form 'account-reveiw', which is not in this"
                + " deployment: deploy account-reveiw.form together with the playbook"),
        Arguments.of("a group that does not exist",
            "camunda:candidateGroups=\"cs\"", "camunda:candidateGroups=\"cs, customer-succes\"",
            "User task 'Review account' (reviewAccount) goes to the group 'customer-succes', which does not exist:"
                + " use a team such as cs, cs-managers, sales, engineering or product, or create the group in"
                + " Camunda Admin first"),
        Arguments.of("a message nothing sends",
            "name=\"OnboardingCompleted\"", "name=\"OnboardingDone\"",
            "Intermediate catch event 'Onboarding completed' (onboardingCompleted) waits for the message"
                + " 'OnboardingDone', which nothing in the application sends, so it would wait forever: use one of"
                + " " + String.join(", ", PlaybookModelRulesTest.withDeclared(PlaybookEvent.messages()))),
        Arguments.of("a message start that runs the playbook in the sender's transaction",
            "<bpmn:outgoing>f_start_review</bpmn:outgoing>\n    </bpmn:startEvent>",
            "<bpmn:outgoing>f_start_review</bpmn:outgoing>\n      <bpmn:messageEventDefinition id=\"m\""
                + " messageRef=\"OnboardingCompleted\" />\n    </bpmn:startEvent>",
            "Start event 'Review requested' (reviewRequested) starts on a message without an async boundary after it:"
                + " mark it \"Asynchronous after\" (camunda:asyncAfter), so the sender (a person's click, the CRM's"
                + " webhook) does not run this playbook's first steps"),
        Arguments.of("a mail the playbook's next step waits for",
            "camunda:delegateExpression=\"${checkMilestones}\"",
            "camunda:asyncBefore=\"true\" camunda:asyncAfter=\"true\" camunda:delegateExpression=\"${introduceCsmToCustomer}\"",
            "Service task 'Check milestones' (checkMilestones) sends a mail, and intermediate catch event 'Onboarding"
                + " completed' (onboardingCompleted) comes after it, so the playbook waits for the mail (for hours while"
                + " the mail server is down): put the mail on a branch of its own that ends after it (a parallel gateway"
                + " before it, an end event after it, no join)"),
        Arguments.of("a user task without a due date",
            " camunda:dueDate=\"P2D\"", "",
            "User task 'Review account' (reviewAccount) has no due date: set one so the work is not forgotten"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenPlaybooks")
  void refuses(String what, String from, String to, String message) {
    String broken = fixture("account-review.bpmn").replace(from, to);
    assertThat(broken).as("the case must change the fixture").isNotEqualTo(fixture("account-review.bpmn"));

    List<PlaybookProblem> problems = VALIDATOR.validate(deployment(broken, true));

    assertThat(problems).extracting(PlaybookProblem::message).containsExactly(message);
    assertThat(problems.get(0).resource()).isEqualTo("account-review.bpmn");
  }

  @Test
  void refusesAPlaybookDeployedWithoutItsForm() {
    assertThat(VALIDATOR.validate(deployment(fixture("account-review.bpmn"), false)))
        .extracting(PlaybookProblem::elementId, PlaybookProblem::message)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("reviewAccount",
            "User task 'Review account' (reviewAccount) shows the form 'account-review', which is not in this"
                + " deployment: deploy account-review.form together with the playbook"));
  }

  @Test
  void acceptsAValidPlaybookAndReportsEveryProblemOfABrokenOne() {
    assertThat(VALIDATOR.validate(deployment(fixture("account-review.bpmn"), true))).isEmpty();

    String broken = fixture("account-review.bpmn").replace(" camunda:dueDate=\"P2D\"", "")
        .replace("${checkMilestones}", "${nope}");
    assertThat(VALIDATOR.validate(deployment(broken, true))).extracting(PlaybookProblem::elementId)
        .containsExactlyInAnyOrder("checkMilestones", "reviewAccount");
  }

  /** Issue 24, case 8: one call could fill the job executor's memory or scan text for hours. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"${now().toString().repeat(40000000)}", "${now().toString().matches('(a+)+b')}",
      "${dateTime().toString().replaceAll('(a+)+', 'b')}", "${dateTime().toString().replace('0', '00000000')}",
      "${now().toString().split(',')}", "${now().toString().concat(dateTime())}",
      "${now().toString().chars()}", "${now().toString().getBytes()}", "${now().toString().intern()}",
      "${now().toString().formatted(1)}", "${dateTime().toString().lines()}", "${now().getClass()}"})
  void refusesCallsThatBuildOrScanText(String expression) {
    String method = expression.replaceAll(".*\\.([a-zA-Z]+)\\([^()]*(\\([^()]*\\))?[^()]*\\)}$", "$1");
    String broken = fixture("account-review.bpmn").replace("camunda:dueDate=\"P2D\"",
        "camunda:dueDate=\"" + expression.replace("'", "&apos;") + "\"");

    assertThat(VALIDATOR.validate(deployment(broken, true))).singleElement().satisfies(problem -> {
      assertThat(problem.elementId()).isEqualTo("reviewAccount");
      assertThat(problem.message()).startsWith("User task 'Review account' (reviewAccount) has the expression "
          + expression + " in camunda:dueDate: it calls " + method + "(), which playbooks may not call");
    });
  }

  @Test
  void acceptsTheDateAndTextMethodsOfTheAllowlist() {
    String dated = fixture("account-review.bpmn").replace("camunda:dueDate=\"P2D\"",
        "camunda:dueDate=\"${dateTime().plusDays(2).withTimeAtStartOfDay().toDate()}\"");

    assertThat(VALIDATOR.validate(deployment(dated, true))).isEmpty();
  }

  /** FEEL's text, regular expression and list functions and its loops are refused in decision tables too. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"string join(for i in 1..100000000 return \"x\", \"\")", "matches(segment, \"(a+)+b\")",
      "replace(segment, \"a\", \"aaaaaaaa\")", "split(segment, \",\")", "for i in 1..100000000 return i",
      "some x in 1..100000000 satisfies x = 0", "concatenate([segment], [segment])", "{f: function(n) f(n)}.f(1)"})
  void refusesUnboundedFeel(String feel) {
    String dmn = "<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\" id=\"d\" name=\"d\""
        + " namespace=\"x\"><decision id=\"pickPod\" name=\"Pick pod\"><decisionTable id=\"t\"><input id=\"i\">"
        + "<inputExpression id=\"ie\" typeRef=\"string\"><text>segment</text></inputExpression></input>"
        + "<output id=\"o\" name=\"pod\" typeRef=\"string\"/><rule id=\"r\"><inputEntry id=\"e\"><text>-</text>"
        + "</inputEntry><outputEntry id=\"oe\"><text>" + feel.replace("<", "&lt;") + "</text></outputEntry></rule>"
        + "</decisionTable></decision></definitions>";

    assertThat(VALIDATOR.validate(Map.of("pod.dmn", dmn.getBytes(StandardCharsets.UTF_8)))).singleElement()
        .satisfies(problem -> {
          assertThat(problem.elementId()).isEqualTo("pickPod");
          assertThat(problem.message()).startsWith("Decision 'Pick pod' (pickPod) has the expression " + feel
              + " in outputEntry: it uses ").contains("which decision tables may not use");
        });
  }

  /**
   * Issue 24, case 7: the ids a playbook works on come from the application, and a playbook whose
   * steps act on an account starts only for one.
   */
  static Stream<Arguments> accountWrites() {
    return Stream.of(
        Arguments.of("an input mapping", "<bpmn:extensionElements><camunda:inputParameter name=\"accountId\">12"
            + "</camunda:inputParameter></bpmn:extensionElements>", "sets accountId in its input mapping"),
        Arguments.of("an output mapping", "<bpmn:extensionElements><camunda:outputParameter name=\"renewalId\">${7}"
            + "</camunda:outputParameter></bpmn:extensionElements>", "sets renewalId in its output mapping"),
        Arguments.of("a loop over numbers", "<bpmn:outgoing>f_check_wait</bpmn:outgoing>"
            + "<bpmn:multiInstanceLoopCharacteristics camunda:collection=\"${accounts}\""
            + " camunda:elementVariable=\"accountId\" />", "stores a value in accountId (camunda:elementVariable)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("accountWrites")
  void refusesWritingTheAccountId(String what, String inside, String refusal) {
    String broken = inside.startsWith("<bpmn:outgoing>")
        ? fixture("account-review.bpmn").replace("<bpmn:outgoing>f_check_wait</bpmn:outgoing>", inside)
        : fixture("account-review.bpmn").replace("<bpmn:incoming>f_review_check</bpmn:incoming>",
            inside + "<bpmn:incoming>f_review_check</bpmn:incoming>");

    assertThat(VALIDATOR.validate(deployment(broken, true))).singleElement().satisfies(problem -> {
      assertThat(problem.elementId()).isEqualTo("checkMilestones");
      assertThat(problem.message()).isEqualTo("Service task 'Check milestones' (checkMilestones) " + refusal
          + ": the playbook's " + refusal.replaceAll(".* (\\w+Id).*", "$1") + " comes from the application (the event"
          + " that started it for an account, or the playbook that called it), and nothing in a playbook may change it");
    });
  }

  @Test
  void refusesAResultStoredInTheAccountId() {
    String broken = fixture("account-review.bpmn").replace("camunda:delegateExpression=\"${checkMilestones}\"",
        "camunda:expression=\"${12}\" camunda:resultVariable=\"accountId\"");

    assertThat(VALIDATOR.validate(deployment(broken, true))).extracting(PlaybookProblem::message)
        .containsExactly("Service task 'Check milestones' (checkMilestones) stores a value in accountId"
            + " (camunda:resultVariable): the playbook's accountId comes from the application (the event that started"
            + " it for an account, or the playbook that called it), and nothing in a playbook may change it");
  }

  /** Issue 28: a mail on a branch of its own is fine; a terminate end beside it would cancel it. */
  @Test
  void aMailRunsOnABranchOfItsOwnThatNothingCancels() {
    String beside = fixture("account-review.bpmn")
        .replace("<bpmn:outgoing>f_review_check</bpmn:outgoing>",
            "<bpmn:outgoing>f_review_check</bpmn:outgoing><bpmn:outgoing>f_review_mail</bpmn:outgoing>")
        .replace("<bpmn:sequenceFlow id=\"f_review_check\"",
            "<bpmn:sequenceFlow id=\"f_review_mail\" sourceRef=\"reviewAccount\" targetRef=\"tellCsm\" />"
                + "<bpmn:serviceTask id=\"tellCsm\" name=\"Tell CSM\" camunda:asyncBefore=\"true\" camunda:asyncAfter=\"true\""
                + " camunda:delegateExpression=\"${notifyCsmOfNewAccount}\"><bpmn:incoming>f_review_mail</bpmn:incoming>"
                + "<bpmn:outgoing>f_mail_end</bpmn:outgoing></bpmn:serviceTask>"
                + "<bpmn:sequenceFlow id=\"f_mail_end\" sourceRef=\"tellCsm\" targetRef=\"csmTold\" />"
                + "<bpmn:endEvent id=\"csmTold\" name=\"CSM told\"><bpmn:incoming>f_mail_end</bpmn:incoming></bpmn:endEvent>"
                + "<bpmn:sequenceFlow id=\"f_review_check\"");
    assertThat(beside).contains("tellCsm");
    assertThat(VALIDATOR.validate(deployment(beside, true))).isEmpty();

    String terminated = beside.replace("<bpmn:incoming>f_wait_end</bpmn:incoming>",
        "<bpmn:incoming>f_wait_end</bpmn:incoming><bpmn:terminateEventDefinition id=\"endAll\" />");
    assertThat(VALIDATOR.validate(deployment(terminated, true))).extracting(PlaybookProblem::elementId,
        PlaybookProblem::message).containsExactly(org.assertj.core.groups.Tuple.tuple("tellCsm",
            "Service task 'Tell CSM' (tellCsm) sends a mail beside End event 'Account reviewed' (reviewed), which would"
                + " cancel the mail while it is still being retried: end that path with a plain end event, or put what"
                + " it closes in a subprocess of its own and terminate only that"));
  }

  @Test
  void refusesATimerStartOfAPlaybookThatActsOnAnAccount() {
    String timed = fixture("account-review.bpmn").replace("<bpmn:outgoing>f_start_review</bpmn:outgoing>",
        "<bpmn:outgoing>f_start_review</bpmn:outgoing><bpmn:timerEventDefinition id=\"daily\"><bpmn:timeCycle>"
            + "R/PT24H</bpmn:timeCycle></bpmn:timerEventDefinition>");

    assertThat(VALIDATOR.validate(deployment(timed, true))).extracting(PlaybookProblem::elementId,
        PlaybookProblem::message).containsExactly(org.assertj.core.groups.Tuple.tuple("reviewRequested",
            "Start event 'Review requested' (reviewRequested) starts the playbook on a timer, but its step"
                + " ${saveSuccessPlan} acts on an account, and a playbook started on a timer has no account of its"
                + " own: start it with a message the application sends for an account (such as AccountAtRisk), by"
                + " hand, or from another playbook that passes its accountId (camunda:in source=\"accountId\""
                + " target=\"accountId\")"));
  }

  @Test
  void aCallActivityPassesOnlyItsOwnAccount() {
    String calling = fixture("account-review.bpmn").replace(
        "<bpmn:serviceTask id=\"checkMilestones\" name=\"Check milestones\" camunda:delegateExpression=\"${checkMilestones}\">",
        "<bpmn:callActivity id=\"checkMilestones\" name=\"Check milestones\" calledElement=\"churn-intervention\">"
            + "<bpmn:extensionElements>IN</bpmn:extensionElements>").replace("</bpmn:serviceTask>", "</bpmn:callActivity>");

    assertThat(VALIDATOR.validate(deployment(calling.replace("IN", "<camunda:in businessKey=\"#{execution.processBusinessKey}\" />"
        + "<camunda:in source=\"accountId\" target=\"accountId\" />"), true))).isEmpty();
    assertThat(VALIDATOR.validate(deployment(calling.replace("IN", "<camunda:in sourceExpression=\"${12}\""
        + " target=\"accountId\" /><camunda:in businessKey=\"12\" /><camunda:out source=\"accountId\""
        + " target=\"renewalId\" />"), true))).extracting(PlaybookProblem::message).containsExactly(
            "Call activity 'Check milestones' (checkMilestones) passes ${12} to the playbook it calls as its accountId:"
                + " a called playbook gets the caller's own accountId (camunda:in source=\"accountId\""
                + " target=\"accountId\"), nothing else",
            "Call activity 'Check milestones' (checkMilestones) gives the playbook it calls the business key 12: a"
                + " called playbook runs for the caller's account, with the business key #{execution.processBusinessKey}",
            "Call activity 'Check milestones' (checkMilestones) takes renewalId from the playbook it calls: the"
                + " playbook's renewalId comes from the application (the event that started it for an account, or the"
                + " playbook that called it), and nothing in a playbook may change it");
  }

  /** A file nested thousands of levels deep is refused in words, not with a stack overflow. */
  @Test
  void refusesFilesNestedDeeperThanAnyDiagram() {
    String bpmn = "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"d\" targetNamespace=\"x\">"
        + "<bpmn:process id=\"deep\" isExecutable=\"true\">" + "<bpmn:subProcess>".repeat(20_000)
        + "</bpmn:subProcess>".repeat(20_000) + "</bpmn:process></bpmn:definitions>";
    String dmn = "<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\" id=\"d\" name=\"d\" namespace=\"x\">"
        + "<extensionElements>".repeat(20_000) + "</extensionElements>".repeat(20_000) + "</definitions>";

    List<PlaybookProblem> problems = VALIDATOR.validate(Map.of("deep.bpmn", bpmn.getBytes(StandardCharsets.UTF_8),
        "deep.dmn", dmn.getBytes(StandardCharsets.UTF_8)));

    assertThat(problems).extracting(PlaybookProblem::resource).containsExactlyInAnyOrder("deep.bpmn", "deep.dmn");
    assertThat(problems).allSatisfy(p -> assertThat(p.message()).contains("more than 100 levels deep"));
    // A real playbook nests far less.
    assertThat(VALIDATOR.validate(deployment(fixture("account-review.bpmn"), true))).isEmpty();
  }

  static Map<String, byte[]> deployment(String bpmn, boolean withForm) {
    Map<String, byte[]> resources = new LinkedHashMap<>();
    resources.put("account-review.bpmn", bpmn.getBytes(StandardCharsets.UTF_8));
    if (withForm) {
      resources.put("account-review.form", fixture("account-review.form").getBytes(StandardCharsets.UTF_8));
    }
    return resources;
  }

  public static String fixture(String name) {
    try (var in = PlaybookValidatorTest.class.getResourceAsStream("/playbooks/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
