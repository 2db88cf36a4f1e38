package io.csplaybooks.playbook;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * A step that fills a task's form when the task is created (a create listener): what the person
 * reads and the empty fields they fill in, set on the task alone. Task-local values stay with the
 * task, so what a form shows is never written into the playbook, and the next task reads fresh ones.
 */
public abstract class TaskFormFields implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    task.setVariablesLocal(fields(task));
  }

  /** The form's fields for this task, by form field key; a null value leaves the field empty. */
  protected abstract Map<String, Object> fields(DelegateTask task);
}
