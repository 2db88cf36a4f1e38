package io.csplaybooks.notify;

import io.csplaybooks.common.EngineClock;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;

/**
 * On every user task: when it is created, or later assigned to someone else than the person who
 * assigns it, note for whom it is news ({@link TaskNotices}: the assignee, else each candidate person
 * and team), in the task's own transaction. Telling them is the digest sweep's ({@link TaskDigests}):
 * many tasks for one person in a minute are one mail, an urgent one a mail of its own.
 */
class TaskNotificationListener implements TaskListener {

  private final TaskNotices notices;

  TaskNotificationListener(TaskNotices notices) {
    this.notices = notices;
  }

  /** TaskEntity's state from creation until its first update. */
  private static final String CREATED = "Created";

  @Override
  public void notify(DelegateTask delegateTask) {
    TaskEntity task = (TaskEntity) delegateTask;
    if (EVENTNAME_ASSIGNMENT.equals(delegateTask.getEventName())) {
      // At creation the create event has already noted it.
      if (CREATED.equals(task.getTaskState())) {
        return;
      }
      // Claiming a task for oneself needs no email.
      String actor = Context.getCommandContext().getAuthenticatedUserId();
      if (task.getAssignee() == null || task.getAssignee().equals(actor)) {
        return;
      }
    }
    var now = EngineClock.now();
    if (task.getAssignee() != null) {
      notices.record(task.getId(), task.getAssignee(), false, now);
      return;
    }
    for (IdentityLink link : task.getCandidates()) {
      if (!IdentityLinkType.CANDIDATE.equals(link.getType())) {
        continue;
      }
      if (link.getUserId() != null) {
        notices.record(task.getId(), link.getUserId(), false, now);
      }
      if (link.getGroupId() != null) {
        notices.record(task.getId(), link.getGroupId(), true, now);
      }
    }
  }
}
