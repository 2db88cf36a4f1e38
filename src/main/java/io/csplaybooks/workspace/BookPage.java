package io.csplaybooks.workspace;

import io.csplaybooks.common.EngineClock;
import io.csplaybooks.metrics.PortfolioFilter;
import io.csplaybooks.security.People;
import io.csplaybooks.security.Person;
import io.csplaybooks.workspace.WorkspaceAccess.Audience;
import io.csplaybooks.workspace.WorkspaceAccess.Page;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A CSM's book: their accounts, most at risk and soonest renewing first, what is due this week and
 * what is overdue, each one click from the account or the task. A CS manager opens any CSM's book.
 */
@Controller
class BookPage {

  /** The most accounts a book shows: a scaled book of thousands shows its most urgent ones. */
  static final int SHOWN = 300;

  private final WorkspaceQueries queries;
  private final WorkspaceTasks tasks;
  private final People people;

  BookPage(WorkspaceQueries queries, WorkspaceTasks tasks, People people) {
    this.queries = queries;
    this.tasks = tasks;
    this.people = people;
  }

  @GetMapping("/my-book")
  @Page(Audience.BOOK_READERS)
  String book(@RequestParam(required = false) String csm, @RequestParam(required = false) String tasks,
      WorkspaceUser me, Locale locale, Model model) {
    boolean byPriority = switch (tasks == null ? "" : tasks) {
      case "", "due" -> false;
      case "priority" -> true;
      default -> throw new io.csplaybooks.common.InvalidInputException("tasks", "must be due or priority");
    };
    String whose = csm == null || csm.isBlank() ? me.id() : PortfolioFilter.of(null, null, csm).csm();
    if (!whose.equals(me.id()) && !me.isManager()) {
      throw new WorkspaceInterceptor.PageRefused("workspace.forbidden");
    }
    List<WorkspaceQueries.BookAccount> accounts = queries.book(whose, SHOWN);
    model.addAttribute("bookSize", accounts.size() < SHOWN ? accounts.size() : queries.bookSize(whose));
    List<WorkspaceTasks.OpenTask> open = this.tasks.assignedTo(whose, locale);
    if (byPriority) {
      open = open.stream().sorted(WorkspaceTasks.BY_PRIORITY).toList();
    }
    model.addAttribute("tasksBy", byPriority ? "priority" : "due");
    model.addAttribute("csm", whose);
    model.addAttribute("csmName", whose.equals(me.id()) ? me.name()
        : people.find(whose).map(Person::displayName).orElse(whose));
    model.addAttribute("own", whose.equals(me.id()));
    model.addAttribute("accounts", accounts);
    model.addAttribute("dueThisWeek", open.stream().filter(WorkspaceTasks::dueWithinAWeek).toList());
    model.addAttribute("overdue", open.stream().filter(WorkspaceTasks.OpenTask::overdue).toList());
    model.addAttribute("otherTasks", open.stream().filter(t -> !t.overdue() && !WorkspaceTasks.dueWithinAWeek(t)).toList());
    model.addAttribute("renewingThisWeek", accounts.stream()
        .filter(a -> a.renewalDate() != null && !a.renewalDate().isAfter(EngineClock.today().plusDays(7)))
        .toList());
    return "workspace/book";
  }
}
