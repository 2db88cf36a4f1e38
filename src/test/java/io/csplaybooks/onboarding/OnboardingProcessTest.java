package io.csplaybooks.onboarding;

import static io.csplaybooks.support.ProcessTests.completeAndContinue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.csplaybooks.account.Accounts;
import io.csplaybooks.account.Contract;
import io.csplaybooks.account.ContractKind;
import io.csplaybooks.common.BusinessCalendar;
import io.csplaybooks.handoff.HandoffBrief;
import io.csplaybooks.handoff.HandoffBriefs;
import io.csplaybooks.security.Groups;
import io.csplaybooks.support.PlaybookTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path of bpmn/onboarding.bpmn, with the real onboarding-plan table and the real "Seed success
 * plan" step over stand-in repositories. Timers are fired by the test on a clock it sets.
 */
@Deployment(resources = {"bpmn/onboarding.bpmn", "bpmn/onboarding-plan.dmn"})
class OnboardingProcessTest {

  @RegisterExtension
  static PlaybookTest engine = new PlaybookTest();

  /** Monday 7 December 2026, 09:00. */
  static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");
  static final LocalDate CONTRACT_START = LocalDate.parse("2026-12-01");

  final HandoffBriefs handoffs = mock(HandoffBriefs.class);
  final Accounts accounts = mock(Accounts.class);
  final SuccessPlans plans = mock(SuccessPlans.class);
  final Deque<Boolean> milestoneChecks = new ArrayDeque<>();
  final List<String> steps = new ArrayList<>();
  List<String> technicalRequirements = List.of("SSO with Okta", "Salesforce integration");
  String segment = "enterprise";

  public class Facts {
    public String segment(Object accountId) {
      return segment;
    }
  }

  @BeforeEach
  void setUp() {
    engine.clockAt(NOW);
    OnboardingDeadlines deadlines = new OnboardingDeadlines(new OnboardingSettings(10, 2, 10, 2, 5, 90, 60, "erin"),
        new BusinessCalendar(ZoneOffset.UTC));
    when(handoffs.of(3L)).thenAnswer(call -> new HandoffBriefs.HandedOver("C-1", new HandoffBrief(List.of("Cut costs"),
        List.of(), List.of(), technicalRequirements, List.of(), List.of(), List.of())));
    when(accounts.findContract("C-1")).thenReturn(Optional.of(
        new Contract("C-1", 7L, CONTRACT_START, CONTRACT_START.plusYears(1), BigDecimal.TEN, ContractKind.NEW_LOGO,
            "USD", null)));
    when(plans.find(anyLong())).thenReturn(Optional.empty());

    Mocks.register("onboardingDeadlines", deadlines);
    Mocks.register("accountFacts", new Facts());
    Mocks.register("seedSuccessPlan", new SeedSuccessPlan(handoffs, accounts, plans, deadlines));
    Mocks.register("checkMilestones", (JavaDelegate) execution -> execution.setVariable("allMilestonesDone",
        milestoneChecks.isEmpty() || milestoneChecks.pop()));
    Mocks.register("completeOnboarding", (JavaDelegate) execution -> steps.add("adoption"));
    Mocks.register("flagStalledOnboarding", (JavaDelegate) execution -> steps.add("at risk"));
    for (String listener : List.of("loadSuccessPlan", "saveSuccessPlan", "completeSetupMilestone",
        "recordTrainingSession", "recordFirstValue")) {
      Mocks.register(listener, (TaskListener) task -> steps.add(listener + ":" + task.getName()));
    }
  }


  @Test
  void onboardingEndsWhenTheAccountChurns() {
    ProcessInstance onboarding = kickoffHeld();

    runtimeService().createMessageCorrelation("AccountChurned").processInstanceBusinessKey("7").correlateAll();
    execute(job("startAccountChurned", onboarding));

    assertThat(onboarding).isEnded().hasPassed("endAccountChurned");
    assertThat(taskQuery().processInstanceId(onboarding.getId()).count()).isZero();
  }

  @Test
  void setupTrainingPlanAndFirstValueInParallelThenTheCustomerIsOnboarded() {
    ProcessInstance onboarding = kickoffHeld();

    assertThat(onboarding).isWaitingAt("setUpRequirement", "buildSuccessPlan", "runTrainingSession",
        "confirmFirstValue");
    assertThat(onboarding).variables().containsEntry("trainingSessions", 3).containsEntry("trainingCadenceDays", 7)
        .containsEntry("firstValueDueDate", Date.from(Instant.parse("2027-01-30T17:00:00Z")))
        .doesNotContainKey("onboardingPlanDecision");
    List<Task> setup = taskQuery().processInstanceId(onboarding.getId()).taskDefinitionKey("setUpRequirement")
        .orderByTaskName().asc().list();
    assertThat(setup).extracting(Task::getName).containsExactly("Set up SSO with Okta", "Set up Salesforce integration");
    // Ten business days from Monday 7 December.
    Date setupDue = Date.from(Instant.parse("2026-12-21T09:00:00Z"));
    assertThat(setup).allSatisfy(t -> assertThat(t).hasCandidateGroup(Groups.ENGINEERING).hasDueDate(setupDue));
    setup.forEach(t -> completeAndContinue(t));

    completeAndContinue(task("buildSuccessPlan", onboarding));
    for (int session = 1; session <= 3; session++) {
      Task training = task("runTrainingSession", onboarding);
      assertThat(training).isAssignedTo("cleo")
          .hasDueDate(Date.from(NOW.plus(java.time.Duration.ofDays(7))));
      assertThat(training.getDescription()).isEqualTo("Training session " + session + " of 3 for the customer's users.");
      completeAndContinue(training);
    }
    assertThat(task("confirmFirstValue", onboarding)).isAssignedTo("cleo")
        .hasDueDate(Date.from(Instant.parse("2027-01-30T17:00:00Z")));
    completeAndContinue(task("confirmFirstValue", onboarding));

    assertThat(onboarding).isEnded().hasPassedInOrder("decideOnboardingPlan", "seedSuccessPlan", "checkMilestones",
        "completeOnboarding", "endOnboarded");
    assertThat(steps).contains("completeSetupMilestone:Set up SSO with Okta", "saveSuccessPlan:Build success plan",
        "recordFirstValue:Confirm first value", "adoption");
    assertThat(steps).filteredOn(s -> s.startsWith("recordTrainingSession")).hasSize(3);
  }

  @Test
  void overdueSetupGoesToTheEngineeringLeadAndEndsWithTheSetup() {
    ProcessInstance onboarding = kickoffHeld();
    Job timer = timers("setupOverdue").get(0);

    execute(timer);

    Task escalation = task("escalateOverdueSetup", onboarding);
    assertThat(escalation).isAssignedTo("erin");
    assertThat(escalation.getDescription()).startsWith("Escalated to the engineering lead: setting up ");
    String item = (String) runtimeService().getVariable(escalation.getExecutionId(), "setupItem");
    Task setup = taskQuery().processInstanceId(onboarding.getId()).taskName("Set up " + item).singleResult();
    completeAndContinue(setup);

    assertThat(taskQuery().taskDefinitionKey("escalateOverdueSetup").count()).isZero();
    assertThat(onboarding).hasPassed("endSetupDone").hasNotPassed("endSetupEscalated");
  }

  @Test
  void anEscalationHandledBeforeTheSetupEndsOnItsOwn() {
    ProcessInstance onboarding = kickoffHeld();
    execute(timers("setupOverdue").get(0));

    completeAndContinue(task("escalateOverdueSetup", onboarding));

    assertThat(onboarding).hasPassed("endSetupEscalated");
    assertThat(taskQuery().taskDefinitionKey("setUpRequirement").count()).isEqualTo(2);
  }

  @Test
  void slowTimeToValueIsReviewedByACsManager() {
    ProcessInstance onboarding = kickoffHeld();

    execute(timers("firstValueOverdue").get(0));
    Task review = task("reviewTimeToValue", onboarding);
    assertThat(review).hasCandidateGroup(Groups.CS_MANAGERS).hasDueDate(Date.from(Instant.parse("2026-12-09T09:00:00Z")));
    completeAndContinue(review);
    assertThat(onboarding).hasPassed("endTimeToValueReviewed").isWaitingAt("confirmFirstValue");

    completeAndContinue(task("confirmFirstValue", onboarding));
    assertThat(onboarding).hasPassed("endFirstValueReached");
  }

  @Test
  void firstValueReachedWhileTheReviewIsOpenClosesTheReview() {
    ProcessInstance onboarding = kickoffHeld();
    execute(timers("firstValueOverdue").get(0));

    completeAndContinue(task("confirmFirstValue", onboarding));

    assertThat(taskQuery().taskDefinitionKey("reviewTimeToValue").count()).isZero();
    assertThat(onboarding).hasNotPassed("endTimeToValueReviewed");
  }

  @Test
  void openMilestonesGoBackToTheCsmUntilTheyAreDone() {
    milestoneChecks.addAll(List.of(false, true));
    technicalRequirements = List.of();
    segment = "scaled";
    ProcessInstance onboarding = kickoffHeld();
    assertThat(onboarding).isWaitingAt("buildSuccessPlan", "runTrainingSession", "confirmFirstValue");
    assertThat(onboarding).hasPassed("technicalSetup#multiInstanceBody");
    assertThat(taskQuery().taskDefinitionKey("setUpRequirement").count()).isZero();

    completeAndContinue(task("buildSuccessPlan", onboarding));
    completeAndContinue(task("runTrainingSession", onboarding));
    completeAndContinue(task("confirmFirstValue", onboarding));

    assertThat(onboarding).isWaitingAt("closeOpenMilestones");
    assertThat(task(onboarding)).isAssignedTo("cleo");
    completeAndContinue(task(onboarding));
    assertThat(onboarding).isEnded().hasPassedInOrder("checkMilestones", "closeOpenMilestones", "checkMilestones",
        "completeOnboarding");
  }

  @Test
  void stillOnboarding90DaysAfterContractStartIsFlaggedAtRisk() {
    ProcessInstance onboarding = kickoffHeld();
    Job stalled = timers("onboardingStalled").get(0);
    assertThat(stalled.getDuedate()).isEqualTo(Date.from(Instant.parse("2027-03-01T17:00:00Z")));

    execute(stalled);

    assertThat(onboarding).hasPassed("flagStalledOnboarding", "endFlaggedAtRisk")
        .isWaitingAt("setUpRequirement", "buildSuccessPlan", "runTrainingSession", "confirmFirstValue");
    assertThat(steps).contains("at risk");
  }

  private ProcessInstance kickoffHeld() {
    ProcessInstance onboarding = runtimeService().createMessageCorrelation("KickoffHeld")
        .processInstanceBusinessKey("7")
        .setVariables(Map.of("accountId", 7L, "handoffId", 3L, "csmId", "cleo", "contractStart",
            Date.from(CONTRACT_START.atStartOfDay(ZoneOffset.UTC).toInstant())))
        .correlateStartMessage();
    // The handoff's transaction ends at the start; onboarding goes on as a job.
    execute(job("startKickoffHeld", onboarding));
    return onboarding;
  }

  private static List<Job> timers(String activityId) {
    return managementService().createJobQuery().timers().activityId(activityId).list();
  }
}
