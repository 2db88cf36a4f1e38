package io.csplaybooks.activity;

import io.csplaybooks.account.Accounts;
import io.csplaybooks.common.BusinessCalendar;
import io.csplaybooks.common.EngineClock;
import io.csplaybooks.common.NotFoundException;
import io.csplaybooks.common.Validation;
import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.security.Groups;
import io.csplaybooks.security.People;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A one-off task about an account, given to a person or a team with a due date and a description:
 * the one-off-task playbook, keyed by the account, so it lands in Tasklist, is mailed, shows on the
 * account page and escalates to the CS managers when it is overdue, like any playbook task.
 */
@Service
public class OneOffTasks {

  public static final int TITLE_CHARS = 200;
  public static final int DESCRIPTION_CHARS = 2000;
  /** A task is due at the end of the business day. */
  static final LocalTime DUE_AT = LocalTime.of(17, 0);

  /** A task to give: {@code assignee} a person's user id or {@code team} a team, one of them. */
  public record NewTask(String title, String description, LocalDate dueDate, String assignee, String team) {}

  private final RuntimeService runtime;
  private final Accounts accounts;
  private final People people;
  private final BusinessCalendar calendar;
  private final ActivitySettings settings;

  OneOffTasks(RuntimeService runtime, Accounts accounts, People people, BusinessCalendar calendar,
      ActivitySettings settings) {
    this.runtime = runtime;
    this.accounts = accounts;
    this.people = people;
    this.calendar = calendar;
    this.settings = settings;
  }

  /** Gives the task: the playbook's process instance id. Refuses with every wrong field named. */
  @Transactional
  public String give(long accountId, NewTask task, String givenBy) {
    if (accounts.findById(accountId).isEmpty()) {
      throw new NotFoundException("no account " + accountId);
    }
    Validation v = new Validation();
    validate(task, "", "title", false, v);
    v.throwIfInvalid();
    return start(accountId, task, givenBy);
  }

  /**
   * Checks a task; {@code prefix} names its fields in refusals ("nextStep." for an activity's next
   * step), {@code titleField} the field that holds its title. A task sent again ({@code resent}, an
   * activity's next step from a CRM's retry) may be due in the past by now.
   */
  void validate(NewTask task, String prefix, String titleField, boolean resent, Validation v) {
    if (v.required(prefix + titleField, task.title())) {
      v.maxLength(prefix + titleField, task.title().trim(), TITLE_CHARS);
    }
    v.maxLength(prefix + "description", task.description(), DESCRIPTION_CHARS);
    LocalDate today = EngineClock.today();
    if (v.required(prefix + "dueDate", task.dueDate())) {
      if (task.dueDate().isBefore(today) && !resent) {
        v.reject(prefix + "dueDate", "must not be in the past");
      } else if (task.dueDate().isAfter(today.plusDays(settings.mostDueDays()))) {
        v.reject(prefix + "dueDate", "must be within " + settings.mostDueDays() + " days");
      }
    }
    boolean person = task.assignee() != null && !task.assignee().isBlank();
    boolean team = task.team() != null && !task.team().isBlank();
    if (person && team) {
      v.reject(prefix + "assignee", "give the task to a person or to a team, not both");
    } else if (!person && !team) {
      v.reject(prefix + "assignee", "is required: a person, or a team in " + prefix + "team");
    } else if (person && people.find(task.assignee().trim()).isEmpty()) {
      v.reject(prefix + "assignee", "is nobody we know");
    } else if (team && !Groups.TEAMS.contains(task.team().trim())) {
      v.reject(prefix + "team", "must be one of " + String.join(", ", Groups.TEAMS));
    }
  }

  /** Starts the playbook for a task already checked, in the caller's transaction. */
  String start(long accountId, NewTask task, String givenBy) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(AccountId.VARIABLE, accountId);
    variables.put(OneOffTaskVariables.TASK_TITLE, task.title().trim());
    variables.put(OneOffTaskVariables.TASK_DESCRIPTION,
        task.description() == null || task.description().isBlank() ? task.title().trim() : task.description().trim());
    variables.put(OneOffTaskVariables.TASK_ASSIGNEE, blankToNull(task.assignee()));
    variables.put(OneOffTaskVariables.TASK_TEAM, blankToNull(task.team()));
    variables.put(OneOffTaskVariables.TASK_DUE, calendar.at(task.dueDate(), DUE_AT));
    variables.put(OneOffTaskVariables.GIVEN_BY, givenBy);
    return runtime.createProcessInstanceByKey(OneOffTaskVariables.PLAYBOOK)
        .businessKey(AccountId.of(accountId).businessKey())
        .setVariables(variables)
        .execute()
        .getId();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
