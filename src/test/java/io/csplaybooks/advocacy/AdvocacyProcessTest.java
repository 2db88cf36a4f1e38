package io.csplaybooks.advocacy;

import static io.csplaybooks.support.ProcessTests.completeAndContinue;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import io.csplaybooks.common.BusinessCalendar;
import io.csplaybooks.security.Groups;
import io.csplaybooks.support.PlaybookTest;
import java.util.Map;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every path of bpmn/advocacy.bpmn. */
@Deployment(resources = "bpmn/advocacy.bpmn")
class AdvocacyProcessTest {

  @RegisterExtension
  static PlaybookTest engine = new PlaybookTest();

  boolean candidate = true;

  @BeforeEach
  void setUp() {
    Mocks.register("advocacyDeadlines", new AdvocacyDeadlines(new AdvocacySettings(10, 20, 6), BusinessCalendar.system()));
    Mocks.register("checkAdvocateCandidate", (JavaDelegate) execution -> {
      execution.setVariable("advocateCandidate", candidate);
      execution.setVariable("csmId", "cleo");
    });
    Mocks.register("recordAdvocacyAnswer", (TaskListener) task -> { });
  }


  @Test
  void theAskEndsWhenTheAccountChurns() {
    ProcessInstance advocacy = promoterAnswered();

    runtimeService().createMessageCorrelation("AccountChurned").processInstanceBusinessKey("7").correlateAll();
    execute(job("startAccountChurned", advocacy));

    assertThat(advocacy).isEnded().hasPassed("endAccountChurned").hasNotPassed("prepareCustomerStory");
    org.assertj.core.api.Assertions.assertThat(taskQuery().processInstanceId(advocacy.getId()).count()).isZero();
  }

  @Test
  void anAgreedCaseStudyGoesToProduct() {
    ProcessInstance advocacy = promoterAnswered();

    org.assertj.core.api.Assertions.assertThat(task(advocacy).getAssignee()).isEqualTo("cleo");
    completeAndContinue(task(advocacy), withVariables("advocacyAnswer", "agreed", "advocacyKind", "case-study"));

    assertThat(task("prepareCustomerStory", advocacy)).hasCandidateGroup(Groups.PRODUCT);
    org.assertj.core.api.Assertions.assertThat(task("prepareCustomerStory", advocacy).getDescription())
        .startsWith("The customer agreed to a case-study.");
    completeAndContinue(task("prepareCustomerStory", advocacy));
    assertThat(advocacy).isEnded().hasPassed("endStoryRequested");
  }

  @Test
  void aDeclinedOrLaterAnswerIsRecordedAndEnds() {
    ProcessInstance advocacy = promoterAnswered();

    completeAndContinue(task(advocacy), withVariables("advocacyAnswer", "later"));

    assertThat(advocacy).isEnded().hasPassed("endAnswerRecorded").hasNotPassed("prepareCustomerStory");
  }

  @Test
  void aPromoterWhoIsNotACandidateNowIsNotAsked() {
    candidate = false;

    assertThat(promoterAnswered()).isEnded().hasPassed("endNotACandidate").hasNotPassed("askForAdvocacy");
  }

  private ProcessInstance promoterAnswered() {
    ProcessInstance advocacy = runtimeService().createMessageCorrelation("PromoterAnswered")
        .processInstanceBusinessKey("7").setVariables(Map.of("accountId", 7L)).correlateStartMessage();
    // The signals intake's transaction ends at the start; the playbook goes on as a job.
    execute(job("startPromoterAnswered", advocacy));
    return advocacy;
  }
}
