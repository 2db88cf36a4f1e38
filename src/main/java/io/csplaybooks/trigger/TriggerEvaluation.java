package io.csplaybooks.trigger;

import io.csplaybooks.account.StakeholderChanged;
import io.csplaybooks.common.ClusterLock;
import io.csplaybooks.common.EngineClock;
import io.csplaybooks.health.HealthChanged;
import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.PlaybookEvents;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Evaluates the triggers that are on: when signals arrive (for the accounts just scored) and every
 * night (for every account). For each trigger, the accounts for which it holds now are one set
 * ({@link TriggerConditions}); an account newly in it opens an episode and is sent the trigger's event,
 * once; an account no longer in it closes its episode, so a later slide fires again. The episode and the
 * event commit together, a few hundred accounts at a time: an event is never lost behind a recorded
 * episode, and never sent twice for one.
 */
@Service
public class TriggerEvaluation {

  /** The nightly run's name in scheduled_run. */
  public static final String RUN = "trigger-evaluation";
  /** Accounts whose episodes open and events go out in one transaction. */
  static final int CHUNK = 500;

  private static final Logger LOG = LoggerFactory.getLogger(TriggerEvaluation.class);

  /** What one evaluation did: triggers evaluated, accounts that fired (episodes opened) and closed, events sent. */
  public record Outcome(int triggers, int fired, int closed, int delivered) {}

  private final TriggerRepository triggers;
  private final TriggerConditions conditions;
  private final PlaybookEvents events;
  private final ClusterLock cluster;
  private final TriggerSettings settings;
  private final TransactionTemplate ownTransaction;

  TriggerEvaluation(TriggerRepository triggers, TriggerConditions conditions, PlaybookEvents events,
      ClusterLock cluster, TriggerSettings settings, PlatformTransactionManager transactions) {
    this.triggers = triggers;
    this.conditions = conditions;
    this.events = events;
    this.cluster = cluster;
    this.settings = settings;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** The nightly run, on the node that claims it; empty on the nodes that skip it. */
  @Scheduled(cron = "${csp.triggers.nightly-cron}")
  public Optional<Outcome> nightly() {
    return cluster.runOnOneNode(RUN, settings.holdAtMost(), settings.holdAtLeast(), this::evaluateAll);
  }

  /** Every trigger that is on, over every open account, now, on this node. */
  public Outcome evaluateAll() {
    long started = System.nanoTime();
    Outcome outcome = evaluate(null);
    LOG.info("Triggers evaluated over every account: {} triggers, {} fired, {} episodes closed, {} playbooks told,"
        + " in {} ms", outcome.triggers(), outcome.fired(), outcome.closed(), outcome.delivered(),
        (System.nanoTime() - started) / 1_000_000);
    return outcome;
  }

  /**
   * Signals arrived and their accounts were scored: their triggers are evaluated once the scores are
   * committed, in transactions of their own, so a failure here never takes a signal or a score back
   * (the night evaluates again). The nightly portfolio scoring is left to the nightly evaluation.
   */
  @TransactionalEventListener(fallbackExecution = true)
  public void onHealthChanged(HealthChanged changed) {
    if (changed.portfolioRun() || changed.scored().isEmpty()) {
      return;
    }
    try {
      evaluate(changed.scored());
    } catch (RuntimeException e) {
      LOG.error("Triggers not evaluated for {} accounts just scored; the nightly run will", changed.scored().size(), e);
    }
  }

  /**
   * A stakeholder changed (a contract named a new sponsor or champion): the account's triggers are
   * evaluated once the change is committed, in transactions of their own, as after signals.
   */
  @TransactionalEventListener(fallbackExecution = true)
  public void onStakeholderChanged(StakeholderChanged changed) {
    try {
      evaluate(List.of(changed.accountId()));
    } catch (RuntimeException e) {
      LOG.error("Triggers not evaluated for account {} after a stakeholder change; the nightly run will",
          changed.accountId(), e);
    }
  }

  /** Every trigger that is on, over the accounts given (every open account when null). */
  public Outcome evaluate(Collection<Long> among) {
    Instant now = EngineClock.now();
    int evaluated = 0;
    int fired = 0;
    int closed = 0;
    int delivered = 0;
    for (TriggerRepository.Stored trigger : triggers.all()) {
      if (!trigger.enabled() || trigger.conditions().isEmpty()) {
        continue;
      }
      evaluated++;
      Set<Long> holding = conditions.holding(trigger, among, now);
      Set<Long> open = triggers.openEpisodes(trigger.id(), among);
      List<Long> ended = open.stream().filter(account -> !holding.contains(account)).toList();
      if (!ended.isEmpty()) {
        closed += ownTransaction.execute(status -> triggers.close(trigger.id(), ended, now));
      }
      List<Long> starting = holding.stream().filter(account -> !open.contains(account)).sorted().toList();
      boolean listened = !starting.isEmpty() && events.anyListens(trigger.message());
      for (int from = 0; from < starting.size(); from += CHUNK) {
        List<Long> chunk = starting.subList(from, Math.min(starting.size(), from + CHUNK));
        int[] sent = fire(trigger, chunk, now, listened);
        fired += sent[0];
        delivered += sent[1];
      }
    }
    return new Outcome(evaluated, fired, closed, delivered);
  }

  /** Opens the chunk's episodes and sends their events in one transaction; again once if another node opened some. */
  private int[] fire(TriggerRepository.Stored trigger, List<Long> chunk, Instant now, boolean listened) {
    for (int attempt = 0; ; attempt++) {
      try {
        return ownTransaction.execute(status -> {
          List<Long> opened = triggers.open(trigger.id(), chunk, now);
          int delivered = 0;
          if (listened) {
            for (Long account : opened) {
              delivered += events.publishDeclared(trigger.message(), new AccountId(account), Map.of());
            }
          }
          return new int[] {opened.size(), delivered};
        });
      } catch (DuplicateKeyException e) {
        // Another evaluation opened an episode of this chunk at the same moment: the retry skips it.
        if (attempt > 0) {
          throw e;
        }
      }
    }
  }
}
