package io.csplaybooks.notify;

import io.csplaybooks.security.Languages;
import io.csplaybooks.security.People;
import io.csplaybooks.security.Person;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntPredicate;
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
 * Who hears on which channel is {@link SlackSettings#deliveryOf} (by user, or by team for a team's task);
 * each person reads it in their language ({@link Languages}). The task's name is the playbook's own
 * (its BPMN) and stays as the playbook names it.
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

  private final People people;
  private final Languages languages;
  private final MailMessages texts;
  private final Mailer mailer;
  private final Slack slack;
  private final SlackSettings delivery;
  private final IntPredicate urgent;

  /**
   * @param urgent whether a task of a priority is urgent (task priority's rule): its mail's subject
   *     and its Slack message say so
   */
  public TaskNotificationJobHandler(People people, Languages languages, MailMessages texts, Mailer mailer, Slack slack,
      SlackSettings delivery, IntPredicate urgent) {
    this.people = people;
    this.languages = languages;
    this.texts = texts;
    this.mailer = mailer;
    this.slack = slack;
    this.delivery = delivery;
    this.urgent = urgent;
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
      toSlack(task, key, process, businessKey);
      return;
    }
    // One mail per language, each to the recipients who read it; English keeps the key it always had,
    // so a retry sends only the languages that did not go out yet.
    Map<Locale, List<String>> byLanguage = new LinkedHashMap<>();
    Set<String> addresses = new HashSet<>();
    for (Person person : emailRecipients(task)) {
      if (person.reachable() && addresses.add(person.email())) {
        byLanguage.computeIfAbsent(languages.of(person.id()), language -> new ArrayList<>()).add(person.email());
      }
    }
    boolean isUrgent = urgent.test(task.getPriority());
    byLanguage.forEach((language, to) -> mailer.sendOnce(languageKey(key, language), new Mail(to, null,
        urgentMark(isUrgent, language, businessKey == null ? texts.text(language, "task.subject", task.getName())
            : texts.text(language, "task.subject.keyed", task.getName(), businessKey)),
        mailBody(task, process, businessKey, language))));
  }

  /** The text, marked urgent when the task is. */
  private String urgentMark(boolean isUrgent, Locale language, String text) {
    return isUrgent ? texts.text(language, "task.urgent", text) : text;
  }

  private static String languageKey(String key, Locale language) {
    return language.equals(Languages.DEFAULT) ? key : key + ":" + language.toLanguageTag();
  }

  private String mailBody(TaskEntity task, String process, String businessKey, Locale language) {
    StringBuilder body = new StringBuilder()
        .append(texts.text(language, task.getAssignee() != null ? "task.assigned" : "task.forTeam", task.getName()))
        .append("\n\n");
    if (process != null && !process.isBlank()) {
      body.append(businessKey == null ? texts.text(language, "task.playbook", process)
          : texts.text(language, "task.playbook.keyed", process, businessKey)).append("\n");
    }
    if (task.getDueDate() != null) {
      body.append(texts.text(language, "task.due", new SimpleDateFormat("yyyy-MM-dd HH:mm").format(task.getDueDate())))
          .append("\n");
    }
    if (task.getDescription() != null) {
      body.append("\n").append(task.getDescription()).append("\n");
    }
    body.append("\n").append(texts.text(language, "task.open", mailer.taskLink(task.getId()))).append("\n");
    return body.toString();
  }

  /** The Slack text, in the reader's language: a person's own, a team channel's English (a channel has no one language). */
  private String slackText(TaskEntity task, String process, String businessKey, Locale language) {
    String link = "<" + mailer.taskLink(task.getId()) + "|" + Slack.escape(task.getName()).replace("|", "¦") + ">";
    return urgentMark(urgent.test(task.getPriority()), language,
        texts.text(language, task.getAssignee() != null ? "slack.task.assigned" : "slack.task.forTeam", link))
        + (process == null || process.isBlank() ? "" : " (" + Slack.escape(process)
            + (businessKey == null ? "" : " " + Slack.escape(businessKey)) + ")")
        + (task.getDueDate() == null ? ""
            : texts.text(language, "slack.task.due", new SimpleDateFormat("yyyy-MM-dd").format(task.getDueDate())));
  }

  /** Each person's direct message and each team's channel once, whatever the job's retries. */
  private void toSlack(TaskEntity task, String key, String process, String businessKey) {
    if (task.getAssignee() != null) {
      dm(task.getAssignee(), key, task, process, businessKey);
      return;
    }
    for (IdentityLink link : task.getIdentityLinks()) {
      if (!IdentityLinkType.CANDIDATE.equals(link.getType())) {
        continue;
      }
      if (link.getUserId() != null) {
        dm(link.getUserId(), key, task, process, businessKey);
      }
      if (link.getGroupId() != null) {
        slack.postOnce(key, link.getGroupId(), slackText(task, process, businessKey, Languages.DEFAULT));
      }
    }
  }

  private void dm(String userId, String key, TaskEntity task, String process, String businessKey) {
    people.find(userId).filter(Person::reachable).ifPresent(person -> slack.tellOnce(key, userId, person.email(),
        slackText(task, process, businessKey, languages.of(userId))));
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
