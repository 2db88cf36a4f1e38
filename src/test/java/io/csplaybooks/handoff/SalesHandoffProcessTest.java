package io.csplaybooks.handoff;

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
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.csplaybooks.account.Accounts;
import io.csplaybooks.common.BusinessCalendar;
import io.csplaybooks.security.Groups;
import io.csplaybooks.security.People;
import io.csplaybooks.security.Person;
import io.csplaybooks.support.PlaybookTest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Walks every path of bpmn/sales-handoff.bpmn with the real assign-csm decision table and the real
 * CSM picker; the other steps are stand-ins that record what they were asked to do. The job
 * executor is off: the test runs jobs and fires timers itself, on a clock it sets.
 */
@Deployment(resources = {"bpmn/sales-handoff.bpmn", "bpmn/assign-csm.dmn"})
class SalesHandoffProcessTest {

  @RegisterExtension
  static PlaybookTest engine = new PlaybookTest();

  /** A Friday: business-day deadlines jump the weekend. */
  static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

  final Deque<Boolean> briefScores = new ArrayDeque<>();
  final List<String> steps = new ArrayList<>();
  final People people = mock(People.class);
  final Accounts accounts = mock(Accounts.class);
  final Facts facts = new Facts();

  /** What the assign-csm table reads about the account. */
  public static class Facts {
    String segment = "enterprise";
    String region = "EMEA";
    double arr = 120_000;

    public String segment(Object accountId) {
      return segment;
    }

    public String region(Object accountId) {
      return region;
    }

    public double arr(Object accountId) {
      return arr;
    }
  }

  @BeforeEach
  void setUp() {
    engine.clockAt(NOW);
    HandoffSettings settings = new HandoffSettings(2, 1, 1, 2, 14, "sam",
        new HandoffSettings.Brief(80, Map.of("business-goals", 1)));
    Mocks.register("handoffDeadlines", new HandoffDeadlines(settings, new BusinessCalendar(ZoneOffset.UTC)));
    Mocks.register("accountFacts", facts);
    Mocks.register("pickLeastLoadedCsm", new PickLeastLoadedCsm(people, accounts));
    Mocks.register("registerClosedContract", (JavaDelegate) execution -> {
      steps.add("register");
      execution.setVariables(crmVariables());
    });
    Mocks.register("announceContractTerm", (JavaDelegate) execution -> steps.add("term started"));
    Mocks.register("scoreHandoffBrief", (JavaDelegate) execution -> {
      boolean complete = briefScores.isEmpty() || briefScores.pop();
      execution.setVariable("briefScore", complete ? 100 : 40);
      execution.setVariable("briefComplete", complete);
      execution.setVariable("briefMissing", complete ? "" : "champion (name and email)");
      steps.add("score");
    });
    Mocks.register("assignCsm", (JavaDelegate) execution -> steps.add("assign:" + execution.getVariable("csmId")));
    Mocks.register("notifyCsmOfNewAccount", (JavaDelegate) execution -> steps.add("mail:csm"));
    Mocks.register("introduceCsmToCustomer", (JavaDelegate) execution -> steps.add("mail:customer"));
    Mocks.register("moveAccountToOnboarding", (JavaDelegate) execution -> steps.add("onboarding"));
    Mocks.register("startOnboarding", (JavaDelegate) execution -> steps.add("kickoff held"));
    Mocks.register("loadHandoffBrief", (TaskListener) task -> steps.add("load:" + task.getTaskDefinitionKey()));
    Mocks.register("saveHandoffBrief", (TaskListener) task -> steps.add("save:" + task.getTaskDefinitionKey()));
    Mocks.register("recordKickoff", (TaskListener) task -> steps.add("kickoff"));

    pod("pod-enterprise-emea", "carl", "cleo");
    pod("pod-strategic", "carl");
    pod("pod-growth");
    when(people.isMember(anyString(), eq(Groups.CS))).thenReturn(true);
    when(accounts.openAccountsPerCsm(any())).thenReturn(Map.of("carl", 5, "cleo", 2));
  }


  @Test
  void theHandoffEndsWhenTheAccountChurns() {
    ProcessInstance handoff = contractClosedInCrm();
    assertThat(handoff).isWaitingAt("holdKickoff");

    runtimeService().createMessageCorrelation("AccountChurned").processInstanceId(handoff.getId())
        .setVariable("churnReason", "deal cancelled").correlateAll();
    execute(job("startAccountChurned", handoff));

    assertThat(handoff).isEnded().hasPassed("endAccountChurned").hasNotPassed("endHandoffComplete");
    assertThat(taskQuery().processInstanceId(handoff.getId()).count()).isZero();
  }

  @Test
  void completeBriefGoesStraightToTheLeastLoadedCsmAndTheKickoff() {
    ProcessInstance handoff = contractClosedInCrm();

    assertThat(handoff).isWaitingAt("holdKickoff", "notifyCsmOfNewAccount");
    assertThat(handoff).variables().containsEntry("csPod", "pod-enterprise-emea").containsEntry("csmId", "cleo")
        .doesNotContainKey("csPodDecision");
    assertThat(task("holdKickoff", handoff)).isAssignedTo("cleo").hasDueDate(kickoffDue());
    sendMail("notifyCsmOfNewAccount", handoff);
    sendMail("introduceCsmToCustomer", handoff);
    completeAndContinue(task("holdKickoff", handoff));

    assertThat(handoff).isEnded().hasPassedInOrder("startContractClosed", "scoreHandoffBrief", "decideCsPod",
        "pickLeastLoadedCsm", "assignCsm", "holdKickoff", "moveAccountToOnboarding", "kickoffHeld", "endHandoffComplete");
    assertThat(handoff).hasNotPassed("completeHandoffBrief", "reviewCsmAssignment", "followUpOverdueKickoff");
    assertThat(steps).containsExactly("term started", "score", "assign:cleo", "load:holdKickoff", "mail:csm", "mail:customer",
        "kickoff", "onboarding", "kickoff held");
  }

  @Test
  void contractEnteredByHandIsRegisteredBeforeScoring() {
    ProcessInstance handoff = runtimeService().startProcessInstanceByKey("sales-handoff", "C-1");

    assertThat(handoff).hasPassedInOrder("startByHand", "registerClosedContract", "scoreHandoffBrief")
        .isWaitingAt("holdKickoff", "notifyCsmOfNewAccount");
    assertThat(steps).startsWith("register", "term started", "score");
  }

  @Test
  void incompleteBriefGoesBackToTheAccountExecutiveWithADeadline() {
    briefScores.addAll(List.of(false, true));
    ProcessInstance handoff = contractClosedInCrm();

    assertThat(handoff).isWaitingAt("completeHandoffBrief");
    // Friday 10:00 plus two business days is Tuesday 10:00.
    Date tuesday = Date.from(Instant.parse("2026-11-24T10:00:00Z"));
    assertThat(task(handoff)).isAssignedTo("alex").hasDueDate(tuesday);
    assertThat(taskQuery().taskCandidateGroup(Groups.SALES).includeAssignedTasks().count()).isOne();
    assertThat(engine.timer("briefOverdue").getDuedate()).isEqualTo(tuesday);
    completeAndContinue(task(handoff));

    assertThat(handoff).hasPassedInOrder("scoreHandoffBrief", "completeHandoffBrief", "scoreHandoffBrief", "assignCsm")
        .isWaitingAt("holdKickoff", "notifyCsmOfNewAccount");
    assertThat(steps).containsSubsequence("score", "load:completeHandoffBrief", "save:completeHandoffBrief", "score");
  }

  @Test
  void overdueBriefEscalatesToTheSalesManager() {
    briefScores.addAll(List.of(false, true));
    ProcessInstance handoff = contractClosedInCrm();

    engine.fireTimer("briefOverdue");

    assertThat(handoff).isWaitingAt("completeOverdueHandoffBrief");
    assertThat(taskQuery().taskDefinitionKey("completeHandoffBrief").count()).isZero();
    // One business day after Friday is Monday.
    assertThat(task(handoff)).isAssignedTo("sam").hasDueDate(Date.from(Instant.parse("2026-11-23T10:00:00Z")));
    completeAndContinue(task(handoff));

    assertThat(handoff).hasPassedInOrder("briefOverdue", "completeOverdueHandoffBrief", "scoreHandoffBrief")
        .isWaitingAt("holdKickoff", "notifyCsmOfNewAccount");
  }

  @Test
  void strategicAccountIsReviewedByACsManagerWhoMayChooseAnotherCsm() {
    facts.segment = "strategic";
    ProcessInstance handoff = contractClosedInCrm();

    assertThat(handoff).isWaitingAt("reviewCsmAssignment").variables()
        .containsEntry("csPod", "pod-strategic").containsEntry("csmId", "carl");
    assertThat(task(handoff)).hasCandidateGroup(Groups.CS_MANAGERS).isNotAssigned()
        .hasDueDate(Date.from(Instant.parse("2026-11-23T10:00:00Z")));
    completeAndContinue(task(handoff), withVariables("csmId", "cleo"));

    assertThat(task("holdKickoff", handoff)).isAssignedTo("cleo");
    assertThat(steps).contains("assign:cleo");
  }

  @Test
  void podWithoutCsmsSendsTheChoiceToACsManager() {
    facts.segment = "mid-market";
    facts.region = "AMER";
    ProcessInstance handoff = contractClosedInCrm();

    assertThat(handoff).isWaitingAt("reviewCsmAssignment").variables()
        .containsEntry("csPod", "pod-growth").containsEntry("reviewRequired", true);
    assertThat(runtimeService().getVariable(handoff.getId(), "csmId")).isNull();
  }

  @Test
  void overdueKickoffEscalatesToCsManagersAndTheFollowUpEndsWhenTheKickoffIsHeld() {
    ProcessInstance handoff = contractClosedInCrm();
    assertThat(engine.timer("kickoffOverdue").getDuedate()).isEqualTo(kickoffDue());

    engine.fireTimer("kickoffOverdue");

    assertThat(handoff).isWaitingAt("holdKickoff", "followUpOverdueKickoff", "notifyCsmOfNewAccount");
    assertThat(task("followUpOverdueKickoff", handoff)).hasCandidateGroup(Groups.CS_MANAGERS)
        .hasDueDate(Date.from(Instant.parse("2026-11-24T10:00:00Z")));
    sendMail("notifyCsmOfNewAccount", handoff);
    sendMail("introduceCsmToCustomer", handoff);
    completeAndContinue(task("holdKickoff", handoff));

    assertThat(handoff).isEnded().hasPassed("endHandoffComplete").hasNotPassed("endFollowedUp");
    assertThat(taskQuery().count()).isZero();
  }

  /**
   * Issue 28: the mails run beside the kickoff. A kickoff held while SMTP is down (the mail jobs not
   * run yet) moves the account into onboarding at once; the mails go out when they can, and the
   * handoff ends with them.
   */
  @Test
  void theKickoffAndOnboardingNeverWaitForTheMails() {
    ProcessInstance handoff = contractClosedInCrm();
    engine.fireTimer("kickoffOverdue");

    completeAndContinue(task("holdKickoff", handoff));

    assertThat(handoff).isActive().hasPassed("moveAccountToOnboarding", "kickoffHeld", "endHandoffComplete")
        .hasNotPassed("endFollowedUp", "endCsmIntroduced").isWaitingAt("notifyCsmOfNewAccount");
    assertThat(steps).endsWith("kickoff", "onboarding", "kickoff held").doesNotContain("mail:csm", "mail:customer");
    assertThat(taskQuery().processInstanceId(handoff.getId()).count()).as("the follow-up closed with the kickoff").isZero();

    sendMail("notifyCsmOfNewAccount", handoff);
    sendMail("introduceCsmToCustomer", handoff);
    assertThat(handoff).isEnded().hasPassed("endCsmIntroduced");
    assertThat(steps).endsWith("kickoff held", "mail:csm", "mail:customer");
  }

  @Test
  void followUpDoneBeforeTheKickoffEndsOnItsOwn() {
    ProcessInstance handoff = contractClosedInCrm();
    engine.fireTimer("kickoffOverdue");

    completeAndContinue(task("followUpOverdueKickoff", handoff));

    assertThat(handoff).hasPassed("endFollowedUp").isWaitingAt("holdKickoff", "notifyCsmOfNewAccount");
  }

  /** The CRM's handoff: the webhook's transaction ends at the start event, the job executor goes on. */
  private ProcessInstance contractClosedInCrm() {
    ProcessInstance handoff = runtimeService().createMessageCorrelation("ContractClosed")
        .processInstanceBusinessKey("C-1")
        .setVariables(crmVariables())
        .correlateStartMessage();
    assertThat(handoff).isWaitingAt("startContractClosed");
    assertThat(steps).isEmpty();
    execute(job("startContractClosed", handoff));
    return handoff;
  }

  private Map<String, Object> crmVariables() {
    Map<String, Object> variables = new HashMap<>();
    variables.put("handoffId", 1L);
    variables.put("accountId", 7L);
    variables.put("contractId", "C-1");
    variables.put("accountExecutive", "alex");
    variables.put("kickoffDueDate", kickoffDue());
    return variables;
  }

  private static Date kickoffDue() {
    return Date.from(Instant.parse("2026-12-04T17:00:00Z"));
  }


  private void pod(String pod, String... csms) {
    when(people.membersOf(pod)).thenReturn(java.util.Arrays.stream(csms)
        .map(id -> new Person(id, id, null, id + "@example.com")).toList());
  }

  /** A mail step is a job of its own (async before): it runs, and the mail branch goes on in it. */
  private static void sendMail(String step, ProcessInstance handoff) {
    execute(job(step, handoff));
  }
}
