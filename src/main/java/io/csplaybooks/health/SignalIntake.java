package io.csplaybooks.health;

import io.csplaybooks.account.Accounts;
import io.csplaybooks.common.EngineClock;
import io.csplaybooks.common.Validation;
import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.PlaybookEvent;
import io.csplaybooks.playbook.PlaybookEvents;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores a batch of signals all or nothing: any invalid signal refuses the whole batch with the
 * place and field of every problem. A signal id seen before is stored once. The accounts whose
 * signals arrived are scored again right away, in the same transaction.
 */
@Service
public class SignalIntake {

  public static final int MAX_BATCH = 10_000;

  private final SignalRepository signalRows;
  private final Accounts accounts;
  private final TransactionTemplate transaction;
  private final HealthScoring scoring;
  private final PlaybookEvents events;

  public SignalIntake(SignalRepository signalRows, Accounts accounts, TransactionTemplate transaction,
      HealthScoring scoring, PlaybookEvents events) {
    this.signalRows = signalRows;
    this.accounts = accounts;
    this.transaction = transaction;
    this.scoring = scoring;
    this.events = events;
  }

  public record Result(int received, int stored, int duplicates, int accountsScored, List<Long> turnedRed) {}

  /** Validates; {@code where} names each signal's place ("signals[3]." or "line 4: "). */
  public void validate(List<Signal> signals, java.util.function.IntFunction<String> where, Validation v) {
    if (signals.size() > MAX_BATCH) {
      v.reject("signals", "at most " + MAX_BATCH + " per call, got " + signals.size());
      return;
    }
    Set<Long> accountIds = new HashSet<>();
    signals.stream().filter(s -> s != null && s.accountId() != null).forEach(s -> accountIds.add(s.accountId()));
    Set<Long> known = accounts.existing(accountIds);
    for (int i = 0; i < signals.size(); i++) {
      if (signals.get(i) == null) {
        v.reject(where.apply(i).replaceAll("[.:]\\s*$", ""), "must not be empty");
      } else {
        SignalValidator.validate(signals.get(i), where.apply(i), known, v);
      }
    }
  }

  /**
   * Stores the new signals, scores their accounts and announces what they caused (a health turned
   * red, a promoter's answer) in one transaction: all of it happens, or none of it and the caller's
   * retry of the same batch does it all. A signal id seen before is stored once.
   */
  public Result store(List<Signal> signals) {
    Map<String, Signal> unique = new LinkedHashMap<>();
    signals.forEach(s -> unique.putIfAbsent(s.signalId(), s));
    for (int attempt = 0; ; attempt++) {
      try {
        return transaction.execute(status -> {
          List<Signal> fresh = insertNew(unique);
          Set<Long> accounts = new HashSet<>();
          fresh.forEach(s -> accounts.add(s.accountId()));
          HealthScoring.Outcome outcome = accounts.isEmpty() ? new HealthScoring.Outcome(0, List.of())
              : scoring.score(accounts, "new signals");
          // Promoters are announced after scoring, so the advocacy playbook sees their new band.
          fresh.stream().filter(s -> "nps".equals(s.type()) && s.npsScore() >= 9).map(Signal::accountId).distinct()
              .forEach(account -> events.publish(PlaybookEvent.PROMOTER_ANSWERED, new AccountId(account), Map.of()));
          return new Result(signals.size(), fresh.size(), signals.size() - fresh.size(), outcome.scored(),
              outcome.turnedRed());
        });
      } catch (DuplicateKeyException e) {
        // The same signals arrived twice at once; the other delivery stored them. Look again.
        if (attempt > 0) {
          throw e;
        }
      }
    }
  }

  private List<Signal> insertNew(Map<String, Signal> unique) {
    Set<String> existing = signalRows.existing(unique.keySet());
    List<Signal> fresh = unique.values().stream().filter(s -> !existing.contains(s.signalId())).toList();
    signalRows.insert(fresh, EngineClock.now());
    return fresh;
  }
}
