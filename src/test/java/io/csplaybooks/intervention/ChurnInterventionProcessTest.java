package io.csplaybooks.intervention;

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

import io.csplaybooks.common.BusinessCalendar;
import io.csplaybooks.security.Groups;
import io.csplaybooks.support.PlaybookTest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every path of bpmn/churn-intervention.bpmn; steps are stand-ins, routing and timers are real. */
@Deployment(resources = "bpmn/churn-intervention.bpmn")
class ChurnInterventionProcessTest {

  @RegisterExtension
  static PlaybookTest engine = new PlaybookTest();

  static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");

  final List<String> steps = new ArrayList<>();
  final Deque<Boolean[]> checks = new ArrayDeque<>();
  Set<RiskReason> diagnosis = EnumSet.of(RiskReason.PRODUCT_BUGS, RiskReason.LOW_ADOPTION);
  boolean alreadyOpen;

  @BeforeEach
  void setUp() {
    engine.clockAt(NOW);
    Mocks.register("interventionDeadlines", new InterventionDeadlines(new InterventionSettings(2, 10, 5, 2, "P14D", 3),
        new BusinessCalendar(ZoneOffset.UTC)));
    Mocks.register("openIntervention", (JavaDelegate) execution -> {
      execution.setVariable("joinedOpenIntervention", alreadyOpen);
      execution.setVariable("interventionId", 5L);
      execution.setVariable("csmId", "cleo");
      execution.setVariable("accountExecutive", "ada");
    });
    Mocks.register("saveDiagnosis", (TaskListener) task -> {
      for (RiskReason.Route route : RiskReason.Route.values()) {
        task.getExecution().setVariable(route.variable(), diagnosis.stream().anyMatch(r -> r.route() == route));
      }
    });
    Mocks.register("loadIntervention", (TaskListener) task -> { });
    Mocks.register("addCorrectiveActions", (TaskListener) task -> steps.add("actions"));
    Mocks.register("checkHealth", (JavaDelegate) execution -> {
      Boolean[] next = checks.pop();
      execution.setVariable("healthRecovered", next[0]);
      execution.setVariable("maxChecksReached", next[1]);
      steps.add("check");
    });
    Mocks.register("recordOutcome", (JavaDelegate) execution -> steps.add("outcome:" + execution.getVariableLocal("result")));
    Mocks.register("closeOpenIntervention", (ExecutionListener) execution -> steps.add("ended"));
    Mocks.register("recordTrigger", (JavaDelegate) execution -> steps.add("alarm"));
  }


  @Test
  void theSavePlayEndsWhenTheAccountChurnsAndClosesItsIntervention() {
    ProcessInstance play = healthTurnedRed();
    execute(job("openIntervention", play));

    runtimeService().createMessageCorrelation("AccountChurned").processInstanceBusinessKey("7").correlateAll();
    execute(job("startAccountChurned", play));

    assertThat(play).isEnded().hasPassed("endAccountChurned").hasNotPassed("recordSaved", "recordAccepted");
    assertThat(steps).endsWith("ended");
  }

  @Test
  void bugsAndLowAdoptionGoToEngineeringAndTheCsmThenHealthRecoversAndTheAccountIsSaved() {
    checks.add(new Boolean[] {false, false});
    checks.add(new Boolean[] {true, false});
    ProcessInstance play = healthTurnedRed();
    execute(job("openIntervention", play));

    assertThat(task("diagnoseRisk", play)).isAssignedTo("cleo").hasDueDate(Date.from(Instant.parse("2026-11-25T09:00:00Z")));
    completeAndContinue(task("diagnoseRisk", play));

    assertThat(play).isWaitingAt("fixCustomerBugs", "runEnablementPlan");
    assertThat(task("fixCustomerBugs", play)).hasCandidateGroup(Groups.ENGINEERING)
        .hasDueDate(Date.from(Instant.parse("2026-12-07T09:00:00Z")));
    assertThat(task("runEnablementPlan", play)).isAssignedTo("cleo");
    completeAndContinue(task("fixCustomerBugs", play));
    completeAndContinue(task("runEnablementPlan", play));
    completeAndContinue(task("agreeActionPlan", play));

    Job firstCheck = timer(play);
    assertThat(firstCheck.getDuedate()).isEqualTo(Date.from(NOW.plus(java.time.Duration.ofDays(14))));
    execute(firstCheck);
    execute(timer(play));

    assertThat(play).isEnded().hasPassedInOrder("openIntervention", "diagnoseRisk", "agreeActionPlan",
        "checkHealth", "checkHealth", "recordSaved", "endSaved")
        .hasNotPassed("reviewMissingFeature", "alignAccountAndSponsor");
    assertThat(steps).containsExactly("actions", "check", "check", "outcome:saved", "ended");
  }

  @Test
  void aSecondAlarmForAnAccountInASavePlayJoinsIt() {
    alreadyOpen = true;
    ProcessInstance second = runtimeService().createMessageCorrelation("AccountAtRisk")
        .processInstanceBusinessKey("7")
        .setVariables(Map.of("accountId", 7L, "riskReason", "stalled onboarding"))
        .correlateStartMessage();
    execute(job("startAccountAtRisk", second));
    execute(job("openIntervention", second));

    assertThat(second).isEnded().hasPassed("startAccountAtRisk", "endJoinedOpen").hasNotPassed("diagnoseRisk");
  }

  @Test
  void anotherPlaybookCanRunTheSavePlay() {
    ProcessInstance play = runtimeService().startProcessInstanceByKey("churn-intervention", "7",
        Map.of("accountId", 7L, "riskReason", "renewal at risk"));
    execute(job("openIntervention", play));

    assertThat(play).hasPassed("startFromPlaybook").isWaitingAt("diagnoseRisk");
  }

  @Test
  void theOpenPlayRecordsAnotherAlarm() {
    ProcessInstance play = healthTurnedRed();
    execute(job("openIntervention", play));

    runtimeService().createMessageCorrelation("InterventionTriggered").processInstanceId(play.getId()).correlate();
    execute(job("interventionTriggered", play));

    assertThat(play).hasPassed("recordTrigger", "endTriggerJoined").isWaitingAt("diagnoseRisk");
    assertThat(steps).containsExactly("alarm");
  }

  @Test
  void everyTeamGetsItsWorkAndOverdueWorkIsChasedByCsManagers() {
    diagnosis = EnumSet.allOf(RiskReason.class);
    ProcessInstance play = healthTurnedRed();
    execute(job("openIntervention", play));
    completeAndContinue(task("diagnoseRisk", play));

    assertThat(play).isWaitingAt("fixCustomerBugs", "reviewMissingFeature", "runEnablementPlan",
        "alignAccountAndSponsor");
    assertThat(task("reviewMissingFeature", play)).hasCandidateGroup(Groups.PRODUCT);
    assertThat(task("alignAccountAndSponsor", play)).isAssignedTo("ada");
    for (String overdue : List.of("bugsOverdue", "featureReviewOverdue", "enablementOverdue", "alignmentOverdue")) {
      execute(managementService().createJobQuery().processInstanceId(play.getId()).activityId(overdue).singleResult());
    }
    assertThat(taskQuery().processInstanceId(play.getId()).taskCandidateGroup(Groups.CS_MANAGERS).count()).isEqualTo(4);
    for (String chase : List.of("chaseBugFixes", "chaseFeatureReview", "chaseEnablementPlan", "chaseAlignment")) {
      completeAndContinue(task(chase, play));
    }
    for (String work : List.of("fixCustomerBugs", "reviewMissingFeature", "runEnablementPlan", "alignAccountAndSponsor")) {
      completeAndContinue(task(work, play));
    }

    assertThat(play).hasPassed("endBugsChased", "endFeatureChased", "endEnablementChased", "endAlignmentChased")
        .isWaitingAt("agreeActionPlan");
  }

  @Test
  void stillRedAfterTheChecksACsManagerContinuesEscalatesThenAcceptsTheRisk() {
    diagnosis = EnumSet.of(RiskReason.COMPETITOR);
    checks.add(new Boolean[] {false, true});
    checks.add(new Boolean[] {false, true});
    checks.add(new Boolean[] {false, true});
    ProcessInstance play = healthTurnedRed();
    execute(job("openIntervention", play));
    completeAndContinue(task("diagnoseRisk", play));
    completeAndContinue(task("alignAccountAndSponsor", play));
    completeAndContinue(task("agreeActionPlan", play));

    execute(timer(play));
    assertThat(task("decideOnAtRiskAccount", play)).hasCandidateGroup(Groups.CS_MANAGERS);
    completeAndContinue(task("decideOnAtRiskAccount", play), withVariables("atRiskDecision", "continue"));
    execute(timer(play));
    completeAndContinue(task("decideOnAtRiskAccount", play), withVariables("atRiskDecision", "escalate"));
    assertThat(task("engageExecutiveSponsor", play)).isAssignedTo("ada");
    completeAndContinue(task("engageExecutiveSponsor", play));
    execute(timer(play));
    completeAndContinue(task("decideOnAtRiskAccount", play), withVariables("atRiskDecision", "accept"));

    assertThat(play).isEnded().hasPassed("recordAccepted", "endAccepted").hasNotPassed("recordSaved");
    assertThat(steps).endsWith("outcome:accepted", "ended");
  }

  private ProcessInstance healthTurnedRed() {
    ProcessInstance play = runtimeService().createMessageCorrelation("HealthTurnedRed")
        .processInstanceBusinessKey("7")
        .setVariables(Map.of("accountId", 7L))
        .correlateStartMessage();
    // Health scoring's transaction ends at the start; the save play goes on as a job.
    execute(job("startHealthTurnedRed", play));
    return play;
  }

  private static Job timer(ProcessInstance play) {
    return managementService().createJobQuery().processInstanceId(play.getId()).activityId("waitForHealthCheck")
        .singleResult();
  }
}
