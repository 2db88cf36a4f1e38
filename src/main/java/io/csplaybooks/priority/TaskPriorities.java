package io.csplaybooks.priority;

import io.csplaybooks.account.Account;
import io.csplaybooks.account.Accounts;
import io.csplaybooks.common.Batches;
import io.csplaybooks.common.EngineClock;
import io.csplaybooks.health.HealthChanged;
import io.csplaybooks.playbook.AccountId;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * How urgent each open task is: the decision table {@code task-priority} (deployed from
 * {@code bpmn/task-priority.dmn}, a CS manager edits it in the Modeler) on the account's health band,
 * its ARR and the days until the task is due, kept in the engine's task priority (0-100). Set when a
 * task is created ({@link TaskPriorityPlugin}), again for an account's open tasks when its health
 * band changes, and for every open task after the nightly portfolio run (due dates come nearer).
 * The same number says what is urgent ({@link #urgent}).
 */
@Service
public class TaskPriorities {

  private static final Logger LOG = LoggerFactory.getLogger(TaskPriorities.class);
  private static final int PAGE = 1000;

  private final PriorityRule rule = new PriorityRule();
  private final Map<String, DmnDecision> parsed = new ConcurrentHashMap<>();
  private volatile DmnDecision lastRead;
  private final RepositoryService repository;
  private final TaskService tasks;
  private final Accounts accounts;
  private final PriorityQueries queries;
  private final int urgentFrom;

  TaskPriorities(RepositoryService repository, TaskService tasks, Accounts accounts,
      PriorityQueries queries, PrioritySettings settings) {
    this.repository = repository;
    this.tasks = tasks;
    this.accounts = accounts;
    this.queries = queries;
    this.urgentFrom = settings.urgentFrom();
  }

  /** Whether a task of this priority is urgent (the notification says so). */
  public boolean urgent(int priority) {
    return priority >= urgentFrom;
  }

  /**
   * A new task's priority, from its playbook's account (on the task's create event). Priority ranks
   * work, it does not gate it: a table a CS manager broke leaves the task at the engine's default
   * (logged), rather than stopping every playbook at its next task.
   */
  public void prioritise(DelegateTask task) {
    try {
      Account account = task.getVariable(AccountId.VARIABLE) instanceof Number id
          ? accounts.findById(id.longValue()).orElse(null) : null;
      Instant due = task.getDueDate() == null ? null : task.getDueDate().toInstant();
      task.setPriority(priority(account == null
          ? PriorityRule.Facts.of(null, null, null, due, EngineClock.now())
          : PriorityRule.Facts.of(account.healthBand(), account.arr(), account.currency(), due, EngineClock.now())));
    } catch (RuntimeException e) {
      LOG.warn("Task {} ({}) keeps priority {}: the decision table {} failed", task.getId(), task.getName(),
          task.getPriority(), PriorityRule.DECISION, e);
    }
  }

  /** The open tasks of these accounts get the priority the table gives them now; returns how many changed. */
  @Transactional
  public int refresh(Collection<Long> accountIds) {
    List<Long> ids = List.copyOf(accountIds);
    int changed = 0;
    for (int from = 0; from < ids.size(); from += Batches.IN_LIST) {
      changed += apply(queries.ofAccounts(ids.subList(from, Math.min(ids.size(), from + Batches.IN_LIST))));
    }
    return changed;
  }

  /** Every open task gets the priority the table gives it now (a page at a time); returns how many changed. */
  public int refreshAll() {
    int changed = 0;
    String after = "";
    List<PriorityQueries.OpenTask> page;
    do {
      page = queries.page(after, PAGE);
      changed += apply(page);
      after = page.isEmpty() ? after : page.get(page.size() - 1).id();
    } while (page.size() == PAGE);
    return changed;
  }

  /**
   * A scoring changed some accounts' bands, or was the nightly portfolio run (due dates come nearer
   * every day, so then every open task): their open tasks, or all, are ranked again once the scores are committed, in a transaction of their own, so a failure here
   * never takes a score back.
   */
  @TransactionalEventListener(fallbackExecution = true)
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void onHealthChanged(HealthChanged changed) {
    try {
      int refreshed = changed.portfolioRun() ? refreshAll() : refresh(changed.bandChanged());
      if (changed.portfolioRun()) {
        LOG.info("Task priorities after the portfolio run: {} changed", refreshed);
      }
    } catch (RuntimeException e) {
      // The scores are committed; the tasks keep their priorities until the next change or night.
      // Not thrown: after the commit it would turn the scoring's answer into an error for work that is done.
      LOG.error("Task priorities not refreshed after a scoring of {} accounts", changed.bandChanged().size(), e);
    }
  }

  private int apply(List<PriorityQueries.OpenTask> open) {
    if (open.isEmpty()) {
      return 0;
    }
    DmnDecision decision = decision();
    Instant now = EngineClock.now();
    Map<String, Integer> changes = new LinkedHashMap<>();
    for (PriorityQueries.OpenTask task : open) {
      int priority = rule.priority(decision,
          PriorityRule.Facts.of(task.healthBand(), task.arr(), task.currency(), task.due(), now));
      if (priority != task.priority()) {
        changes.put(task.id(), priority);
      }
    }
    // Only what changed, each through the engine (its history keeps the change).
    changes.forEach(tasks::setPriority);
    return changes.size();
  }

  int priority(PriorityRule.Facts facts) {
    return rule.priority(decision(), facts);
  }

  /** Read once the application is up, so the first task of a node already has it. */
  @EventListener(ApplicationReadyEvent.class)
  public void readTheTable() {
    decision();
  }

  /**
   * The latest deployed version of the table, parsed once per version. A task made within a
   * person's command (their authorizations in force) may not read decision definitions: it gets the
   * version this node read last.
   */
  private DmnDecision decision() {
    DecisionDefinition latest;
    try {
      latest = repository.createDecisionDefinitionQuery().decisionDefinitionKey(PriorityRule.DECISION)
          .latestVersion().withoutTenantId().singleResult();
    } catch (AuthorizationException e) {
      if (lastRead != null) {
        return lastRead;
      }
      throw e;
    }
    if (latest == null) {
      throw new IllegalStateException("the decision table " + PriorityRule.DECISION + " is not deployed");
    }
    DmnDecision decision = parsed.computeIfAbsent(latest.getId(), id -> rule.parse(repository.getDecisionModel(id)));
    lastRead = decision;
    return decision;
  }
}
