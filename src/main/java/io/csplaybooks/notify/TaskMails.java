package io.csplaybooks.notify;

import io.csplaybooks.notify.TaskNotices.Told;
import io.csplaybooks.priority.TaskPriorities;
import io.csplaybooks.security.Languages;
import io.csplaybooks.security.People;
import io.csplaybooks.security.Person;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * What people read about their tasks, by mail and in Slack, in their language: one task (an urgent
 * one, or the only one of a window) or a digest of several. The task's name is the playbook's own (its
 * BPMN) and stays as the playbook names it. Links go to the workspace's task page and inbox.
 */
@Component
class TaskMails {

  /** The most tasks a digest lists one by one; the rest are a number and the inbox's link. */
  static final int MAIL_LINES = 100;
  static final int SLACK_LINES = 10;

  private final People people;
  private final Languages languages;
  private final MailMessages texts;
  private final Mailer mailer;
  private final Slack slack;
  private final SlackSettings delivery;
  /** Whether a task of a priority is urgent (task priority's rule): it is told at once, and its mail and Slack message say so. */
  private final IntPredicate urgent;

  // People, Languages and TaskPriorities need the engine, which the plugin that uses this helps build.
  TaskMails(@Lazy People people, @Lazy Languages languages, MailMessages texts, Mailer mailer, Slack slack,
      NotifySettings settings, @Lazy TaskPriorities priorities) {
    this.people = people;
    this.languages = languages;
    this.texts = texts;
    this.mailer = mailer;
    this.slack = slack;
    this.delivery = settings.slack();
    this.urgent = priority -> priorities.urgent(priority);
  }

  /** Who hears of a person's or team's tasks by email: the person, or the team's members, as each prefers. */
  void addEmailRecipients(String recipient, boolean team, Collection<Person> into) {
    if (!delivery.wantsEmail(recipient)) {
      return;
    }
    if (team) {
      into.addAll(people.membersOf(recipient));
    } else {
      people.find(recipient).ifPresent(into::add);
    }
  }

  /**
   * Mails the tasks (one: the familiar task mail; several: a digest) to the people, one mail per
   * language, each once for its key whatever the job's retries. English keeps the key as given.
   */
  void mail(String key, List<Told> tasks, Collection<Person> recipients, String team) {
    Map<Locale, List<String>> byLanguage = new LinkedHashMap<>();
    Set<String> addresses = new HashSet<>();
    for (Person person : recipients) {
      if (person.reachable() && addresses.add(person.email())) {
        byLanguage.computeIfAbsent(languages.of(person.id()), language -> new ArrayList<>()).add(person.email());
      }
    }
    byLanguage.forEach((language, to) -> mailer.sendOnce(languageKey(key, language), tasks.size() == 1
        ? new Mail(to, null, subject(tasks.get(0), language), body(tasks.get(0), language))
        : new Mail(to, null, texts.text(language, team == null ? "digest.subject" : "digest.subject.team", tasks.size(),
            team), digestBody(tasks, team, language))));
  }

  /** A person's direct message in Slack, if they want Slack, once for the key. */
  void tellInSlack(String key, String userId, List<Told> tasks) {
    people.find(userId).filter(Person::reachable).ifPresent(person -> slack.tellOnce(key, userId, person.email(),
        slackText(tasks, false, languages.of(userId))));
  }

  /** A team's channel, in English (a channel has no one language), once for the key. */
  void postInSlack(String key, String team, List<Told> tasks) {
    slack.postOnce(key, team, slackText(tasks, true, Languages.DEFAULT));
  }

  private static String languageKey(String key, Locale language) {
    return language.equals(Languages.DEFAULT) ? key : key + ":" + language.toLanguageTag();
  }

  /** The text, marked urgent when the task is. */
  private String urgentMark(Told task, Locale language, String text) {
    return urgent.test(task.priority()) ? texts.text(language, "task.urgent", text) : text;
  }

  private String subject(Told task, Locale language) {
    return urgentMark(task, language, task.businessKey() == null ? texts.text(language, "task.subject", task.name())
        : texts.text(language, "task.subject.keyed", task.name(), task.businessKey()));
  }

  private String body(Told task, Locale language) {
    StringBuilder body = new StringBuilder()
        .append(texts.text(language, task.assigned() ? "task.assigned" : "task.forTeam", task.name()))
        .append("\n\n");
    if (task.playbook() != null && !task.playbook().isBlank()) {
      body.append(task.businessKey() == null ? texts.text(language, "task.playbook", task.playbook())
          : texts.text(language, "task.playbook.keyed", task.playbook(), task.businessKey())).append("\n");
    }
    if (task.due() != null) {
      body.append(texts.text(language, "task.due", new SimpleDateFormat("yyyy-MM-dd HH:mm").format(task.due())))
          .append("\n");
    }
    if (task.description() != null) {
      body.append("\n").append(task.description()).append("\n");
    }
    body.append("\n").append(texts.text(language, "task.open", mailer.workspaceTaskLink(task.taskId()))).append("\n");
    return body.toString();
  }

  private String digestBody(List<Told> tasks, String team, Locale language) {
    StringBuilder body = new StringBuilder(team == null ? texts.text(language, "digest.assigned", tasks.size())
        : texts.text(language, "digest.forTeam", tasks.size(), team)).append("\n\n");
    SimpleDateFormat day = new SimpleDateFormat("yyyy-MM-dd");
    for (Told task : tasks.subList(0, Math.min(tasks.size(), MAIL_LINES))) {
      body.append("- ").append(urgentMark(task, language, task.name()));
      if (task.playbook() != null && !task.playbook().isBlank()) {
        body.append(" (").append(task.playbook()).append(task.businessKey() == null ? "" : " " + task.businessKey())
            .append(")");
      }
      if (task.due() != null) {
        body.append(texts.text(language, "slack.task.due", day.format(task.due())));
      }
      body.append("\n  ").append(mailer.workspaceTaskLink(task.taskId())).append("\n");
    }
    if (tasks.size() > MAIL_LINES) {
      body.append(texts.text(language, "digest.more", tasks.size() - MAIL_LINES)).append("\n");
    }
    body.append("\n").append(texts.text(language, "digest.inbox", mailer.inboxLink())).append("\n");
    return body.toString();
  }

  /** The Slack text: one task as it always read, several as a digest with a link each. */
  private String slackText(List<Told> tasks, boolean forTeam, Locale language) {
    if (tasks.size() == 1) {
      Told task = tasks.get(0);
      return urgentMark(task, language, texts.text(language, forTeam ? "slack.task.forTeam" : "slack.task.assigned",
          link(task)))
          + (task.playbook() == null || task.playbook().isBlank() ? "" : " (" + Slack.escape(task.playbook())
              + (task.businessKey() == null ? "" : " " + Slack.escape(task.businessKey())) + ")")
          + (task.due() == null ? ""
              : texts.text(language, "slack.task.due", new SimpleDateFormat("yyyy-MM-dd").format(task.due())));
    }
    StringBuilder text = new StringBuilder(texts.text(language, forTeam ? "slack.digest.forTeam" : "slack.digest.assigned",
        tasks.size(), "<" + mailer.inboxLink() + "|inbox>"));
    for (Told task : tasks.subList(0, Math.min(tasks.size(), SLACK_LINES))) {
      text.append("\n• ").append(urgentMark(task, language, link(task)))
          .append(task.businessKey() == null ? "" : " (" + Slack.escape(task.businessKey()) + ")");
    }
    if (tasks.size() > SLACK_LINES) {
      text.append("\n").append(texts.text(language, "digest.more", tasks.size() - SLACK_LINES));
    }
    return text.toString();
  }

  private String link(Told task) {
    return "<" + mailer.workspaceTaskLink(task.taskId()) + "|" + Slack.escape(task.name()).replace("|", "¦") + ">";
  }
}
