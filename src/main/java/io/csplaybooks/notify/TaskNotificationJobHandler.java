package io.csplaybooks.notify;

import io.csplaybooks.security.People;
import io.csplaybooks.security.Person;
import java.text.SimpleDateFormat;
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
 * Runs a "your task" notification as an engine job, one job per channel (email, Slack): it commits
 * with the task, runs after it, is retried when the mail server or Slack fails, and ends as an
 * incident on the playbook in Cockpit if it keeps failing; the playbook itself never waits for it.
 * Who hears on which channel is {@link SlackSettings#deliveryOf} (by user, or by team for a team's task).
 */
public class TaskNotificationJobHandler implements JobHandler<TaskNotificationJobHandler.Configuration> {

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

  private final People people;
  private final Mailer mailer;
  private final Slack slack;
  private final SlackSettings delivery;

  public TaskNotificationJobHandler(People people, Mailer mailer, Slack slack, SlackSettings delivery) {
    this.people = people;
    this.mailer = mailer;
    this.slack = slack;
    this.delivery = delivery;
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
    String process = execution == null ? "" : execution.getProcessDefinition().getName();
    String businessKey = execution == null ? null : execution.getProcessBusinessKey();
    String key = "task:" + task.getId() + ":" + configuration.mailId();
    if (SLACK.equals(configuration.channel())) {
      toSlack(task, key, slackText(task, process, businessKey));
      return;
    }
    List<String> to = emailRecipients(task).stream().filter(Person::reachable).map(Person::email).distinct().toList();
    if (to.isEmpty()) {
      return;
    }
    mailer.sendOnce(key, new Mail(to, null, "Task: " + task.getName() + (businessKey == null ? "" : " [" + businessKey + "]"),
        mailBody(task, process, businessKey)));
  }

  private String mailBody(TaskEntity task, String process, String businessKey) {
    StringBuilder body = new StringBuilder()
        .append(task.getAssignee() != null ? "A task is assigned to you" : "A task is waiting for your team")
        .append(": ").append(task.getName()).append("\n\n");
    if (process != null && !process.isBlank()) {
      body.append("Playbook: ").append(process).append(businessKey == null ? "" : " (" + businessKey + ")").append("\n");
    }
    if (task.getDueDate() != null) {
      body.append("Due: ").append(new SimpleDateFormat("yyyy-MM-dd HH:mm").format(task.getDueDate())).append("\n");
    }
    if (task.getDescription() != null) {
      body.append("\n").append(task.getDescription()).append("\n");
    }
    body.append("\nOpen it in Tasklist: ").append(mailer.taskLink(task.getId())).append("\n");
    return body.toString();
  }

  private String slackText(TaskEntity task, String process, String businessKey) {
    return (task.getAssignee() != null ? "A task for you: " : "A task for your team: ") + "<"
        + mailer.taskLink(task.getId()) + "|" + Slack.escape(task.getName()).replace("|", "¦") + ">"
        + (process == null || process.isBlank() ? "" : " (" + Slack.escape(process)
            + (businessKey == null ? "" : " " + Slack.escape(businessKey)) + ")")
        + (task.getDueDate() == null ? "" : ", due " + new SimpleDateFormat("yyyy-MM-dd").format(task.getDueDate()));
  }

  /** Each person's direct message and each team's channel once, whatever the job's retries. */
  private void toSlack(TaskEntity task, String key, String text) {
    if (task.getAssignee() != null) {
      dm(task.getAssignee(), key, text);
      return;
    }
    for (IdentityLink link : task.getIdentityLinks()) {
      if (!IdentityLinkType.CANDIDATE.equals(link.getType())) {
        continue;
      }
      if (link.getUserId() != null) {
        dm(link.getUserId(), key, text);
      }
      if (link.getGroupId() != null) {
        slack.postOnce(key, link.getGroupId(), text);
      }
    }
  }

  private void dm(String userId, String key, String text) {
    people.find(userId).filter(Person::reachable).ifPresent(person -> slack.tellOnce(key, userId, person.email(), text));
  }

  /** Who hears by email: the assignee, or the task's candidates, each as they prefer (a team as a team). */
  Set<Person> emailRecipients(TaskEntity task) {
    Set<Person> recipients = new LinkedHashSet<>();
    if (task.getAssignee() != null) {
      if (delivery.wantsEmail(task.getAssignee())) {
        people.find(task.getAssignee()).ifPresent(recipients::add);
      }
      return recipients;
    }
    for (IdentityLink link : task.getIdentityLinks()) {
      if (!IdentityLinkType.CANDIDATE.equals(link.getType())) {
        continue;
      }
      if (link.getUserId() != null && delivery.wantsEmail(link.getUserId())) {
        people.find(link.getUserId()).ifPresent(recipients::add);
      }
      if (link.getGroupId() != null && delivery.wantsEmail(link.getGroupId())) {
        recipients.addAll(people.membersOf(link.getGroupId()));
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
