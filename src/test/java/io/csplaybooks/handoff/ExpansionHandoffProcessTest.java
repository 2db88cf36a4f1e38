package io.csplaybooks.handoff;

import static io.csplaybooks.support.ProcessTests.completeAndContinue;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;

import io.csplaybooks.common.BusinessCalendar;
import io.csplaybooks.onboarding.OnboardingDeadlines;
import io.csplaybooks.onboarding.OnboardingSettings;
import io.csplaybooks.security.Groups;
import io.csplaybooks.support.PlaybookTest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every path of bpmn/expansion-handoff.bpmn. */
@Deployment(resources = "bpmn/expansion-handoff.bpmn")
class ExpansionHandoffProcessTest {

  @RegisterExtension
  static PlaybookTest engine = new PlaybookTest();

  /** Monday 7 December 2026, 09:00 UTC. */
  static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");

  List<String> requirements = List.of("SSO for the new product", "Data warehouse export");
  final List<String> steps = new ArrayList<>();

  @BeforeEach
  void setUp() {
    engine.clockAt(NOW);
    BusinessCalendar utc = new BusinessCalendar(ZoneOffset.UTC);
    Mocks.register("handoffDeadlines", new HandoffDeadlines(new HandoffSettings(2, 1, 1, 2, 14, "sam",
        new HandoffSettings.Brief(80, Map.of("business-goals", 1))), utc));
    Mocks.register("onboardingDeadlines", new OnboardingDeadlines(new OnboardingSettings(10, 2, 10, 2, 5, 90, 60, "erin"),
        utc));
    Mocks.register("extendSuccessPlan", (JavaDelegate) execution -> {
      steps.add("plan extended");
      execution.setVariable("csmId", "cleo");
      execution.setVariable("setupItems", Variables.objectValue(new ArrayList<>(requirements))
          .serializationDataFormat(Variables.SerializationDataFormats.JSON).create());
    });
    Mocks.register("announceContractTerm", (JavaDelegate) execution -> steps.add("term announced"));
    Mocks.register("loadHandoffBrief", (TaskListener) task -> steps.add("brief shown"));
    Mocks.register("recordExpansionReview", (TaskListener) task -> steps.add("review recorded"));
    Mocks.register("loadSuccessPlan", (TaskListener) task -> steps.add("plan shown"));
    Mocks.register("saveSuccessPlan", (TaskListener) task -> steps.add("plan saved"));
    Mocks.register("completeSetupMilestone", (TaskListener) task -> steps.add("milestone " + task.getVariable("setupItem")));
  }

  @Test
  void theCsmTakesTheExpansionOverWhileEngineeringSetsUpEachNewRequirement() {
    ProcessInstance expansion = contractExpanded();

    Task review = task("reviewExpansion", expansion);
    assertThat(review).isAssignedTo("cleo");
    org.assertj.core.api.Assertions.assertThat(review.getDueDate()).isEqualTo(java.util.Date.from(Instant.parse("2026-12-08T09:00:00Z")));
    List<Task> setups = taskQuery().processInstanceId(expansion.getId()).taskDefinitionKey("setUpNewRequirement").list();
    org.assertj.core.api.Assertions.assertThat(setups).extracting(Task::getName)
        .containsExactlyInAnyOrder("Set up SSO for the new product", "Set up Data warehouse export");
    setups.forEach(setup -> assertThat(setup).hasCandidateGroup(Groups.ENGINEERING));

    completeAndContinue(review, Map.of("expansionNotes", "Rolling out to the EU team in January"));
    Task plan = task("updateSuccessPlan", expansion);
    assertThat(plan).isAssignedTo("cleo");
    completeAndContinue(plan);
    assertThat(expansion).isWaitingAt("setUpNewRequirement");
    setups.forEach(setup -> completeAndContinue(setup));

    assertThat(expansion).isEnded().hasPassed("endExpansionHandedOff");
    // The branches after the plan run side by side: their steps in any order, each branch's in its own.
    org.assertj.core.api.Assertions.assertThat(steps).startsWith("plan extended").containsExactlyInAnyOrder(
        "plan extended", "brief shown", "term announced", "review recorded", "plan shown", "plan saved",
        "milestone SSO for the new product", "milestone Data warehouse export");
    org.assertj.core.api.Assertions.assertThat(steps).containsSubsequence("brief shown", "review recorded",
        "plan shown", "plan saved");
  }

  @Test
  void anAddOnWithoutTechnicalRequirementsNeedsOnlyTheCsm() {
    requirements = List.of();
    ProcessInstance expansion = contractExpanded();

    completeAndContinue(task("reviewExpansion", expansion));
    completeAndContinue(task("updateSuccessPlan", expansion));

    assertThat(expansion).isEnded().hasPassed("endExpansionHandedOff").hasNotPassed("setUpNewRequirement");
  }

  @Test
  void theExpansionEndsWhenTheAccountChurns() {
    ProcessInstance expansion = contractExpanded();

    runtimeService().createMessageCorrelation("AccountChurned").processInstanceBusinessKey("7").correlateAll();
    execute(job("startAccountChurned", expansion));

    assertThat(expansion).isEnded().hasPassed("endAccountChurned").hasNotPassed("endExpansionHandedOff");
    org.assertj.core.api.Assertions.assertThat(taskQuery().processInstanceId(expansion.getId()).count()).isZero();
  }

  private ProcessInstance contractExpanded() {
    ProcessInstance expansion = runtimeService().createMessageCorrelation("ContractExpanded")
        .processInstanceBusinessKey("7")
        .setVariables(Map.of("accountId", 7L, "handoffId", 3L, "contractId", "C-2", "accountExecutive", "ada"))
        .correlateStartMessage();
    // Intake's transaction ends at the start; the playbook goes on as a job.
    execute(job("startContractExpanded", expansion));
    return expansion;
  }
}
