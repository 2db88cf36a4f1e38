package io.csplaybooks.notify;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.MessageEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

/**
 * On every user task: when it is created, or later assigned to someone else than the person who
 * assigns it, schedule the notification job. Sending is left to the job, after the commit.
 */
class TaskNotificationListener implements TaskListener {

  private final boolean slackOn;

  TaskNotificationListener(boolean slackOn) {
    this.slackOn = slackOn;
  }

  /** TaskEntity's state from creation until its first update. */
  private static final String CREATED = "Created";

  @Override
  public void notify(DelegateTask delegateTask) {
    TaskEntity task = (TaskEntity) delegateTask;
    if (EVENTNAME_ASSIGNMENT.equals(delegateTask.getEventName())) {
      // At creation the create event has already scheduled the mail.
      if (CREATED.equals(task.getTaskState())) {
        return;
      }
      // Claiming a task for oneself needs no email.
      String actor = Context.getCommandContext().getAuthenticatedUserId();
      if (task.getAssignee() == null || task.getAssignee().equals(actor)) {
        return;
      }
    }
    if (task.getAssignee() == null && task.getCandidates().isEmpty()) {
      return;
    }
    schedule(task, TaskNotificationJobHandler.EMAIL);
    if (slackOn) {
      // A job of its own: a Slack outage is retried without sending the email again, and the other way round.
      schedule(task, TaskNotificationJobHandler.SLACK);
    }
  }

  private void schedule(TaskEntity task, String channel) {
    MessageEntity job = new MessageEntity();
    job.setJobHandlerType(TaskNotificationJobHandler.TYPE);
    job.setJobHandlerConfiguration(TaskNotificationJobHandler.Configuration.of(task.getId(), channel));
    // Not exclusive: the mail only reads the task, so it need not queue behind (or hold up) the
    // playbook's own next steps in the same thread; a slow SMTP server delays mail, never timers.
    job.setExclusive(false);
    ExecutionEntity execution = task.getExecution();
    if (execution != null) {
      job.setExecution(execution);
      job.setProcessDefinitionId(execution.getProcessDefinitionId());
      job.setProcessDefinitionKey(execution.getProcessDefinition().getKey());
      job.setActivityId(task.getTaskDefinitionKey());
    }
    Context.getCommandContext().getJobManager().send(job);
  }
}
