package io.csplaybooks.qbr;

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
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.csplaybooks.account.Account;
import io.csplaybooks.account.AccountFacts;
import io.csplaybooks.account.Accounts;
import io.csplaybooks.account.LifecycleStage;
import io.csplaybooks.account.Segment;
import io.csplaybooks.common.BusinessCalendar;
import io.csplaybooks.feedback.FeedbackDeadlines;
import io.csplaybooks.feedback.FeedbackSettings;
import io.csplaybooks.playbook.RunningPlaybooks;
import io.csplaybooks.security.Groups;
import io.csplaybooks.support.PlaybookTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path of bpmn/qbr-cycle.bpmn with the real cadence table, the real planning steps and dates,
 * and stand-ins for the pack, the forms' listeners and the mail. Timers fire on a clock the test sets.
 */
@Deployment(resources = {"bpmn/qbr-cycle.bpmn", "bpmn/qbr-cadence.dmn"})
class QbrCycleProcessTest {

  @RegisterExtension
  static PlaybookTest engine = new PlaybookTest();

  /** Monday 7 December 2026, 09:00 UTC: the account reaches adoption. */
  static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");

  final Accounts accounts = mock(Accounts.class);
  final List<String> steps = new ArrayList<>();
  String segment = "enterprise";
  boolean expansionSignals = true;
  List<Long> bugs = List.of(11L);
  List<Long> productItems = List.of(12L, 13L);

  /** The account's facts, with a segment each test sets. */
  public class Facts extends AccountFacts {
    Facts() {
      super(accounts);
    }

    @Override
    public String segment(Object accountId) {
      return segment;
    }
  }

  @BeforeEach
  void setUp() {
    engine.clockAt(NOW);
    when(accounts.findById(7L)).thenReturn(Optional.of(new Account(7L, "CRM-7", "Globex", Segment.ENTERPRISE, "EMEA",
        BigDecimal.valueOf(120000), "USD", LifecycleStage.ADOPTION, "cleo", "ada", null, null, null, 80, "green", NOW, NOW)));
    BusinessCalendar utc = new BusinessCalendar(ZoneOffset.UTC);
    Facts facts = new Facts();
    QbrDeadlines deadlines = new QbrDeadlines(new QbrSettings(30, 14, 2, 5, 10), utc, facts);
    Mocks.register("qbrDeadlines", deadlines);
    Mocks.register("feedbackDeadlines", new FeedbackDeadlines(new FeedbackSettings(10), utc));
    Mocks.register("accountFacts", facts);
    // The running_playbook key, in memory: the first claim of an account wins.
    Set<String> claimed = new HashSet<>();
    RunningPlaybooks running = mock(RunningPlaybooks.class);
    when(running.claim(anyString(), anyString(), anyString())).thenAnswer(call -> claimed.add(call.getArgument(1)));
    Mocks.register("startQbrCycle", new StartQbrCycle(running));
    Mocks.register("planQbrRound", new PlanQbrRound(deadlines));
    Mocks.register("prepareQbrPack", (JavaDelegate) execution -> steps.add("pack " + execution.getVariable("qbrRound")));
    Mocks.register("sendQbrSummary", (JavaDelegate) execution -> steps.add("summary " + execution.getVariable("summaryRound")));
    Mocks.register("saveQbrOutcome", (TaskListener) task -> {
      task.getExecution().setVariable("hasExpansionSignals", expansionSignals);
      task.getExecution().setVariable("bugIds", Variables.objectValue(new ArrayList<>(bugs)).create());
      task.getExecution().setVariable("productFeedbackIds", Variables.objectValue(new ArrayList<>(productItems)).create());
    });
    for (String listener : List.of("loadQbrContext", "loadUpsellOpportunity", "loadFeedbackItem", "closeFeedbackItem")) {
      Mocks.register(listener, (TaskListener) task -> steps.add(listener + ":" + task.getTaskDefinitionKey()));
    }
  }


  @Test
  void anEnterpriseRoundFromPackToOutcomeRoutesUpsellAndFeedbackAndPlansTheNextRound() {
    ProcessInstance cycle = onboardingCompleted();

    // First QBR three months after adoption; the pack and the CSM's task come 30 days before it.
    assertThat(cycle).isWaitingAt("preparationWindowOpens").variables()
        .containsEntry("qbrRound", 1).containsEntry("qbrCadenceMonths", 3).containsEntry("qbrFormat", "meeting")
        .containsEntry("qbrDate", date("2027-03-07T09:00:00Z")).doesNotContainKey("qbrCadenceDecision");
    Job window = engine.timer("preparationWindowOpens");
    assertThat(window.getDuedate()).isEqualTo(date("2027-02-05T09:00:00Z"));
    execute(window);

    Task prepare = task("scheduleAndPrepareQbr", cycle);
    assertThat(prepare).isAssignedTo("cleo").hasDueDate(date("2027-02-21T09:00:00Z"));
    assertThat(steps).containsExactly("pack 1", "loadQbrContext:scheduleAndPrepareQbr");
    completeAndContinue(prepare);

    Task outcome = task("recordQbrOutcome", cycle);
    // Five business days after Sunday 7 March 2027.
    assertThat(outcome).isAssignedTo("cleo").hasDueDate(date("2027-03-12T09:00:00Z"));
    completeAndContinue(outcome);

    assertThat(cycle).hasPassed("endQbrPrepared").isWaitingAt("pursueUpsellOpportunity", "fixReportedBug",
        "reviewProductFeedback", "preparationWindowOpens");
    assertThat(runtimeService().getVariable(cycle.getId(), "qbrRound")).isEqualTo(2);
    assertThat(runtimeService().getVariable(cycle.getId(), "qbrDate")).isEqualTo(date("2027-03-07T09:00:00Z"));
    Task upsell = task("pursueUpsellOpportunity", cycle);
    assertThat(upsell).isAssignedTo("ada").hasDueDate(date("2026-12-21T09:00:00Z"));
    List<Task> bugTasks = taskQuery().processInstanceId(cycle.getId()).taskDefinitionKey("fixReportedBug").list();
    assertThat(bugTasks).hasSize(1).allSatisfy(t -> assertThat(t).hasCandidateGroup(Groups.ENGINEERING));
    List<Task> productTasks = taskQuery().processInstanceId(cycle.getId()).taskDefinitionKey("reviewProductFeedback").list();
    assertThat(productTasks).hasSize(2).allSatisfy(t -> assertThat(t).hasCandidateGroup(Groups.PRODUCT));
    assertThat(productTasks).extracting(t -> runtimeService().getVariable(t.getExecutionId(), "feedbackItemId"))
        .containsExactlyInAnyOrder(12L, 13L);

    completeAndContinue(upsell);
    bugTasks.forEach(t -> completeAndContinue(t));
    productTasks.forEach(t -> completeAndContinue(t));
    assertThat(cycle).hasPassed("endUpsellPursued", "endBugsAnswered", "endProductFeedbackAnswered")
        .isWaitingAt("preparationWindowOpens");
    assertThat(steps).contains("loadUpsellOpportunity:pursueUpsellOpportunity", "closeFeedbackItem:fixReportedBug");
  }

  @Test
  void theNextRoundIsTheCadenceAfterTheLastOne() {
    ProcessInstance cycle = onboardingCompleted();
    playRound(cycle);
    engine.clockAt(Instant.parse("2027-03-08T10:00:00Z"));
    expansionSignals = false;
    bugs = List.of();
    productItems = List.of();

    playRound(cycle);

    assertThat(runtimeService().getVariable(cycle.getId(), "qbrRound")).isEqualTo(3);
    assertThat(runtimeService().getVariable(cycle.getId(), "qbrDate")).isEqualTo(date("2027-06-08T09:00:00Z"));
  }

  @Test
  void aLatePreparationGoesToCsManagersAndClosesWhenTheCsmIsDone() {
    ProcessInstance cycle = onboardingCompleted();
    engine.fireTimer("preparationWindowOpens");

    Job late = engine.timer("qbrPreparationLate");
    assertThat(late.getDuedate()).isEqualTo(date("2027-02-21T09:00:00Z"));
    engine.clockAt(Instant.parse("2027-02-22T09:00:00Z"));
    execute(late);
    Task followUp = task("followUpLateQbr", cycle);
    assertThat(followUp).hasCandidateGroup(Groups.CS_MANAGERS).hasDueDate(date("2027-02-24T09:00:00Z"));

    completeAndContinue(task("scheduleAndPrepareQbr", cycle));

    assertThat(taskQuery().taskDefinitionKey("followUpLateQbr").count()).isZero();
    assertThat(cycle).hasPassed("endQbrPrepared").hasNotPassed("endLateQbrFollowedUp").isWaitingAt("recordQbrOutcome");
  }

  @Test
  void aFollowUpHandledBeforeThePreparationEndsOnItsOwn() {
    ProcessInstance cycle = onboardingCompleted();
    engine.fireTimer("preparationWindowOpens");
    engine.fireTimer("qbrPreparationLate");

    completeAndContinue(task("followUpLateQbr", cycle));

    assertThat(cycle).hasPassed("endLateQbrFollowedUp").isWaitingAt("scheduleAndPrepareQbr");
  }

  @Test
  void noExpansionSignalsAndNoFeedbackRouteNothing() {
    expansionSignals = false;
    bugs = List.of();
    productItems = List.of();
    ProcessInstance cycle = onboardingCompleted();

    playRound(cycle);
    // Lists with nothing in them are done at once; what follows each is a job of its own.
    execute(job("fixReportedBug#multiInstanceBody", cycle));
    execute(job("reviewProductFeedback#multiInstanceBody", cycle));

    assertThat(cycle).hasPassed("endNoExpansionSignals", "endBugsAnswered", "endProductFeedbackAnswered")
        .hasNotPassed("pursueUpsellOpportunity").isWaitingAt("preparationWindowOpens");
    assertThat(taskQuery().processInstanceId(cycle.getId()).count()).isZero();
  }

  @Test
  void midMarketMeetsTwiceAYear() {
    segment = "mid-market";
    ProcessInstance cycle = onboardingCompleted();

    assertThat(cycle).variables().containsEntry("qbrCadenceMonths", 6).containsEntry("qbrDate", date("2027-06-07T09:00:00Z"));
  }

  @Test
  void scaledGetsAQuarterlySummaryMailInsteadOfAMeeting() {
    segment = "scaled";
    ProcessInstance cycle = onboardingCompleted();
    assertThat(cycle).isWaitingAt("quarterEnds").variables().containsEntry("qbrFormat", "email-summary");
    Job quarter = engine.timer("quarterEnds");
    assertThat(quarter.getDuedate()).isEqualTo(date("2027-03-07T09:00:00Z"));
    engine.clockAt(Instant.parse("2027-03-07T09:00:00Z"));

    execute(quarter);
    // The mail runs beside the cycle: the next quarter is planned before the mail goes out.
    assertThat(cycle).isWaitingAt("sendQbrSummary", "quarterEnds").hasPassedInOrder("planQbrSummary",
        "prepareQbrSummary", "planQbrSummary");
    assertThat(cycle).variables().containsEntry("qbrRound", 2);
    assertThat(engine.timer("quarterEnds").getDuedate()).isEqualTo(date("2027-06-07T09:00:00Z"));
    // The send is a job of its own, and it ends the mail's branch; it mails this quarter's round.
    execute(managementService().createJobQuery().processInstanceId(cycle.getId()).activityId("sendQbrSummary").singleResult());

    assertThat(steps).containsExactly("pack 1", "summary 1");
    assertThat(cycle).isWaitingAt("quarterEnds").hasPassed("endSummaryMailed", "endSummarySent");
    assertThat(taskQuery().processInstanceId(cycle.getId()).count()).isZero();
  }

  @Test
  void oneCyclePerAccount() {
    ProcessInstance first = onboardingCompleted();

    ProcessInstance second = onboardingCompleted();

    assertThat(second).isEnded().hasPassed("endAlreadyInCycle");
    assertThat(first).isActive();
  }

  @Test
  void theCycleEndsWhenTheAccountChurns() {
    ProcessInstance cycle = onboardingCompleted();
    engine.fireTimer("preparationWindowOpens");

    runtimeService().createMessageCorrelation("AccountChurned").processInstanceBusinessKey("7")
        .setVariable("churnReason", "budget cut").correlateAll();
    execute(job("startAccountChurned", cycle));

    assertThat(cycle).isEnded().hasPassed("startAccountChurned", "endAccountChurned");
    assertThat(taskQuery().processInstanceId(cycle.getId()).count()).isZero();
  }

  private void playRound(ProcessInstance cycle) {
    engine.fireTimer("preparationWindowOpens");
    completeAndContinue(task("scheduleAndPrepareQbr", cycle));
    completeAndContinue(task("recordQbrOutcome", cycle));
  }

  private ProcessInstance onboardingCompleted() {
    ProcessInstance cycle = runtimeService().createMessageCorrelation("OnboardingCompleted")
        .processInstanceBusinessKey("7")
        .setVariables(Map.of("accountId", 7L))
        .correlateStartMessage();
    // Onboarding's transaction ends at the start; the cycle goes on as a job.
    execute(job("startOnboardingCompleted", cycle));
    return cycle;
  }


  private static Date date(String instant) {
    return Date.from(Instant.parse(instant));
  }
}
