package io.csplaybooks.onboarding;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;

final class TaskActor {

  private TaskActor() {}

  static long accountId(DelegateTask task) {
    return ((Number) task.getVariable(OnboardingVariables.ACCOUNT_ID)).longValue();
  }

  /** Who completes the task: the person logged in to Tasklist, else its assignee. */
  static String of(DelegateTask task) {
    Authentication authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (authentication != null && authentication.getUserId() != null) {
      return authentication.getUserId();
    }
    return task.getAssignee() != null ? task.getAssignee() : "engine";
  }
}
