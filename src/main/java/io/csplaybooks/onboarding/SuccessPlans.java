package io.csplaybooks.onboarding;

import io.csplaybooks.common.Validation;
import io.csplaybooks.handoff.HandoffBrief;
import io.csplaybooks.handoff.PromisedItem;
import io.csplaybooks.playbook.StepContext;
import io.csplaybooks.playbook.TaskForm;
import io.csplaybooks.security.Groups;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads, validates and changes success plans; every change is a new version in the history. */
@Service
public class SuccessPlans {

  public static final String SETUP_PREFIX = "Set up: ";

  /** The tasks whose form shows the plan; they are kept current when the plan changes. */
  static final String[] PLAN_TASKS = {"buildSuccessPlan", "closeOpenMilestones", "updateSuccessPlan"};

  private final SuccessPlanRepository plans;
  private final TaskService tasks;
  private final FormService forms;

  public SuccessPlans(SuccessPlanRepository plans, TaskService tasks, FormService forms) {
    this.plans = plans;
    this.tasks = tasks;
    this.forms = forms;
  }

  public Optional<SuccessPlan> find(long accountId) {
    return plans.find(accountId);
  }

  public List<SuccessPlan.Change> history(long accountId) {
    return plans.history(accountId);
  }

  /**
   * Replaces the plan after validating it. A version in the content must match the stored one, so
   * two people editing at once do not overwrite each other.
   */
  @Transactional
  public SuccessPlan update(long accountId, SuccessPlan.Content content, String user, String reason) {
    SuccessPlan.Content clean = validate(content);
    int current = plans.find(accountId).map(SuccessPlan::version).orElse(0);
    if (content.version() != null && content.version() != current) {
      throw new StalePlanException(accountId, content.version());
    }
    plans.save(accountId, clean, user, reason, current);
    SuccessPlan saved = plans.find(accountId).orElseThrow();
    refreshOpenForms(saved);
    return saved;
  }

  /**
   * An open "Build success plan" form shows the plan as it was when the task was created; a change
   * from elsewhere (engineering finishing a setup, the API) is copied into it, so the CSM neither
   * sees a stale plan nor is refused as stale on submit.
   */
  private void refreshOpenForms(SuccessPlan plan) {
    Runnable refresh = () -> tasks.createTaskQuery()
        // The onboarding playbook's business key is the account id (indexed; variable values are not).
        .processInstanceBusinessKey(String.valueOf(plan.accountId()))
        .taskDefinitionKeyIn(PLAN_TASKS)
        .list()
        .forEach(task -> tasks.setVariablesLocal(task.getId(),
            SuccessPlanForm.fields(plan, TaskForm.of(forms, task.getId()))));
    // The change may come from someone who cannot see the CSM's task (engineering); the form
    // must be refreshed all the same.
    StepContext.withoutAuthorization(refresh);
  }

  /**
   * The first plan, from the handoff brief: the business goals, the known risks as expected
   * challenges, one milestone per technical requirement (engineering) and per promised item (CS).
   * KPIs are agreed with the customer when the CSM builds the plan.
   */
  @Transactional
  public SuccessPlan seed(long accountId, HandoffBrief brief, LocalDate setupDue, LocalDate promisesDue, String user) {
    SuccessPlan.Content seeded = new SuccessPlan.Content(null, brief.businessGoals(), brief.knownRisks(), List.of(),
        distinctNames(milestonesOf(brief, setupDue, promisesDue)));
    return update(accountId, seeded, user, "seeded from the handoff brief");
  }

  /**
   * The plan extended by a later contract (an upsell, a cross-sell): its business goals join the
   * plan's goals, its known risks the challenges, and each technical requirement (engineering) and
   * promised item (CS) becomes a milestone, unless the plan has it already. A plan is started when
   * the account has none yet.
   */
  @Transactional
  public SuccessPlan extend(long accountId, HandoffBrief brief, String contractId, LocalDate setupDue,
      LocalDate promisesDue, String user) {
    SuccessPlan.Content current = plans.find(accountId).map(SuccessPlan::content)
        .orElse(new SuccessPlan.Content(null, List.of(), List.of(), List.of(), List.of()));
    List<SuccessPlan.Milestone> milestones = new ArrayList<>(current.milestones());
    milestones.addAll(milestonesOf(brief, setupDue, promisesDue));
    SuccessPlan.Content extended = new SuccessPlan.Content(null, joined(current.goals(), brief.businessGoals()),
        joined(current.challenges(), brief.knownRisks()), current.kpis(), distinctNames(milestones));
    return update(accountId, extended, user, "extended by contract " + contractId);
  }

  /** A milestone per technical requirement (engineering) and per promised item (CS). */
  private static List<SuccessPlan.Milestone> milestonesOf(HandoffBrief brief, LocalDate setupDue, LocalDate promisesDue) {
    List<SuccessPlan.Milestone> milestones = new ArrayList<>();
    for (String requirement : brief.technicalRequirements()) {
      milestones.add(new SuccessPlan.Milestone(SETUP_PREFIX + requirement, Groups.ENGINEERING, setupDue,
          SuccessPlan.Milestone.OPEN));
    }
    for (PromisedItem promise : brief.promisedItems()) {
      milestones.add(new SuccessPlan.Milestone(promise.description(), Groups.CS,
          promise.dueDate() == null ? promisesDue : promise.dueDate(), SuccessPlan.Milestone.OPEN));
    }
    return milestones;
  }

  private static List<String> joined(List<String> current, List<String> added) {
    List<String> all = new ArrayList<>(current);
    added.stream().filter(a -> current.stream().noneMatch(c -> c.trim().equalsIgnoreCase(a.trim()))).forEach(all::add);
    return all;
  }

  /** Marks one milestone done (engineering finished a setup task); unknown names change nothing. */
  @Transactional
  public void markDone(long accountId, String milestone, String user) {
    SuccessPlan plan = plans.find(accountId).orElseThrow();
    if (plan.milestones().stream().noneMatch(m -> m.name().equals(milestone) && !m.done())) {
      return;
    }
    List<SuccessPlan.Milestone> updated = plan.milestones().stream()
        .map(m -> m.name().equals(milestone)
            ? new SuccessPlan.Milestone(m.name(), m.ownerTeam(), m.dueDate(), SuccessPlan.Milestone.DONE)
            : m)
        .toList();
    update(accountId, new SuccessPlan.Content(plan.version(), plan.goals(), plan.challenges(), plan.kpis(), updated),
        user, "milestone done: " + milestone);
  }

  /** Checks the plan: a KPI needs a name, a target and a due date; a milestone a name, team and due date. */
  public static SuccessPlan.Content validate(SuccessPlan.Content content) {
    Validation v = new Validation();
    lines(v, "goals", content.goals());
    lines(v, "challenges", content.challenges());
    List<SuccessPlan.Kpi> kpis = new ArrayList<>();
    for (int i = 0; i < content.kpis().size(); i++) {
      SuccessPlan.Kpi kpi = content.kpis().get(i);
      String field = "kpis[" + i + "]";
      if (kpi == null) {
        v.reject(field, "must not be empty");
        continue;
      }
      if (v.required(field + ".name", kpi.name())) {
        v.maxLength(field + ".name", kpi.name(), 200);
      }
      v.maxLength(field + ".unit", kpi.unit(), 40);
      v.required(field + ".target", kpi.target());
      v.required(field + ".dueDate", kpi.dueDate());
      kpis.add(new SuccessPlan.Kpi(trim(kpi.name()), blankToNull(kpi.unit()), kpi.baseline(), kpi.target(),
          kpi.currentValue(), kpi.dueDate()));
    }
    List<SuccessPlan.Milestone> milestones = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < content.milestones().size(); i++) {
      SuccessPlan.Milestone m = content.milestones().get(i);
      String field = "milestones[" + i + "]";
      if (m == null) {
        v.reject(field, "must not be empty");
        continue;
      }
      if (v.required(field + ".name", m.name())) {
        v.maxLength(field + ".name", m.name(), 300);
        if (!names.add(m.name().trim())) {
          v.reject(field + ".name", "'" + m.name().trim() + "' is already a milestone: names must be unique");
        }
      }
      if (v.required(field + ".ownerTeam", m.ownerTeam()) && !Groups.TEAMS.contains(m.ownerTeam().trim())) {
        v.reject(field + ".ownerTeam", "must be one of " + String.join(", ", Groups.TEAMS));
      }
      v.required(field + ".dueDate", m.dueDate());
      String status = m.status() == null || m.status().isBlank() ? SuccessPlan.Milestone.OPEN : m.status().trim();
      if (!SuccessPlan.Milestone.OPEN.equals(status) && !SuccessPlan.Milestone.DONE.equals(status)) {
        v.reject(field + ".status", "must be open or done");
      }
      milestones.add(new SuccessPlan.Milestone(trim(m.name()), trim(m.ownerTeam()), m.dueDate(), status));
    }
    v.throwIfInvalid();
    return new SuccessPlan.Content(content.version(), content.goals().stream().map(String::trim).toList(),
        content.challenges().stream().map(String::trim).toList(), kpis, milestones);
  }

  private static List<SuccessPlan.Milestone> distinctNames(List<SuccessPlan.Milestone> milestones) {
    Set<String> seen = new HashSet<>();
    return milestones.stream().filter(m -> seen.add(m.name())).toList();
  }

  private static void lines(Validation v, String field, List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i) == null || lines.get(i).isBlank()) {
        v.reject(field + "[" + i + "]", "must not be empty");
      } else {
        v.maxLength(field + "[" + i + "]", lines.get(i), 2000);
      }
    }
  }

  private static String trim(String value) {
    return value == null ? null : value.trim();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
