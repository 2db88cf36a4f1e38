package io.csplaybooks.workspace;

import io.csplaybooks.activity.Activities;
import io.csplaybooks.activity.NewActivity;
import io.csplaybooks.activity.OneOffTasks;
import io.csplaybooks.activity.Plays;
import io.csplaybooks.common.InvalidInputException;
import io.csplaybooks.workspace.WorkspaceAccess.Audience;
import io.csplaybooks.workspace.WorkspaceAccess.Page;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What a CSM does from the account page: log an activity (with a next step that becomes a task),
 * give a one-off task, start a play, bring the next QBR forward. Each is the signed-in person's, by
 * their session, never by a field; each answers with the account page again, saying what was done.
 */
@Controller
class AccountActions {

  /** Who a task is given to, as the page's select sends it: "person:carol" or "team:engineering". */
  static final String PERSON = "person:";
  static final String TEAM = "team:";

  private final Activities activities;
  private final OneOffTasks tasks;
  private final Plays plays;

  AccountActions(Activities activities, OneOffTasks tasks, Plays plays) {
    this.activities = activities;
    this.tasks = tasks;
    this.plays = plays;
  }

  @PostMapping("/accounts/{id}/activities")
  @Page(Audience.BOOK_READERS)
  String logActivity(@PathVariable long id, @RequestParam(defaultValue = "") String kind,
      @RequestParam(defaultValue = "") String occurredAt, @RequestParam(required = false) List<String> stakeholderIds,
      @RequestParam(defaultValue = "") String summary, @RequestParam(defaultValue = "") String nextStep,
      @RequestParam(defaultValue = "") String nextStepDue, @RequestParam(defaultValue = "") String nextStepOwner,
      WorkspaceUser me, RedirectAttributes redirect) {
    List<Long> stakeholders = new ArrayList<>();
    List<String> given = stakeholderIds == null ? List.of() : stakeholderIds;
    for (int i = 0; i < given.size(); i++) {
      try {
        stakeholders.add(Long.parseLong(given.get(i)));
      } catch (NumberFormatException e) {
        throw new InvalidInputException("stakeholderIds[" + i + "]", "must be a stakeholder's id");
      }
    }
    NewActivity.NextStep next = null;
    // The person the next step is for is chosen beforehand (the one who logs it): a next step is its text or due date.
    if (!nextStep.isBlank() || !nextStepDue.isBlank()) {
      String[] owner = owner(nextStepOwner, "nextStep.assignee");
      next = new NewActivity.NextStep(nextStep, date(nextStepDue, "nextStep.dueDate"), owner[0], owner[1]);
    }
    activities.record(id, new NewActivity(kind, dateTime(occurredAt), stakeholders, summary, null, next), me.id());
    redirect.addFlashAttribute("notice", next == null ? "account.activity.logged" : "account.activity.logged.next");
    return "redirect:/accounts/" + id + "#activities";
  }

  @PostMapping("/accounts/{id}/tasks")
  @Page(Audience.BOOK_READERS)
  String giveTask(@PathVariable long id, @RequestParam(defaultValue = "") String title,
      @RequestParam(defaultValue = "") String description, @RequestParam(defaultValue = "") String dueDate,
      @RequestParam(defaultValue = "") String owner, WorkspaceUser me, RedirectAttributes redirect) {
    String[] who = owner(owner, "assignee");
    tasks.give(id, new OneOffTasks.NewTask(title, description, date(dueDate, "dueDate"), who[0], who[1]), me.id());
    redirect.addFlashAttribute("notice", "account.task.given");
    return "redirect:/accounts/" + id + "#tasks";
  }

  @PostMapping("/accounts/{id}/plays")
  @Page(Audience.BOOK_READERS)
  String startPlay(@PathVariable long id, @RequestParam(defaultValue = "") String playbook,
      @RequestParam(defaultValue = "") String reason, WorkspaceUser me, RedirectAttributes redirect) {
    plays.start(id, playbook, reason, me.id());
    redirect.addFlashAttribute("notice", "account.play.started");
    return "redirect:/accounts/" + id + "#tasks";
  }

  @PostMapping("/accounts/{id}/qbr-now")
  @Page(Audience.BOOK_READERS)
  String qbrNow(@PathVariable long id, RedirectAttributes redirect) {
    plays.qbrNow(id);
    redirect.addFlashAttribute("notice", "account.qbr.now.done");
    return "redirect:/accounts/" + id + "#tasks";
  }

  /** "person:carol" is {carol, null}, "team:cs" {null, cs}; nothing chosen is {null, null} (the check says so). */
  static String[] owner(String value, String field) {
    if (value.isBlank()) {
      return new String[] {null, null};
    }
    if (value.startsWith(PERSON)) {
      return new String[] {value.substring(PERSON.length()), null};
    }
    if (value.startsWith(TEAM)) {
      return new String[] {null, value.substring(TEAM.length())};
    }
    throw new InvalidInputException(field, "must be a person or a team");
  }

  private static LocalDate date(String value, String field) {
    if (value.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(field, "must be a date (yyyy-mm-dd)");
    }
  }

  /** A date and time as the page's field sends it, on the server's clock's zone. */
  private static java.time.OffsetDateTime dateTime(String value) {
    if (value.isBlank()) {
      return null;
    }
    try {
      return LocalDateTime.parse(value.trim()).atZone(ZoneId.systemDefault()).toOffsetDateTime();
    } catch (DateTimeParseException e) {
      throw new InvalidInputException("occurredAt", "must be a date and time (yyyy-mm-ddThh:mm)");
    }
  }
}
