package io.csplaybooks.renewal;

import static io.csplaybooks.support.ProcessTests.completeAndContinue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import io.csplaybooks.common.BusinessCalendar;
import io.csplaybooks.security.Groups;
import io.csplaybooks.support.PlaybookTest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path of bpmn/renewal.bpmn with the real renewal-owner table; the save play is a stand-in
 * that starts and ends. The renewal date is 2027-06-30: the window opens 120 days before.
 */
@Deployment(resources = {"bpmn/renewal.bpmn", "bpmn/renewal-owner.dmn", "stubs/churn-intervention-stub.bpmn"})
class RenewalProcessTest {

  @RegisterExtension
  static PlaybookTest engine = new PlaybookTest();

  static final Date RENEWAL_DATE = Date.from(Instant.parse("2027-06-30T00:00:00Z"));

  final List<String> steps = new ArrayList<>();
  String segment = "mid-market";
  String risk = "low";
  boolean alreadyRenewing;

  public class Facts {
    public String segment(Object accountId) {
      return segment;
    }
  }

  @BeforeEach
  void setUp() {
    engine.clockAt(Instant.parse("2026-11-23T09:00:00Z"));
    RenewalDeadlines deadlines = new RenewalDeadlines(new RenewalSettings(120, List.of(90, 60, 30), 2, 3, 6, null),
        new BusinessCalendar(ZoneOffset.UTC));
    Mocks.register("renewalDeadlines", deadlines);
    Mocks.register("accountFacts", new Facts());
    Mocks.register("openRenewal", (JavaDelegate) execution -> {
      execution.setVariable("alreadyRenewing", alreadyRenewing);
      execution.setVariable("renewalId", 3L);
      execution.setVariable("renewalDate", RENEWAL_DATE);
      execution.setVariable("renewalWindowOpens", deadlines.windowOpens(java.time.LocalDate.parse("2027-06-30")));
    });
    Mocks.register("assignRenewalOwner", (JavaDelegate) execution -> {
      steps.add("owner:" + execution.getVariable("ownerRole"));
      execution.setVariable("renewalOwner", "cleo");
    });
    Mocks.register("scoreRenewalRisk", (JavaDelegate) execution -> execution.setVariable("renewalRisk", risk));
    Mocks.register("saveForecast", (TaskListener) task -> steps.add("forecast:" + task.getVariable("daysBefore")));
    Mocks.register("saveRenewalOutcome", (TaskListener) task -> steps.add("outcome"));
    Mocks.register("renewContract", (JavaDelegate) execution -> steps.add("next term"));
    Mocks.register("closeChurnedAccount", (JavaDelegate) execution -> steps.add("churned"));
    Mocks.register("closeRenewalOfChurnedAccount", (JavaDelegate) execution -> steps.add("renewal lost"));
  }


  @Test
  void theRenewalIsLostWhenTheAccountChurnsBeforeItIsDecided() {
    ProcessInstance renewal = termStarted();

    runtimeService().createMessageCorrelation("AccountChurned").processInstanceBusinessKey("7")
        .setVariable("churnReason", "budget cut").correlateAll();
    execute(job("startAccountChurned", renewal));

    assertThat(renewal).isEnded().hasPassedInOrder("startAccountChurned", "recordRenewalLost", "endAccountChurned");
    assertThat(steps).endsWith("renewal lost");
  }

  @Test
  void aLowRiskRenewalWaitsFor120DaysGoesThroughTheCheckpointsAndStartsTheNextTerm() {
    ProcessInstance renewal = termStarted();

    Job window = managementService().createJobQuery().processInstanceId(renewal.getId()).timers().singleResult();
    assertThat(window.getDuedate()).isEqualTo(Date.from(Instant.parse("2027-03-02T09:00:00Z")));
    openWindow(renewal, window);
    for (String due : List.of("2027-04-01", "2027-05-01", "2027-05-31")) {
      assertThat(task("updateRenewalForecast", renewal)).isAssignedTo("cleo")
          .hasDueDate(Date.from(Instant.parse(due + "T09:00:00Z")));
      completeAndContinue(task("updateRenewalForecast", renewal), withVariables("forecast", "likely"));
    }
    assertThat(task("recordRenewalOutcome", renewal)).hasDueDate(Date.from(Instant.parse("2027-06-30T09:00:00Z")));
    completeAndContinue(task("recordRenewalOutcome", renewal), withVariables("renewalOutcome", "expanded"));

    assertThat(renewal).isEnded().hasPassedInOrder("startContractTermStarted", "openRenewal", "decideRenewalOwner", "assignRenewalOwner",
        "waitForRenewalWindow", "scoreRenewalRisk", "recordRenewalOutcome", "renewContract", "endRenewed")
        .hasNotPassed("runSavePlay");
    assertThat(steps).containsExactly("owner:csm", "forecast:90", "forecast:60", "forecast:30", "outcome", "next term");
  }

  @Test
  void theRenewalOwnerFollowsTheSegment() {
    segment = "enterprise";
    termStarted();
    segment = "scaled";
    termStarted();

    assertThat(steps).containsExactly("owner:account-executive", "owner:account-manager");
  }

  @Test
  void aHighRiskRunsTheSavePlayFirst() {
    risk = "high";
    ProcessInstance renewal = termStarted();

    openWindow(renewal, managementService().createJobQuery().processInstanceId(renewal.getId()).timers().singleResult());

    assertThat(renewal).hasPassedInOrder("scoreRenewalRisk", "runSavePlay").isWaitingAt("updateRenewalForecast");
  }

  @Test
  void noForecastByTheCheckpointIsChasedByCsManagers() {
    ProcessInstance renewal = termStarted();
    openWindow(renewal, managementService().createJobQuery().processInstanceId(renewal.getId()).timers().singleResult());

    execute(managementService().createJobQuery().processInstanceId(renewal.getId()).activityId("forecastOverdue")
        .singleResult());
    assertThat(task("chaseRenewalForecast", renewal)).hasCandidateGroup(Groups.CS_MANAGERS);
    completeAndContinue(task("chaseRenewalForecast", renewal));

    assertThat(renewal).hasPassed("endForecastChased").isWaitingAt("updateRenewalForecast");
  }

  @Test
  void aChurnClosesTheAccount() {
    ProcessInstance renewal = termStarted();
    openWindow(renewal, managementService().createJobQuery().processInstanceId(renewal.getId()).timers().singleResult());
    for (int checkpoint = 0; checkpoint < 3; checkpoint++) {
      completeAndContinue(task("updateRenewalForecast", renewal), withVariables("forecast", "at-risk"));
    }

    completeAndContinue(task("recordRenewalOutcome", renewal), withVariables("renewalOutcome", "churned"));

    assertThat(renewal).isEnded().hasPassed("closeChurnedAccount", "endChurned");
  }

  @Test
  void aTermAlreadyInRenewalIsNotRenewedTwice() {
    alreadyRenewing = true;

    ProcessInstance renewal = termStarted();

    assertThat(renewal).isEnded().hasPassed("startContractTermStarted", "endAlreadyRenewing");
  }

  /** A contract term starts; the renewal opens after its async boundary. */
  private ProcessInstance termStarted() {
    ProcessInstance renewal = runtimeService().createMessageCorrelation("ContractTermStarted")
        .processInstanceBusinessKey("7").setVariables(Map.of("accountId", 7L, "contractId", "C-1"))
        .correlateStartMessage();
    execute(managementService().createJobQuery().processInstanceId(renewal.getId()).activityId("openRenewal")
        .singleResult());
    return renewal;
  }

  /** Fires the 120-days-before timer; the work after it is its own job (async after the timer). */
  private void openWindow(ProcessInstance renewal, Job window) {
    assertThat(window.getJobDefinitionId()).isNotNull();
    execute(window);
    assertThat(renewal).isWaitingAt("waitForRenewalWindow");
    execute(job("waitForRenewalWindow", renewal));
  }
}
