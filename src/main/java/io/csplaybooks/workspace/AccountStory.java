package io.csplaybooks.workspace;

import io.csplaybooks.account.AccountTimeline;
import io.csplaybooks.account.Accounts;
import io.csplaybooks.activity.Activities;
import io.csplaybooks.activity.Activity;
import io.csplaybooks.common.InvalidInputException;
import io.csplaybooks.feedback.FeedbackItem;
import io.csplaybooks.feedback.FeedbackLog;
import io.csplaybooks.health.HealthBand;
import io.csplaybooks.health.AccountHealth;
import io.csplaybooks.health.ScoreMove;
import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.AccountPlaybooks;
import io.csplaybooks.qbr.QbrHistory;
import io.csplaybooks.security.ApiAccess;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Service;

/**
 * What happened to an account, newest first, in the words of the page's language: its lifecycle,
 * contracts and stakeholders ({@link AccountTimeline}), its playbooks started and ended and the tasks
 * people did in them (the engine's history), the scorings that moved its health, its QBRs and the
 * feedback its people gave. Each part is read in one query or two, whatever the account's age.
 *
 * <p>A viewer sees what the API would show them and nothing more: each part is read only when the
 * viewer's teams may call the API endpoint that shows it ({@link ApiAccess}), so sales, who may not
 * read an account's feedback, find none in its story either.
 */
@Service
class AccountStory {

  /** The most entries a page asks for. */
  static final int MOST = 1000;

  /**
   * One thing that happened. {@code message} is a message key (i18n/timeline), to be rendered with
   * {@code args} in the page's language; an argument that is itself a {@link MessageSourceResolvable}
   * (a stage, a band, a playbook's name) is put in that language too. {@code by} is the user id of who
   * did it, or null; {@code link} a path inside the application, or null.
   */
  public record Entry(Instant at, String kind, String message, List<Object> args, String by, String link,
      MessageSourceResolvable byPlaybook) {

    public Entry {
      args = Collections.unmodifiableList(new ArrayList<>(args));
    }

    public Entry(Instant at, String kind, String message, List<Object> args, String by, String link) {
      this(at, kind, message, args, by, link, null);
    }

    /** The same, done by the playbook of that name (its key is what was recorded as {@code by}). */
    Entry byPlaybook(MessageSourceResolvable playbook) {
      return new Entry(at, kind, message, args, by, link, playbook);
    }

    /** The arguments as Thymeleaf's {@code #messages.msgWithParams(key, args)} takes them. */
    public Object[] argArray() {
      return args.toArray();
    }

    /** The time on the server's clock, for the page. */
    public LocalDateTime atLocal() {
      return LocalDateTime.ofInstant(at, ZoneId.systemDefault());
    }
  }

  /** The API endpoints whose readers may see each part of the story. */
  static final String TIMELINE = "/api/accounts/{id}/timeline";
  static final String PLAYBOOKS = "/api/accounts/{id}";
  static final String HEALTH = "/api/accounts/{accountId}/health/history";
  static final String QBRS = "/api/accounts/{accountId}/qbr";
  static final String FEEDBACK = "/api/accounts/{accountId}/feedback";
  static final String ACTIVITIES = "/api/accounts/{id}/activities";

  /** How long a piece of feedback's description may be in the story (the item itself has it all). */
  static final int DESCRIPTION_CHARS = 160;

  private final AccountTimeline timeline;
  private final HistoryService history;
  private final RepositoryService repository;
  private final List<AccountPlaybooks> otherwiseKeyed;
  private final AccountHealth health;
  private final QbrHistory qbrs;
  private final FeedbackLog feedback;
  private final int healthPoints;
  private final Activities activities;
  private final Accounts accounts;
  private final WorkspaceQueries queries;

  AccountStory(AccountTimeline timeline, HistoryService history, RepositoryService repository,
      List<AccountPlaybooks> otherwiseKeyed, AccountHealth health, QbrHistory qbrs, FeedbackLog feedback,
      WorkspaceSettings settings, Activities activities, Accounts accounts, WorkspaceQueries queries) {
    this.queries = queries;
    this.activities = activities;
    this.accounts = accounts;
    this.timeline = timeline;
    this.history = history;
    this.repository = repository;
    this.otherwiseKeyed = otherwiseKeyed;
    this.health = health;
    this.qbrs = qbrs;
    this.feedback = feedback;
    if (settings.storyHealthPoints() < 1) {
      throw new IllegalStateException("csp.workspace.story-health-points must be at least 1");
    }
    this.healthPoints = settings.storyHealthPoints();
  }

  /**
   * What happened to the account, newest first, at most {@code limit} entries, as far as the viewer
   * may read it. An account that does not exist has an empty story.
   */
  public List<Entry> of(long accountId, int limit, WorkspaceUser viewer) {
    if (limit < 1 || limit > MOST) {
      throw new InvalidInputException("limit", "must be between 1 and " + MOST);
    }
    List<Entry> entries = new ArrayList<>();
    if (reads(viewer, TIMELINE)) {
      timeline.of(accountId).forEach(e -> entries.add(fromTimeline(e)));
    }
    if (reads(viewer, PLAYBOOKS)) {
      playbooks(accountId, limit, entries);
    }
    if (reads(viewer, HEALTH)) {
      health.moves(accountId, healthPoints, limit).forEach(m -> entries.add(healthMove(m)));
    }
    if (reads(viewer, QBRS)) {
      qbrs(accountId, entries);
    }
    if (reads(viewer, FEEDBACK)) {
      feedback.ofAccount(accountId).forEach(f -> entries.add(feedback(f)));
    }
    if (reads(viewer, ACTIVITIES)) {
      activities(accountId, limit, entries);
    }
    namePlaybooks(entries);
    // Stable: of two things at the same instant, the one recorded first stays first.
    entries.sort(Comparator.comparing(Entry::at).reversed());
    return List.copyOf(entries.subList(0, Math.min(limit, entries.size())));
  }

  /**
   * A playbook records what it did under its key ("sales-handoff playbook" moved the account to
   * onboarding): such an entry names the playbook, in the page's language, instead of showing its key.
   * One query per distinct author, a handful per story.
   */
  private void namePlaybooks(List<Entry> entries) {
    Map<String, MessageSourceResolvable> playbooks = new HashMap<>();
    entries.stream().map(Entry::by).filter(Objects::nonNull).distinct().forEach(by -> {
      String key = by.endsWith(PLAYBOOK_SUFFIX) ? by.substring(0, by.length() - PLAYBOOK_SUFFIX.length()) : by;
      ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion()
          .singleResult();
      if (definition != null) {
        playbooks.put(by, new DefaultMessageSourceResolvable(new String[] {"timeline.playbook." + key}, null,
            definition.getName() == null ? key : definition.getName()));
      }
    });
    entries.replaceAll(e -> e.by() != null && playbooks.containsKey(e.by()) ? e.byPlaybook(playbooks.get(e.by())) : e);
  }

  /** How the account's lifecycle records a playbook as the one who moved it: "sales-handoff playbook". */
  private static final String PLAYBOOK_SUFFIX = " playbook";

  /** Whether the viewer's teams may call the API endpoint (administrators always may). */
  static boolean reads(WorkspaceUser viewer, String pattern) {
    return ApiAccess.rule(HttpMethod.GET, pattern).map(rule -> viewer.inAny(rule.teams()))
        .orElse(viewer.isAdministrator());
  }

  private static Entry fromTimeline(AccountTimeline.Entry e) {
    Map<String, Object> d = e.details();
    return switch (e.kind()) {
      case "lifecycle" -> d.get("from") == null
          ? entry(e, "timeline.lifecycle.joined", term("stage.", d.get("to")), d.get("reason"))
          : entry(e, "timeline.lifecycle.moved", term("stage.", d.get("from")), term("stage.", d.get("to")),
              d.get("reason"));
      case "contract" -> entry(e, "timeline.contract", term("kind.", d.get("kind")), d.get("contractId"), d.get("arr"),
          d.get("currency"), d.get("startDate"), d.get("endDate"));
      case "amendment" -> d.get("reason") == null ? entry(e, "timeline.amendment", d.get("contractId"))
          : entry(e, "timeline.amendment.because", d.get("contractId"), d.get("reason"));
      case "stakeholder" -> d.get("from") == null
          ? entry(e, "timeline.stakeholder.joined", d.get("name"), term("role.", d.get("to")), d.get("reason"))
          : entry(e, "timeline.stakeholder.role", d.get("name"), term("role.", d.get("from")), term("role.", d.get("to")),
              d.get("reason"));
      case "csm" -> entry(e, "timeline.csm.moved", d.get("from"), d.get("to"), d.get("note"));
      // Something the account's timeline learns to tell later: its own sentence until it has words here.
      default -> entry(e, "timeline.other", e.summary());
    };
  }

  private static Entry entry(AccountTimeline.Entry e, String message, Object... args) {
    return new Entry(e.at(), e.kind(), message, Arrays.asList(args), e.by(), null);
  }

  /**
   * The account's playbooks (its business key, and those keyed otherwise such as the handoff), each
   * started and, once over, ended; and the tasks people completed in them: four queries on the
   * engine's history, whatever the number of playbooks (the models of the playbooks' versions, for
   * the names of their end events, are in the engine's cache).
   */
  private void playbooks(long accountId, int limit, List<Entry> entries) {
    Map<String, HistoricProcessInstance> instances = new LinkedHashMap<>();
    history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(String.valueOf(accountId)).list()
        .forEach(i -> instances.put(i.getId(), i));
    Set<String> keyedOtherwise = new HashSet<>();
    otherwiseKeyed.forEach(playbooks -> keyedOtherwise.addAll(playbooks.instances(AccountId.of(accountId))));
    keyedOtherwise.removeAll(instances.keySet());
    if (!keyedOtherwise.isEmpty()) {
      history.createHistoricProcessInstanceQuery().processInstanceIds(keyedOtherwise).list()
          .forEach(i -> instances.put(i.getId(), i));
    }
    if (instances.isEmpty()) {
      return;
    }
    Map<String, MessageSourceResolvable> names = new HashMap<>();
    // A playbook moved to another version since it started says the version it started in (its own
    // history keeps it); its ending, the version it ended in.
    Map<String, Integer> startedIn = queries.startedInVersion(instances.keySet());
    for (HistoricProcessInstance i : instances.values()) {
      MessageSourceResolvable playbook = playbookName(i);
      names.put(i.getId(), playbook);
      int version = i.getProcessDefinitionVersion() == null ? 0 : i.getProcessDefinitionVersion();
      entries.add(new Entry(i.getStartTime().toInstant(), "playbook", "timeline.playbook.started",
          List.of(playbook, startedIn.getOrDefault(i.getId(), version)), i.getStartUserId(), null));
      if (i.getEndTime() != null) {
        entries.add(ended(i, playbook, version));
      }
    }
    // The task query has no "process instance in": it asks by the instances' business keys (indexed),
    // and keeps the tasks of these instances (a contract id could be another account's id).
    String[] keys = instances.values().stream().map(HistoricProcessInstance::getBusinessKey)
        .filter(Objects::nonNull).distinct().toArray(String[]::new);
    List<HistoricTaskInstance> done = keys.length == 0 ? List.of() : history.createHistoricTaskInstanceQuery()
        .processInstanceBusinessKeyIn(keys)
        .finished().taskDeleteReason("completed")
        .orderByHistoricTaskInstanceEndTime().desc()
        .listPage(0, limit);
    for (HistoricTaskInstance task : done) {
      if (!instances.containsKey(task.getProcessInstanceId())) {
        continue;
      }
      // Whoever held the task when it was completed: Tasklist completes only a task one has claimed.
      entries.add(new Entry(task.getEndTime().toInstant(), "task", "timeline.task.done",
          List.of(task.getName() == null ? task.getTaskDefinitionKey() : task.getName(),
              names.get(task.getProcessInstanceId())), task.getAssignee(), null));
    }
  }

  /** The playbook's name in the page's language, else as its BPMN names it (a CS manager's own playbook). */
  private static MessageSourceResolvable playbookName(HistoricProcessInstance i) {
    String key = i.getProcessDefinitionKey();
    return new DefaultMessageSourceResolvable(new String[] {"timeline.playbook." + key}, null,
        i.getProcessDefinitionName() == null ? key : i.getProcessDefinitionName());
  }

  /**
   * How a playbook ended: at which end event (its name says why: "Customer onboarded", "Onboarding
   * ended: account churned"), or stopped by a person or the application, with the reason given.
   */
  private Entry ended(HistoricProcessInstance i, MessageSourceResolvable playbook, int version) {
    Instant at = i.getEndTime().toInstant();
    if (HistoricProcessInstance.STATE_EXTERNALLY_TERMINATED.equals(i.getState())) {
      String reason = i.getDeleteReason();
      return reason == null || reason.isBlank()
          ? new Entry(at, "playbook", "timeline.playbook.stopped", List.of(playbook, version), null, null)
          : new Entry(at, "playbook", "timeline.playbook.stopped.because", List.of(playbook, version, reason), null,
              null);
    }
    String end = endEventName(i);
    return end == null
        ? new Entry(at, "playbook", "timeline.playbook.completed", List.of(playbook, version), null, null)
        : new Entry(at, "playbook", "timeline.playbook.ended", List.of(playbook, version, end), null, null);
  }

  /** The name of the end event the playbook ended at, from its model (which the engine keeps cached). */
  private String endEventName(HistoricProcessInstance i) {
    if (i.getEndActivityId() == null) {
      return null;
    }
    try {
      ModelElementInstance element = repository.getBpmnModelInstance(i.getProcessDefinitionId())
          .getModelElementById(i.getEndActivityId());
      return element instanceof FlowElement flow && flow.getName() != null && !flow.getName().isBlank()
          ? flow.getName() : null;
    } catch (ProcessEngineException e) {
      // The playbook's version is no longer deployed: the ending is still worth telling, without its name.
      return null;
    }
  }

  private Entry healthMove(ScoreMove m) {
    Object band = m.band() == null ? term("band.", "unscored") : term("band.", m.band().code());
    if (m.to() == null) {
      return new Entry(m.at(), "health", "timeline.health.unscored", List.of(m.from() == null ? "–" : m.from(),
          reason(m.reason())), null, null);
    }
    if (m.overrideReason() != null) {
      return new Entry(m.at(), "health", "timeline.health.overridden",
          List.of(m.from() == null ? "–" : m.from(), m.to(), band, m.overrideReason()), m.overrideBy(), null);
    }
    if (m.from() == null) {
      return new Entry(m.at(), "health", "timeline.health.scored", List.of(m.to(), band, reason(m.reason())), null,
          null);
    }
    return new Entry(m.at(), "health", "timeline.health.moved", List.of(m.from(), m.to(), band, reason(m.reason())),
        null, null);
  }

  /** Why the account was scored: the application's reasons in the page's language, anything else as stored. */
  private static MessageSourceResolvable reason(String reason) {
    String stored = reason == null ? "" : reason;
    return new DefaultMessageSourceResolvable(new String[] {"timeline.health.reason." + stored.trim().replace(' ', '-')},
        null, stored);
  }

  private void qbrs(long accountId, List<Entry> entries) {
    Set<Integer> packs = new HashSet<>();
    for (QbrHistory.PackRow pack : qbrs.packs(accountId)) {
      packs.add(pack.round());
      entries.add(new Entry(pack.preparedAt(), "qbr", "timeline.qbr.pack", List.of(pack.round(), pack.qbrDate()), null,
          packLink(accountId, pack.round())));
    }
    for (QbrHistory.Outcome outcome : qbrs.outcomes(accountId)) {
      String link = packs.contains(outcome.round()) ? packLink(accountId, outcome.round()) : null;
      entries.add(outcome.heldOn() == null
          ? new Entry(outcome.recordedAt(), "qbr", "timeline.qbr.recorded", List.of(outcome.round()),
              outcome.recordedBy(), link)
          : new Entry(outcome.recordedAt(), "qbr", "timeline.qbr.held", List.of(outcome.round(), outcome.heldOn()),
              outcome.recordedBy(), link));
    }
  }

  /** The workspace's page of a round's QBR pack ({@code QbrPackPage}). */
  static String packLink(long accountId, int round) {
    return "/accounts/" + accountId + "/qbr/" + round;
  }

  /**
   * The account's notes, calls, meetings and emails: who recorded it, with whom, what was said, and
   * the next step it gave (which the playbook entries tell as a one-off task).
   */
  private void activities(long accountId, int limit, List<Entry> entries) {
    List<Activity> recorded = activities.ofAccount(accountId, Math.min(limit, Activities.MOST));
    if (recorded.isEmpty()) {
      return;
    }
    Map<Long, String> names = new HashMap<>();
    accounts.stakeholdersOf(accountId).forEach(s -> names.put(s.id(), s.name()));
    for (Activity a : recorded) {
      String with = String.join(", ", a.stakeholderIds().stream().map(id -> names.getOrDefault(id, "#" + id)).toList());
      String summary = a.summary().length() <= DESCRIPTION_CHARS ? a.summary()
          : a.summary().substring(0, DESCRIPTION_CHARS - 1) + "…";
      Object kind = term("timeline.activity.kind.", a.kind().code());
      List<Object> args = new ArrayList<>(List.of(kind, summary));
      String message = "timeline.activity";
      if (!with.isEmpty()) {
        message += ".with";
        args.add(with);
      }
      if (a.nextStep() != null) {
        message += ".next";
        args.add(a.nextStep());
        args.add(a.nextStepDue());
      }
      entries.add(new Entry(a.occurredAt(), "activity", message, args, a.recordedBy(), null));
    }
  }

  private static Entry feedback(FeedbackItem f) {
    String description = f.description().length() <= DESCRIPTION_CHARS ? f.description()
        : f.description().substring(0, DESCRIPTION_CHARS - 1) + "…";
    return new Entry(f.createdAt(), "feedback", "timeline.feedback", List.of(term("timeline.feedback.kind.",
        f.kind().code()), f.theme(), description, term("timeline.feedback.status.", f.status())), f.createdBy(), null);
  }

  /** A word of the page's language for a code (a stage, a role, a band), the code itself when it has none. */
  private static MessageSourceResolvable term(String prefix, Object code) {
    String text = String.valueOf(code);
    return new DefaultMessageSourceResolvable(new String[] {prefix + text}, null, text);
  }
}
