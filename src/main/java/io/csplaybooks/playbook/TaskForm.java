package io.csplaybooks.playbook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.plugin.variable.SpinValues;

/**
 * The form a task shows, as far as filling it goes: which of its fields are dynamic lists. A task
 * shows the form of its own playbook version ({@code formRefBinding="deployment"}), so a task of a
 * version deployed before the dynamic lists still shows text areas with one row per line: it is
 * filled with text lines, and a task of a newer version with rows. Filling a text area with rows, or
 * a list with text, would show it empty, and the person's submit would then erase the plan.
 *
 * @param lists the variables of the form's dynamic lists (their {@code path})
 */
public record TaskForm(Set<String> lists) {

  /** Lists by the task (process definition and task key) whose form is bound to a fixed version. */
  private static final Map<String, Set<String>> FIXED = new ConcurrentHashMap<>();

  private static final JsonMapper JSON = JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
      .build();

  /** The form of a task being created or completed (a listener's task). */
  public static TaskForm of(DelegateTask task) {
    var element = task.getBpmnModelElementInstance();
    if (element == null || element.getCamundaFormRef() == null) {
      return new TaskForm(Set.of());
    }
    String binding = element.getCamundaFormRefBinding();
    Supplier<Set<String>> read = () -> read(task.getProcessEngineServices().getFormService(), task.getId());
    if ("deployment".equals(binding) || "version".equals(binding)) {
      return new TaskForm(FIXED.computeIfAbsent(task.getProcessDefinitionId() + "#" + task.getTaskDefinitionKey(),
          key -> read.get()));
    }
    return new TaskForm(read.get());
  }

  /** The form of an open task, by its id. */
  public static TaskForm of(FormService forms, String taskId) {
    return new TaskForm(read(forms, taskId));
  }

  private static Set<String> read(FormService forms, String taskId) {
    AtomicReference<Set<String>> lists = new AtomicReference<>(Set.of());
    // The task may be one the person whose click created it cannot see (a CSM's task created by sales).
    StepContext.withoutAuthorization(() -> {
      try (InputStream form = forms.getDeployedTaskForm(taskId)) {
        lists.set(form == null ? Set.of() : PlaybookForms.lists(form.readAllBytes()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    return lists.get();
  }

  public boolean isList(String key) {
    return lists.contains(key);
  }

  /**
   * A list field's value for this form: the rows as a JSON variable (Tasklist parses it into the
   * dynamic list, and submits the list back as JSON) when the form has a dynamic list there, else
   * the same rows as the text lines the older form reads.
   */
  public Object rows(String key, List<? extends Map<String, ?>> rows, Supplier<String> lines) {
    return isList(key) ? json(rows) : lines.get();
  }

  /**
   * A dynamic list with no rows yet, as a JSON variable: the form shows its default rows, and
   * Tasklist submits the list as JSON (a plain null would make it submit the list as a null).
   */
  public static TypedValue noRows() {
    return SpinValues.jsonValue((String) null).create();
  }

  /** Rows as a JSON variable (Spin): numbers as plain numbers, everything else as the caller gives it. */
  public static TypedValue json(List<? extends Map<String, ?>> rows) {
    try {
      return SpinValues.jsonValue(JSON.writeValueAsString(rows)).create();
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("rows that are not JSON: " + e.getMessage(), e);
    }
  }
}
