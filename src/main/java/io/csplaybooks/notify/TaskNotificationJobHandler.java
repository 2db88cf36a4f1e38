package io.csplaybooks.notify;

import io.csplaybooks.notify.TaskNotices.Told;
import io.csplaybooks.security.Person;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandlerConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;

/**
 * Tells of one task at once, as an engine job on the task's playbook, one job per channel (email,
 * Slack): made by the digest sweep ({@link TaskDigests}) for an urgent task, it is retried when the
 * mail server or Slack fails and ends as an incident on the playbook in Cockpit if it keeps failing;
 * the playbook itself never waits for it. Who hears on which channel is {@link SlackSettings#deliveryOf}
 * (by user, or by team for a team's task); each person reads it in their language.
 */
class TaskNotificationJobHandler implements JobHandler<TaskNotificationJobHandler.Configuration> {

  public static final String TYPE = "csp-task-notification";
  static final String EMAIL = "email";
  static final String SLACK = "slack";

  /**
   * @param mailId this notification's own id, so that a retry of its job does not send again while
   *     a later notification about the same task (another assignee) does; null in jobs made before
   * @param channel email or slack
   */
  public record Configuration(String taskId, String mailId, String channel) implements JobHandlerConfiguration {

    static Configuration of(String taskId, String channel) {
      return new Configuration(taskId, UUID.randomUUID().toString(), channel);
    }

    @Override
    public String toCanonicalString() {
      return mailId == null ? taskId : taskId + "|" + mailId + (EMAIL.equals(channel) ? "" : "|" + channel);
    }
  }

  private final TaskMails mails;

  TaskNotificationJobHandler(TaskMails mails) {
    this.mails = mails;
  }

  @Override
  public String getType() {
    return TYPE;
  }

  @Override
  public void execute(Configuration configuration, ExecutionEntity execution, CommandContext commandContext,
      String tenantId) {
    TaskEntity task = commandContext.getTaskManager().findTaskById(configuration.taskId());
    if (task == null) {
      // Completed before the notification went out: nobody needs to be told any more.
      return;
    }
    // The job's execution, or the task's own when the engine moved the task on before the job ran.
    ExecutionEntity playbook = execution != null ? execution : task.getExecution();
    Told told = new Told(task.getId(), task.getName(), task.getAssignee() != null, task.getDueDate(),
        task.getDescription(), task.getPriority(), playbook == null ? "" : playbook.getProcessDefinition().getName(),
        playbook == null ? null : playbook.getProcessBusinessKey());
    String key = "task:" + task.getId() + ":" + configuration.mailId();
    if (SLACK.equals(configuration.channel())) {
      toSlack(task, key, told);
      return;
    }
    // English keeps the key it always had, so a retry sends only the languages that did not go out yet.
    mails.mail(key, List.of(told), emailRecipients(task), null);
  }

  /** Each person's direct message and each team's channel once, whatever the job's retries. */
  private void toSlack(TaskEntity task, String key, Told told) {
    if (task.getAssignee() != null) {
      mails.tellInSlack(key, task.getAssignee(), List.of(told));
      return;
    }
    for (IdentityLink link : task.getIdentityLinks()) {
      if (!IdentityLinkType.CANDIDATE.equals(link.getType())) {
        continue;
      }
      if (link.getUserId() != null) {
        mails.tellInSlack(key, link.getUserId(), List.of(told));
      }
      if (link.getGroupId() != null) {
        mails.postInSlack(key, link.getGroupId(), List.of(told));
      }
    }
  }

  /** Who hears by email: the assignee, or the task's candidates, each as they prefer (a team as a team). */
  Set<Person> emailRecipients(TaskEntity task) {
    Set<Person> recipients = new LinkedHashSet<>();
    if (task.getAssignee() != null) {
      mails.addEmailRecipients(task.getAssignee(), false, recipients);
      return recipients;
    }
    for (IdentityLink link : task.getIdentityLinks()) {
      if (!IdentityLinkType.CANDIDATE.equals(link.getType())) {
        continue;
      }
      if (link.getUserId() != null) {
        mails.addEmailRecipients(link.getUserId(), false, recipients);
      }
      if (link.getGroupId() != null) {
        mails.addEmailRecipients(link.getGroupId(), true, recipients);
      }
    }
    return recipients;
  }

  @Override
  public Configuration newConfiguration(String canonicalString) {
    String[] parts = canonicalString.split("\\|");
    return new Configuration(parts[0], parts.length > 1 ? parts[1] : null, parts.length > 2 ? parts[2] : EMAIL);
  }

  @Override
  public void onDelete(Configuration configuration, JobEntity jobEntity) {
    // nothing kept besides the job itself
  }
}
