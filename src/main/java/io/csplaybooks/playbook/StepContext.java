package io.csplaybooks.playbook;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * What a step may ask of the engine command it runs in, in one place: who completes a task, and
 * doing the application's own housekeeping whoever the caller is. The rest of the application uses
 * the engine's public API only (BoundariesTest).
 */
public final class StepContext {

  private StepContext() {}

  /** Who completes the task: the person logged in (Tasklist, the REST API), else its assignee, else "engine". */
  public static String actor(DelegateTask task) {
    Authentication authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (authentication != null && authentication.getUserId() != null) {
      return authentication.getUserId();
    }
    return task.getAssignee() != null ? task.getAssignee() : "engine";
  }

  /**
   * Runs the work without the caller's authorization checks when it runs inside an engine command
   * (for the application's own bookkeeping that the caller could not do themselves), else as it is.
   */
  public static void withoutAuthorization(Runnable work) {
    CommandContext command = Context.getCommandContext();
    if (command == null) {
      work.run();
    } else {
      command.runWithoutAuthorization(() -> {
        work.run();
        return null;
      });
    }
  }
}
