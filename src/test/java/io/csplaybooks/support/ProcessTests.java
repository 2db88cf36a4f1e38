package io.csplaybooks.support;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;

/** What the process tests do as people and as the job executor. */
public final class ProcessTests {

  private ProcessTests() {}

  /**
   * Completes the task as a person does, then runs what follows it: every user task is followed
   * by an async boundary, so the person's click commits only their own work.
   */
  public static void completeAndContinue(Task task) {
    completeAndContinue(task, Map.of());
  }

  public static void completeAndContinue(Task task, Map<String, Object> variables) {
    complete(task, variables);
    // After the task, or after all its instances (a multi-instance task waits for the others first).
    List<Job> next = new ArrayList<>();
    for (String activity : List.of(task.getTaskDefinitionKey(), task.getTaskDefinitionKey() + "#multiInstanceBody")) {
      next.addAll(managementService().createJobQuery().processInstanceId(task.getProcessInstanceId())
          .activityId(activity).list());
    }
    if (next.isEmpty() && !isMultiInstance(task)) {
      throw new IllegalStateException("no async continuation after " + task.getTaskDefinitionKey());
    }
    next.forEach(job -> execute(job));
  }

  private static boolean isMultiInstance(Task task) {
    return managementService().createJobDefinitionQuery().processDefinitionId(task.getProcessDefinitionId())
        .activityIdIn(task.getTaskDefinitionKey() + "#multiInstanceBody").count() > 0;
  }
}
