package io.csplaybooks.workspace;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.csplaybooks.common.FieldError;
import io.csplaybooks.common.ForbiddenException;
import io.csplaybooks.common.InvalidInputException;
import io.csplaybooks.common.NotFoundException;
import io.csplaybooks.playbook.FormCompleteness;
import io.csplaybooks.playbook.PlaybookForms;
import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Service;

/**
 * A task as the workspace's task page works it, always as the signed-in person through the engine's
 * authorization: a task they may not see is not there (404); reading its form and values, claiming
 * and completing it are the person's commands, so the engine's checks and the playbooks' guard
 * (a person sets the fields of the task's form and nothing else) hold here as in Tasklist.
 */
@Service
class TaskWork {

  /** A task open on the page: its form (the deployed .form) and the values the form shows. */
  record OpenedTask(Task task, String processKey, String processName, Long accountId, JsonNode schema,
      Map<String, Object> values, Set<String> settable) {

    String formId() {
      return schema.path("id").asText();
    }

    boolean claimed() {
      return task.getAssignee() != null;
    }
  }

  /** A completion: the task's account, and what the playbook would find missing when nothing was sent. */
  record Completed(Long accountId, List<FieldError> missing) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Forms kept parsed (playbook versions times their tasks). */
  private static final int FORMS_KEPT = 512;

  private final TaskService tasks;
  private final FormService forms;
  private final IdentityService identity;
  private final InboxQueries inbox;
  private final RepositoryService repository;
  private final List<FormCompleteness> completeness;

  /** Forms by playbook version and task, the most recently used kept (a version's form never changes). */
  private final Cache<String, TaskFormOf> formsByTask = Caffeine.newBuilder().maximumSize(FORMS_KEPT).build();

  TaskWork(TaskService tasks, FormService forms, IdentityService identity, InboxQueries inbox,
      RepositoryService repository, List<FormCompleteness> completeness) {
    this.tasks = tasks;
    this.forms = forms;
    this.identity = identity;
    this.inbox = inbox;
    this.repository = repository;
    this.completeness = completeness;
  }

  /** The task with its form and values, as the person may see it; NotFoundException when they may not. */
  OpenedTask open(String taskId, WorkspaceUser me) {
    return open(taskId, me, true);
  }

  /**
   * The task as the person may see it, with its form (read once per playbook version and task: the
   * validator admits only forms bound to their deployment, so a version's form never changes) and,
   * when asked, the values the form shows.
   */
  private OpenedTask open(String taskId, WorkspaceUser me, boolean withValues) {
    record Seen(Task task, TaskFormOf form, Map<String, Object> values) {}
    Seen seen = as(me, () -> {
      Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
      if (task == null) {
        throw new NotFoundException("no task " + taskId);
      }
      TaskFormOf form = form(task);
      Map<String, Object> values = new LinkedHashMap<>();
      if (withValues) {
        VariableMap variables = forms.getTaskFormVariables(taskId, form.shown(), true);
        for (String name : form.shown()) {
          TypedValue typed = variables.getValueTyped(name);
          if (typed != null) {
            values.put(name, plain(typed.getValue()));
          }
        }
      }
      return new Seen(task, form, values);
    });
    // The person may see the task: its playbook and account are the application's to read.
    Task task = seen.task();
    ProcessDefinition definition = task.getProcessDefinitionId() == null ? null
        : repository.getProcessDefinition(task.getProcessDefinitionId());
    Long accountId = task.getProcessInstanceId() == null ? null
        : inbox.accountOf(task.getProcessInstanceId()).orElse(null);
    return new OpenedTask(task, definition == null ? null : definition.getKey(),
        definition == null ? null : definition.getName(), accountId, seen.form().schema(), seen.values(),
        seen.form().settable());
  }

  /** A task's Camunda Form: the schema, the variables it shows and those a person may set through it. */
  private record TaskFormOf(JsonNode schema, Set<String> shown, Set<String> settable) {}

  private TaskFormOf form(Task task) {
    String key = task.getProcessDefinitionId() == null ? null
        : task.getProcessDefinitionId() + "#" + task.getTaskDefinitionKey();
    TaskFormOf known = key == null ? null : formsByTask.getIfPresent(key);
    if (known != null) {
      return known;
    }
    JsonNode schema = schema(task.getId());
    TaskFormOf read = new TaskFormOf(schema, names(schema),
        PlaybookForms.settable(schema.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    if (key != null && fixed(task)) {
      formsByTask.put(key, read);
    }
    return read;
  }

  /** Whether the task's form is bound to its playbook version (what the validator admits). */
  private boolean fixed(Task task) {
    var element = repository.getBpmnModelInstance(task.getProcessDefinitionId())
        .getModelElementById(task.getTaskDefinitionKey());
    return element instanceof org.camunda.bpm.model.bpmn.instance.UserTask user
        && "deployment".equals(user.getCamundaFormRefBinding());
  }

  /** The person claims a team's task (the engine refuses a task someone else holds, or one they may not work). */
  void claim(String taskId, WorkspaceUser me) {
    OpenedTask task = open(taskId, me, false);
    if (task.claimed()) {
      if (task.task().getAssignee().equals(me.id())) {
        return;
      }
      throw new ForbiddenException("the task is " + task.task().getAssignee() + "'s");
    }
    as(me, () -> {
      tasks.claim(taskId, me.id());
      return null;
    });
  }

  /**
   * Checks what the person sent against the task's form (only its fields, with the values a form
   * gives: text, numbers, yes/no, and JSON for its lists), then says what the playbook will find
   * missing ({@link FormCompleteness}) unless the person chose to send it as it is, then submits
   * the form as the person. The playbook's listeners refuse invalid values with the field and reason
   * ({@link InvalidInputException}), and the task stays open with nothing changed.
   *
   * @return the task's account, and what is missing (then nothing was submitted; empty once completed)
   */
  Completed complete(String taskId, WorkspaceUser me, Map<String, Object> submitted, boolean asItIs) {
    OpenedTask task = open(taskId, me, false);
    if (!task.claimed()) {
      throw new ForbiddenException("claim the task before you complete it");
    }
    if (!task.task().getAssignee().equals(me.id()) && !me.isManager()) {
      throw new ForbiddenException("the task is " + task.task().getAssignee() + "'s");
    }
    List<FieldError> wrong = new ArrayList<>();
    Map<String, Object> values = new LinkedHashMap<>();
    submitted.forEach((name, value) -> {
      if (!task.settable().contains(name)) {
        wrong.add(new FieldError(name, "is not a field of this form"));
      } else {
        values.put(name, value);
      }
    });
    if (!wrong.isEmpty()) {
      throw new InvalidInputException(wrong);
    }
    VariableMap typed = typed(values);
    if (!asItIs) {
      for (FormCompleteness check : completeness) {
        if (check.formId().equals(task.formId())) {
          List<FieldError> missing = check.missing(typed);
          if (!missing.isEmpty()) {
            return new Completed(task.accountId(), missing);
          }
        }
      }
    }
    as(me, () -> {
      forms.submitTaskForm(taskId, typed);
      return null;
    });
    return new Completed(task.accountId(), List.of());
  }

  /** The values as a form submits them: text, whole and decimal numbers, yes/no, none, and JSON for lists. */
  static VariableMap typed(Map<String, Object> values) {
    VariableMap typed = Variables.createVariables();
    values.forEach((name, value) -> {
      if (value == null) {
        typed.putValueTyped(name, Variables.untypedNullValue());
      } else if (value instanceof String s) {
        typed.putValueTyped(name, Variables.stringValue(s));
      } else if (value instanceof Boolean b) {
        typed.putValueTyped(name, Variables.booleanValue(b));
      } else if (value instanceof Integer || value instanceof Long) {
        typed.putValueTyped(name, Variables.longValue(((Number) value).longValue()));
      } else if (value instanceof Number n) {
        typed.putValueTyped(name, Variables.doubleValue(n.doubleValue()));
      } else if (value instanceof List<?> || value instanceof Map<?, ?>) {
        try {
          typed.putValueTyped(name, SpinValues.jsonValue(JSON.writeValueAsString(value)).create());
        } catch (IOException e) {
          throw new InvalidInputException(name, "must be a list of rows");
        }
      } else {
        throw new InvalidInputException(name, "must be text, a number, yes or no, or a list");
      }
    });
    return typed;
  }

  private JsonNode schema(String taskId) {
    try (InputStream form = forms.getDeployedTaskForm(taskId)) {
      JsonNode schema = JSON.readTree(form);
      if (!(schema instanceof ObjectNode)) {
        throw new NotFoundException("task " + taskId + " has no Camunda Form");
      }
      return schema;
    } catch (IOException | org.camunda.bpm.engine.BadUserRequestException e) {
      throw new NotFoundException("task " + taskId + " has no Camunda Form");
    }
  }

  /** The variables the form shows or sets: its fields' keys and its lists' paths. */
  static Set<String> names(JsonNode schema) {
    Set<String> names = new LinkedHashSet<>();
    collect(schema.path("components"), names);
    return names;
  }

  private static void collect(JsonNode components, Set<String> names) {
    for (JsonNode component : components) {
      if ("dynamiclist".equals(component.path("type").asText())) {
        if (component.hasNonNull("path")) {
          names.add(component.path("path").asText().split("\\.")[0]);
        }
        continue;
      }
      if (component.hasNonNull("key")) {
        names.add(component.path("key").asText().split("\\.")[0]);
      }
      if (component.has("components")) {
        collect(component.path("components"), names);
      }
    }
  }

  /** A variable's value as the form reads it: JSON as JSON, a date as its day (YYYY-MM-DD), the rest as it is. */
  private static Object plain(Object value) {
    if (value instanceof SpinJsonNode spin) {
      try {
        return JSON.readTree(spin.toString());
      } catch (IOException e) {
        return null;
      }
    }
    if (value instanceof Date date) {
      return date.toInstant().atZone(ZoneId.systemDefault()).toLocalDate().toString();
    }
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return value;
    }
    return null;
  }

  private <T> T as(WorkspaceUser me, Supplier<T> work) {
    identity.setAuthentication(me.id(), me.groups());
    try {
      return work.get();
    } finally {
      identity.clearAuthentication();
    }
  }
}
