package io.csplaybooks.workspace;

import io.csplaybooks.account.Account;
import io.csplaybooks.account.Accounts;
import io.csplaybooks.account.OpenPlaybooks;
import io.csplaybooks.account.Stakeholder;
import io.csplaybooks.activity.Activities;
import io.csplaybooks.activity.Activity;
import io.csplaybooks.activity.ActivityKind;
import io.csplaybooks.activity.Plays;
import io.csplaybooks.security.Groups;
import io.csplaybooks.common.EngineClock;
import io.csplaybooks.common.InvalidInputException;
import io.csplaybooks.common.NotFoundException;
import io.csplaybooks.health.HealthExplanations;
import io.csplaybooks.onboarding.SuccessPlan;
import io.csplaybooks.onboarding.SuccessPlans;
import io.csplaybooks.security.People;
import io.csplaybooks.security.Person;
import io.csplaybooks.workspace.WorkspaceAccess.Audience;
import io.csplaybooks.workspace.WorkspaceAccess.Page;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The page a CSM opens before a call: health over the year with what it is made of and who
 * overrode it, the success plan's KPIs from baseline to target, contracts, stakeholders, what
 * happened, and the open tasks with their links into Tasklist. Also the search for an account.
 */
@Controller
class AccountPage {

  /** A year of scores is at most one a day, plus the scorings that signals caused. */
  static final int HEALTH_POINTS = 800;
  /** The newest of what happened; the page shows a year of a busy account's life. */
  static final int STORY_ENTRIES = 150;

  /** A KPI and how far it has come from its baseline toward its target (0-100, or null when it cannot say). */
  record KpiProgress(SuccessPlan.Kpi kpi, Integer percent) {

    /** "20 → 80 % · now 35": the KPI's numbers as people write them (no trailing zeros). */
    public String figures() {
      return plain(kpi.baseline()) + " → " + plain(kpi.target()) + (kpi.unit() == null ? "" : " " + kpi.unit())
          + (kpi.currentValue() == null ? "" : " · " + plain(kpi.currentValue()));
    }

    private static String plain(BigDecimal value) {
      return value == null ? "–" : value.stripTrailingZeros().toPlainString();
    }

    static KpiProgress of(SuccessPlan.Kpi kpi) {
      if (kpi.baseline() == null || kpi.target() == null || kpi.currentValue() == null
          || kpi.target().compareTo(kpi.baseline()) == 0) {
        return new KpiProgress(kpi, null);
      }
      BigDecimal share = kpi.currentValue().subtract(kpi.baseline()).multiply(BigDecimal.valueOf(100))
          .divide(kpi.target().subtract(kpi.baseline()), 0, RoundingMode.HALF_UP);
      return new KpiProgress(kpi, Math.max(0, Math.min(100, share.intValue())));
    }
  }

  /** A day's last score, as the table beside the chart lists it. */
  record DayScore(LocalDate day, Integer score, String band) {

    static DayScore of(HealthExplanations.Explained s) {
      return new DayScore(AccountPage.day(s.scoredAt()), s.score(), s.band() == null ? null : s.band().code());
    }
  }

  private final Accounts accounts;
  private final HealthExplanations health;
  private final SuccessPlans plans;
  private final OpenPlaybooks playbooks;
  private final WorkspaceTasks tasks;
  private final WorkspaceQueries queries;
  private final People people;
  private final MessageSource messages;
  private final AccountStory story;
  private final TaskOwners owners;
  private final Activities activities;
  private final Plays plays;

  /** The newest activities the page lists (the timeline tells the older ones). */
  static final int ACTIVITIES = 20;

  /** Someone a task can be given to: a team or a person ({@code value} as AccountActions reads it). */
  record Assignee(String value, String label, boolean team) {}

  /** An activity as the page lists it, with the names of the stakeholders who took part. */
  record ActivityLine(Activity activity, List<String> stakeholders, String by) {

    public LocalDateTime occurredLocal() {
      return LocalDateTime.ofInstant(activity.occurredAt(), ZoneId.systemDefault());
    }
  }

  AccountPage(Accounts accounts, HealthExplanations health, SuccessPlans plans, OpenPlaybooks playbooks,
      WorkspaceTasks tasks, WorkspaceQueries queries, People people, MessageSource messages, AccountStory story,
      TaskOwners owners, Activities activities, Plays plays) {
    this.story = story;
    this.owners = owners;
    this.activities = activities;
    this.plays = plays;
    this.accounts = accounts;
    this.health = health;
    this.plans = plans;
    this.playbooks = playbooks;
    this.tasks = tasks;
    this.queries = queries;
    this.people = people;
    this.messages = messages;
  }

  @GetMapping("/accounts")
  @Page(Audience.ACCOUNT_READERS)
  String search(@RequestParam(required = false) String q, Model model) {
    String text = q == null ? "" : q.trim();
    if (text.length() > 200) {
      throw new InvalidInputException("q", "must be at most 200 characters");
    }
    model.addAttribute("q", text);
    model.addAttribute("found", queries.search(text, 100));
    return "workspace/accounts";
  }

  @GetMapping("/accounts/{id}")
  @Page(Audience.ACCOUNT_READERS)
  String account(@PathVariable long id, WorkspaceUser me, Locale locale, Model model) {
    Account account = accounts.findById(id).orElseThrow(() -> new NotFoundException("no account " + id));
    model.addAttribute("account", account);
    model.addAttribute("csmName", name(account.csmId()));
    model.addAttribute("executiveName", name(account.accountExecutiveId()));

    List<HealthExplanations.Explained> scores = health.history(id, HEALTH_POINTS);
    Instant yearAgo = EngineClock.now().minus(365, ChronoUnit.DAYS);
    List<HealthExplanations.Explained> year = new ArrayList<>(scores.stream()
        .filter(s -> s.scoredAt().isAfter(yearAgo)).toList());
    Collections.reverse(year);
    model.addAttribute("latest", scores.isEmpty() ? null : scores.get(0));
    List<HealthExplanations.Explained> days = byDay(year);
    model.addAttribute("healthChart", healthChart(days, locale).json());
    model.addAttribute("healthByDay", days.stream().map(DayScore::of).toList());
    model.addAttribute("scoredAt", scores.isEmpty() ? null
        : LocalDateTime.ofInstant(scores.get(0).scoredAt(), ZoneId.systemDefault()).truncatedTo(ChronoUnit.MINUTES));
    Map<String, HealthExplanations.Explained> overrides = new LinkedHashMap<>();
    for (HealthExplanations.Explained s : scores) {
      if (s.override() != null) {
        overrides.putIfAbsent(s.override().by() + "|" + s.override().reason() + "|" + s.override().until(), s);
      }
    }
    model.addAttribute("overrides", List.copyOf(overrides.values()));

    SuccessPlan plan = plans.find(id).orElse(null);
    model.addAttribute("plan", plan);
    model.addAttribute("planUpdated", plan == null || plan.updatedAt() == null ? null : day(plan.updatedAt()));
    model.addAttribute("kpis", plan == null ? List.of() : plan.kpis().stream().map(KpiProgress::of).toList());
    model.addAttribute("contracts", accounts.contractsOf(id));
    List<Stakeholder> stakeholders = accounts.stakeholdersOf(id);
    model.addAttribute("stakeholders", stakeholders);
    List<OpenPlaybooks.Playbook> running = playbooks.of(id);
    model.addAttribute("playbooks", running);
    model.addAttribute("openTasks", owners.of(tasks.ofInstances(running.stream()
        .map(OpenPlaybooks.Playbook::processInstanceId).toList(), locale)));
    if (AccountStory.reads(me, AccountStory.ACTIVITIES)) {
      Map<Long, String> names = new LinkedHashMap<>();
      stakeholders.forEach(s -> names.put(s.id(), s.name()));
      model.addAttribute("activities", activities.ofAccount(id, ACTIVITIES).stream()
          .map(a -> new ActivityLine(a, a.stakeholderIds().stream().map(s -> names.getOrDefault(s, "#" + s)).toList(),
              a.recordedBy().startsWith("token:") ? a.recordedBy() : name(a.recordedBy())))
          .toList());
    }
    boolean acts = WorkspaceAccess.Audience.BOOK_READERS.admits(me);
    model.addAttribute("acts", acts);
    if (acts) {
      model.addAttribute("kinds", ActivityKind.CODES);
      model.addAttribute("now", LocalDateTime.ofInstant(EngineClock.now(), ZoneId.systemDefault())
          .truncatedTo(ChronoUnit.MINUTES));
      model.addAttribute("today", EngineClock.today());
      model.addAttribute("assignees", assignees());
      model.addAttribute("plays", plays.startable());
      model.addAttribute("qbrNow", plays.qbrNowPossible(id));
    }
    model.addAttribute("story", story.of(id, STORY_ENTRIES, me));
    return "workspace/account";
  }

  /** The teams, then the people of each team, by name: whom a task can be given to. */
  private List<Assignee> assignees() {
    List<Assignee> all = new ArrayList<>();
    Groups.TEAMS.forEach(team -> all.add(new Assignee(AccountActions.TEAM + team, team, true)));
    Map<String, Person> persons = new java.util.TreeMap<>();
    Groups.TEAMS.forEach(team -> people.membersOf(team).forEach(p -> persons.putIfAbsent(p.id(), p)));
    persons.values().stream().sorted(java.util.Comparator.comparing(Person::displayName))
        .forEach(p -> all.add(new Assignee(AccountActions.PERSON + p.id(), p.displayName() + " (" + p.id() + ")", false)));
    return all;
  }

  private String name(String userId) {
    return userId == null ? null : people.find(userId).map(Person::displayName).orElse(userId);
  }

  /** The score of each day, oldest first. */
  private Chart healthChart(List<HealthExplanations.Explained> days, Locale locale) {
    return Chart.line(days.stream().map(s -> day(s.scoredAt()).toString()).toList(),
        List.of(new Chart.Series("score", messages.getMessage("health.title", null, locale),
            days.stream().map(HealthExplanations.Explained::score).toList())), 0, 100);
  }

  /** The last score of each day, oldest first: what the chart and its table show. */
  static List<HealthExplanations.Explained> byDay(List<HealthExplanations.Explained> oldestFirst) {
    Map<LocalDate, HealthExplanations.Explained> last = new LinkedHashMap<>();
    oldestFirst.forEach(s -> last.put(day(s.scoredAt()), s));
    return List.copyOf(last.values());
  }

  static LocalDate day(Instant at) {
    return LocalDate.ofInstant(at, ZoneId.systemDefault());
  }
}
