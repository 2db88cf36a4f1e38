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
 * Runs the "your task" email as an engine job: it commits with the task, runs after it, is retried
 * when the mail server fails, and ends as an incident on the playbook in Cockpit if it keeps failing.
 */
public class TaskNotificationJobHandler implements JobHandler<TaskNotificationJobHandler.Configuration> {

  public static final String TYPE = "csp-task-notification";

  /**
   * @param mailId this notification's own id, so that a retry of its job does not mail again while
   *     a later notification about the same task (another assignee) does; null in jobs made before
   */
  public record Configuration(String taskId, String mailId) implements JobHandlerConfiguration {

    static Configuration of(String taskId) {
      return new Configuration(taskId, UUID.randomUUID().toString());
    }

    @Override
    public String toCanonicalString() {
      return mailId == null ? taskId : taskId + "|" + mailId;
    }
  }

  private final People people;
  private final Mailer mailer;

  public TaskNotificationJobHandler(People people, Mailer mailer) {
    this.people = people;
    this.mailer = mailer;
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
      // Completed before the mail went out: nobody needs to be told any more.
      return;
    }
    List<String> to = recipients(task).stream().filter(Person::reachable).map(Person::email).distinct().toList();
    if (to.isEmpty()) {
      return;
    }
    String process = execution == null ? "" : execution.getProcessDefinition().getName();
    String businessKey = execution == null ? null : execution.getProcessBusinessKey();
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
    mailer.sendOnce("task:" + task.getId() + ":" + configuration.mailId(), new Mail(to, null, "Task: " + task.getName() + (businessKey == null ? "" : " [" + businessKey + "]"),
        body.toString()));
  }

  Set<Person> recipients(TaskEntity task) {
    Set<Person> recipients = new LinkedHashSet<>();
    if (task.getAssignee() != null) {
      people.find(task.getAssignee()).ifPresent(recipients::add);
      return recipients;
    }
    for (IdentityLink link : task.getIdentityLinks()) {
      if (!IdentityLinkType.CANDIDATE.equals(link.getType())) {
        continue;
      }
      if (link.getUserId() != null) {
        people.find(link.getUserId()).ifPresent(recipients::add);
      }
      if (link.getGroupId() != null) {
        recipients.addAll(people.membersOf(link.getGroupId()));
      }
    }
    return recipients;
  }

  @Override
  public Configuration newConfiguration(String canonicalString) {
    int bar = canonicalString.indexOf('|');
    return bar < 0 ? new Configuration(canonicalString, null)
        : new Configuration(canonicalString.substring(0, bar), canonicalString.substring(bar + 1));
  }

  @Override
  public void onDelete(Configuration configuration, JobEntity jobEntity) {
    // nothing kept besides the job itself
  }
}
