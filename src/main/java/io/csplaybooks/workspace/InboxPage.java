package io.csplaybooks.workspace;

import io.csplaybooks.common.EngineClock;
import io.csplaybooks.common.FieldError;
import io.csplaybooks.common.InvalidInputException;
import io.csplaybooks.priority.TaskPriorities;
import io.csplaybooks.security.Groups;
import io.csplaybooks.security.People;
import io.csplaybooks.security.Person;
import io.csplaybooks.workspace.InboxQueries.Filter;
import io.csplaybooks.workspace.InboxQueries.Sort;
import io.csplaybooks.workspace.InboxQueries.View;
import io.csplaybooks.workspace.WorkspaceAccess.Audience;
import io.csplaybooks.workspace.WorkspaceAccess.Page;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The inbox: the work of everyone who has tasks (CSMs, CS managers, sales, engineering, product).
 * Their own tasks, or their teams' queues (unassigned, with a claim button); overdue first, then by
 * due date, or by priority, ARR or health; each task with its account, ARR, health band, playbook,
 * due date and priority (engineering and product see no ARR or health, as on the account page). A
 * CS manager reassigns selected tasks to a person. Every change goes through the engine as the
 * person, so the engine's authorizations apply.
 */
@Controller
class InboxPage {

  /** Tasks on a page: one query answers it, whatever the number of tasks or accounts. */
  static final int PAGE_SIZE = 50;
  /** The most tasks one reassignment moves (two pages). */
  static final int MAX_REASSIGN = 100;
  private static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9:_.-]{1,64}");
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]{1,255}");

  /** A task as the page shows it; its name in the person's language (the BPMN's where the bundle has none). */
  record InboxTask(InboxQueries.Row row, String name, boolean urgent) {

    public String link() {
      return WorkspaceTasks.link(row.id());
    }

    public LocalDateTime dueLocal() {
      return row.due() == null ? null : LocalDateTime.ofInstant(row.due(), ZoneId.systemDefault());
    }

    public BigDecimal arr() {
      return row.arr();
    }
  }

  private final InboxQueries inbox;
  private final TaskService tasks;
  private final IdentityService identity;
  private final RepositoryService repository;
  private final TaskPriorities priorities;
  private final People people;
  private final TransactionTemplate transaction;
  private final FormTranslations translations;

  InboxPage(InboxQueries inbox, TaskService tasks, IdentityService identity, RepositoryService repository,
      TaskPriorities priorities, People people, TransactionTemplate transaction, FormTranslations translations) {
    this.translations = translations;
    this.inbox = inbox;
    this.tasks = tasks;
    this.identity = identity;
    this.repository = repository;
    this.priorities = priorities;
    this.people = people;
    this.transaction = transaction;
  }

  @GetMapping("/inbox")
  @Page(Audience.EVERYONE)
  String inbox(@RequestParam(required = false) String view, @RequestParam(required = false) String playbook,
      @RequestParam(required = false) String overdue, @RequestParam(required = false) String sort,
      @RequestParam(required = false) String page, @RequestParam(required = false) String assignee, WorkspaceUser me,
      Locale locale, Model model) {
    Filter filter = filter(view, playbook, overdue, sort, page, assignee, me);
    Instant now = EngineClock.now();
    InboxQueries.Page found = inbox.page(me.id(), me.groups(), filter, PAGE_SIZE, now);
    model.addAttribute("filter", filter);
    model.addAttribute("tasks", found.rows().stream().map(r -> new InboxTask(r,
        translations.taskName(r.taskKey(), r.name(), Map.of(), locale), priorities.urgent(r.priority()))).toList());
    model.addAttribute("total", found.total());
    model.addAttribute("pages", found.total() <= 0 ? 1 : (found.total() + PAGE_SIZE - 1) / PAGE_SIZE);
    model.addAttribute("accountFacts", me.readsAccounts());
    model.addAttribute("reassigns", me.isManager());
    model.addAttribute("playbooks", playbooks());
    model.addAttribute("sorts", me.readsAccounts() ? List.of(Sort.values())
        : List.of(Sort.values()).stream().filter(s -> !s.readsAccountFacts()).toList());
    if (me.isManager()) {
      model.addAttribute("people", people());
    }
    return "workspace/inbox";
  }

  /** The person takes an unassigned task offered to their team, or to them by name. */
  @PostMapping("/inbox/claim")
  @Page(Audience.EVERYONE)
  String claim(@RequestParam(required = false) String task, @RequestParam Map<String, String> back, WorkspaceUser me,
      RedirectAttributes flash) {
    String id = taskId("task", task);
    if (inbox.claimable(id, me.id(), me.groups()).isEmpty()) {
      throw new InvalidInputException("task", "is taken already, finished, or not offered to you or your teams");
    }
    asPerson(me, () -> tasks.claim(id, me.id()));
    flash.addFlashAttribute("done", "inbox.claimed");
    return "redirect:" + back(back, me, View.MINE);
  }

  /** A CS manager gives the selected tasks to a person: all of them, or none when one cannot be. */
  @PostMapping("/inbox/reassign")
  @Page(Audience.MANAGERS)
  String reassign(@RequestParam(name = "task", required = false) List<String> selected,
      @RequestParam(required = false) String assignee, @RequestParam Map<String, String> back, WorkspaceUser me,
      RedirectAttributes flash) {
    List<FieldError> errors = new ArrayList<>();
    Set<String> ids = new LinkedHashSet<>();
    if (selected == null || selected.isEmpty()) {
      errors.add(new FieldError("task", "choose at least one task"));
    } else if (selected.size() > MAX_REASSIGN) {
      errors.add(new FieldError("task", "at most " + MAX_REASSIGN + " tasks at a time"));
    } else {
      for (String id : selected) {
        ids.add(taskId("task", id));
      }
      Set<String> missing = new LinkedHashSet<>(ids);
      inbox.existing(ids).forEach(missing::remove);
      if (!missing.isEmpty()) {
        errors.add(new FieldError("task", "no open task " + String.join(", ", missing)));
      }
    }
    String to = assignee == null ? "" : assignee.trim();
    if (to.isEmpty()) {
      errors.add(new FieldError("assignee", "is required"));
    } else if (!TASK_ID.matcher(to).matches() || people.find(to).isEmpty()) {
      errors.add(new FieldError("assignee", "no such person"));
    } else if (people.groupsOf(to).stream().noneMatch(Groups.TEAMS::contains)) {
      errors.add(new FieldError("assignee", "is in no team that works tasks"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    transaction.executeWithoutResult(status -> asPerson(me, () -> ids.forEach(id -> tasks.setAssignee(id, to))));
    flash.addFlashAttribute("done", "inbox.reassigned");
    flash.addFlashAttribute("doneCount", ids.size());
    flash.addFlashAttribute("doneTo", people.find(to).map(Person::displayName).orElse(to));
    return "redirect:" + back(back, me, null);
  }

  private void asPerson(WorkspaceUser me, Runnable work) {
    identity.setAuthentication(me.id(), me.groups());
    try {
      work.run();
    } finally {
      identity.clearAuthentication();
    }
  }

  private Filter filter(String view, String playbook, String overdue, String sort, String page, String assignee,
      WorkspaceUser me) {
    View whose = View.of(view);
    if (whose == View.ALL && !me.isManager()) {
      throw new InvalidInputException("view", "all is for CS managers");
    }
    String person = assignee == null || assignee.isBlank() ? null : assignee.trim();
    if (person != null && (whose != View.ALL || !TASK_ID.matcher(person).matches())) {
      throw new InvalidInputException("assignee", "narrows the view all to a person's user id");
    }
    Sort order = Sort.of(sort);
    if (order.readsAccountFacts() && !me.readsAccounts()) {
      throw new InvalidInputException("sort", "ARR and health are for the teams that read accounts");
    }
    String key = playbook == null || playbook.isBlank() ? null : playbook.trim();
    if (key != null && !KEY.matcher(key).matches()) {
      throw new InvalidInputException("playbook", "is not a playbook's key");
    }
    boolean overdueOnly = switch (overdue == null ? "" : overdue) {
      case "", "false" -> false;
      case "true" -> true;
      default -> throw new InvalidInputException("overdue", "must be true or false");
    };
    int number;
    try {
      number = page == null || page.isBlank() ? 0 : Integer.parseInt(page);
    } catch (NumberFormatException e) {
      throw new InvalidInputException("page", "must be a whole number");
    }
    if (number < 0 || number > 10_000) {
      throw new InvalidInputException("page", "must be 0-10000");
    }
    return new Filter(whose, key, overdueOnly, order, number, person);
  }

  /**
   * Back to the inbox as the form's hidden fields describe it (checked like the page's own
   * parameters; {@code whose} is the page's {@code assignee}, a name the reassignment uses for its own).
   */
  private String back(Map<String, String> form, WorkspaceUser me, View view) {
    Filter f = filter(view == null ? form.get("view") : view.code(), form.get("playbook"), form.get("overdue"),
        form.get("sort"), view == null ? form.get("page") : null, view == null ? form.get("whose") : null, me);
    return query(f);
  }

  static String query(Filter f) {
    UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/inbox").queryParam("view", f.view().code())
        .queryParam("sort", f.sort().code());
    if (f.playbook() != null) {
      uri.queryParam("playbook", f.playbook());
    }
    if (f.overdueOnly()) {
      uri.queryParam("overdue", "true");
    }
    if (f.page() > 0) {
      uri.queryParam("page", f.page());
    }
    if (f.assignee() != null) {
      uri.queryParam("assignee", f.assignee());
    }
    return uri.encode().build().toUriString();
  }

  private static String taskId(String field, String id) {
    if (id == null || !TASK_ID.matcher(id).matches()) {
      throw new InvalidInputException(field, "is not a task's id");
    }
    return id;
  }

  /** The playbooks' names by key (their latest versions), for the filter. */
  private Map<String, String> playbooks() {
    Map<String, String> byKey = new TreeMap<>();
    for (ProcessDefinition d : repository.createProcessDefinitionQuery().latestVersion().list()) {
      byKey.put(d.getKey(), d.getName() == null ? d.getKey() : d.getName());
    }
    return byKey;
  }

  /** Everyone in a team that works tasks, by name, for the reassignment. */
  private List<Person> people() {
    Map<String, Person> byId = new TreeMap<>();
    for (String team : Groups.TEAMS) {
      people.membersOf(team).forEach(p -> byId.put(p.id(), p));
    }
    return byId.values().stream().sorted(java.util.Comparator.comparing(Person::displayName)).toList();
  }
}
