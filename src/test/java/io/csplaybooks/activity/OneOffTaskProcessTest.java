package io.csplaybooks.activity;

import static io.csplaybooks.support.ProcessTests.completeAndContinue;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import io.csplaybooks.common.BusinessCalendar;
import io.csplaybooks.security.Groups;
import io.csplaybooks.support.PlaybookTest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every path of bpmn/one-off-task.bpmn, on a test clock. */
@Deployment(resources = "bpmn/one-off-task.bpmn")
class OneOffTaskProcessTest {

  @RegisterExtension
  static PlaybookTest engine = new PlaybookTest();

  static final Instant MONDAY = LocalDate.of(2027, 3, 1).atTime(9, 0).atZone(ZoneId.systemDefault()).toInstant();
  static final Date DUE = Date.from(LocalDate.of(2027, 3, 3).atTime(17, 0).atZone(ZoneId.systemDefault()).toInstant());

  @BeforeEach
  void setUp() {
    engine.clockAt(MONDAY);
    Mocks.register("oneOffTaskDeadlines", new OneOffTaskDeadlines(new ActivitySettings(15, 2, 365),
        BusinessCalendar.system()));
  }

  @Test
  void aTaskGivenToAPersonIsTheirsWithItsDueDateAndEndsWhenDone() {
    ProcessInstance given = give("cleo", null);

    Task task = task("doOneOffTask", given);
    org.assertj.core.api.Assertions.assertThat(task.getName()).isEqualTo("Send the pricing sheet");
    org.assertj.core.api.Assertions.assertThat(task.getAssignee()).isEqualTo("cleo");
    org.assertj.core.api.Assertions.assertThat(task.getDueDate()).isEqualTo(DUE);
    org.assertj.core.api.Assertions.assertThat(task.getDescription())
        .isEqualTo("Send the 2027 pricing sheet to Hank (given by carl)");
    org.assertj.core.api.Assertions.assertThat(engine.getProcessEngine().getTaskService()
        .getIdentityLinksForTask(task.getId())).noneMatch(link -> "candidate".equals(link.getType()));

    completeAndContinue(task, withVariables("taskNotes", "Sent"));

    assertThat(given).isEnded().hasPassed("endTaskDone").hasNotPassed("followUpOverdueTask");
  }

  @Test
  void aTaskGivenToATeamIsTheTeamsToClaim() {
    ProcessInstance given = give(null, Groups.ENGINEERING);

    Task task = task("doOneOffTask", given);
    org.assertj.core.api.Assertions.assertThat(task.getAssignee()).isNull();
    assertThat(task).hasCandidateGroup(Groups.ENGINEERING);
  }

  @Test
  void anOverdueTaskGoesToTheCsManagersAndTheirFollowUpClosesWhenItIsDone() {
    ProcessInstance given = give("cleo", null);
    org.assertj.core.api.Assertions.assertThat(engine.timer("taskOverdue").getDuedate()).isEqualTo(DUE);

    engine.fireTimer("taskOverdue");

    Task followUp = task("followUpOverdueTask", given);
    assertThat(followUp).hasCandidateGroup(Groups.CS_MANAGERS);
    // Two business days from Monday 9:00: Wednesday.
    org.assertj.core.api.Assertions.assertThat(followUp.getDueDate())
        .isEqualTo(Date.from(MONDAY.plusSeconds(2 * 86_400)));
    org.assertj.core.api.Assertions.assertThat(taskQuery().processInstanceId(given.getId()).count()).isEqualTo(2);

    completeAndContinue(task("doOneOffTask", given), withVariables("taskNotes", "Sent, late"));

    assertThat(given).isEnded().hasPassed("endTaskDone").hasNotPassed("endFollowedUp");
  }

  @Test
  void theManagersFollowUpEndsOnItsOwnAndTheTaskStaysOpen() {
    ProcessInstance given = give("cleo", null);
    engine.fireTimer("taskOverdue");

    completeAndContinue(task("followUpOverdueTask", given), withVariables("followUpNotes", "Cleo was out sick"));

    assertThat(given).isActive().hasPassed("endFollowedUp");
    assertThat(given).isWaitingAt("doOneOffTask");
  }

  @Test
  void theTaskEndsWhenTheAccountChurns() {
    ProcessInstance given = give(null, Groups.CS);

    runtimeService().createMessageCorrelation("AccountChurned").processInstanceBusinessKey("7").correlateAll();
    execute(job("startAccountChurned", given));

    assertThat(given).isEnded().hasPassed("endAccountChurned").hasNotPassed("endTaskDone");
    org.assertj.core.api.Assertions.assertThat(taskQuery().processInstanceId(given.getId()).count()).isZero();
  }

  /** As the application gives it (OneOffTasks): keyed by the account, every variable set. */
  private ProcessInstance give(String assignee, String team) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("accountId", 7L);
    variables.put("taskTitle", "Send the pricing sheet");
    variables.put("taskDescription", "Send the 2027 pricing sheet to Hank");
    variables.put("taskAssignee", assignee);
    variables.put("taskTeam", team);
    variables.put("taskDue", DUE);
    variables.put("givenBy", "carl");
    return runtimeService().startProcessInstanceByKey("one-off-task", "7", variables);
  }
}
