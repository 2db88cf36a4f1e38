package io.csplaybooks.workspace;

import io.csplaybooks.common.EngineClock;
import io.csplaybooks.playbook.AccountId;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

/**
 * Open tasks as the pages list them: what (named in the person's language, the BPMN's name where the
 * forms' bundle has none), whose account, when due, and the link to the task page.
 */
@Service
class WorkspaceTasks {

  /**
   * An open task; {@code accountId} is null for a task about no account; {@code priority} is the
   * engine's (0-100, from the task-priority table).
   */
  record OpenTask(String id, String name, String assignee, Instant due, Long accountId, String accountName,
      boolean overdue, int priority) {

    /** The task's page in the workspace (TaskPage); its form there is the one Tasklist shows. */
    public String link() {
      return WorkspaceTasks.link(id);
    }

    /** The due time on the server's clock, for the page. */
    public LocalDateTime dueLocal() {
      return due == null ? null : LocalDateTime.ofInstant(due, ZoneId.systemDefault());
    }
  }

  /** A task's page in the workspace. */
  static String link(String taskId) {
    return "/tasks/" + taskId;
  }

  private final TaskService tasks;
  private final RuntimeService runtime;
  private final FormTranslations translations;

  WorkspaceTasks(TaskService tasks, RuntimeService runtime, FormTranslations translations) {
    this.tasks = tasks;
    this.runtime = runtime;
    this.translations = translations;
  }

  /** The person's tasks, soonest due first (tasks without a due date last). */
  List<OpenTask> assignedTo(String userId, Locale locale) {
    return describe(tasks.createTaskQuery().taskAssignee(userId).orderByDueDate().asc().orderByTaskCreateTime().asc()
        .listPage(0, 500), locale);
  }

  /** The open tasks of these playbook instances. */
  List<OpenTask> ofInstances(Collection<String> processInstanceIds, Locale locale) {
    if (processInstanceIds.isEmpty()) {
      return List.of();
    }
    return describe(tasks.createTaskQuery().processInstanceIdIn(processInstanceIds.toArray(String[]::new))
        .orderByDueDate().asc().orderByTaskCreateTime().asc().list(), locale);
  }

  /** Each task with its account: the account id of its playbook and the name the task carries (two queries). */
  private List<OpenTask> describe(List<Task> open, Locale locale) {
    if (open.isEmpty()) {
      return List.of();
    }
    Map<String, Long> accountOfInstance = new HashMap<>();
    for (VariableInstance v : runtime.createVariableInstanceQuery().variableName(AccountId.VARIABLE)
        .processInstanceIdIn(open.stream().map(Task::getProcessInstanceId).distinct().toArray(String[]::new)).list()) {
      if (v.getValue() instanceof Number id && v.getExecutionId().equals(v.getProcessInstanceId())) {
        accountOfInstance.put(v.getProcessInstanceId(), id.longValue());
      }
    }
    Map<String, String> accountNameOfTask = new HashMap<>();
    for (VariableInstance v : runtime.createVariableInstanceQuery().variableName("accountName")
        .taskIdIn(open.stream().map(Task::getId).toArray(String[]::new)).list()) {
      if (v.getValue() instanceof String name) {
        accountNameOfTask.put(v.getTaskId(), name);
      }
    }
    Instant now = EngineClock.now();
    return open.stream().map(t -> new OpenTask(t.getId(),
        translations.taskName(t.getTaskDefinitionKey(), t.getName(), Map.of(), locale), t.getAssignee(),
        t.getDueDate() == null ? null : t.getDueDate().toInstant(), accountOfInstance.get(t.getProcessInstanceId()),
        accountNameOfTask.get(t.getId()), t.getDueDate() != null && t.getDueDate().toInstant().isBefore(now),
        t.getPriority())).toList();
  }

  /** Most urgent first, then the soonest due (tasks without a due date last). */
  static final java.util.Comparator<OpenTask> BY_PRIORITY = java.util.Comparator.comparingInt(OpenTask::priority)
      .reversed().thenComparing(OpenTask::due, java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()));

  static boolean dueWithinAWeek(OpenTask task) {
    Instant now = EngineClock.now();
    return task.due() != null && !task.overdue() && task.due().isBefore(now.plus(7, ChronoUnit.DAYS));
  }
}
