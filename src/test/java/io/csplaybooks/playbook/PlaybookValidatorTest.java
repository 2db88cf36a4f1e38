package io.csplaybooks.playbook;

import static org.assertj.core.api.Assertions.assertThat;

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

/** Each kind of broken playbook is refused with a message that names the element and the problem. */
public class PlaybookValidatorTest {

  static final PlaybookValidator VALIDATOR = new PlaybookValidator(
      PlaybookBeans.scan("io.csplaybooks"), PlaybookModelRulesTest.beanNames()::contains, Groups.TEAMS::contains,
      PlaybookEvent.messages());

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
                + " " + String.join(", ", PlaybookEvent.messages())),
        Arguments.of("a message start that runs the playbook in the sender's transaction",
            "<bpmn:outgoing>f_start_review</bpmn:outgoing>\n    </bpmn:startEvent>",
            "<bpmn:outgoing>f_start_review</bpmn:outgoing>\n      <bpmn:messageEventDefinition id=\"m\""
                + " messageRef=\"OnboardingCompleted\" />\n    </bpmn:startEvent>",
            "Start event 'Review requested' (reviewRequested) starts on a message without an async boundary after it:"
                + " mark it \"Asynchronous after\" (camunda:asyncAfter), so the sender (a person's click, the CRM's"
                + " webhook) does not run this playbook's first steps"),
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
