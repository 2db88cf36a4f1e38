package io.csplaybooks.health;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What the health module tells other modules about one account: its scores and their moves, and the
 * signals a renewal's risk reads. Reads only; scores and signals are written here, by the nightly
 * scoring, an override and the signal intake.
 */
@Component
public class AccountHealth {

  private final HealthRepository scores;
  private final SignalRepository signals;

  AccountHealth(HealthRepository scores, SignalRepository signals) {
    this.scores = scores;
    this.signals = signals;
  }

  /** The account's scores, newest first, at most {@code limit}. */
  public List<HealthRecord> history(long accountId, int limit) {
    return scores.history(accountId, limit);
  }

  /** The 30-day trend of the account's latest score, if it has one. */
  public Optional<Integer> latestTrend(long accountId) {
    return scores.latestTrend(accountId);
  }

  /**
   * The scorings that moved the account's score by at least {@code points} or changed its band, newest
   * first, at most {@code limit}.
   */
  public List<ScoreMove> moves(long accountId, int points, int limit) {
    return scores.moves(accountId, points, limit);
  }

  /** Active users as a share of seats (%), from the latest usage signal dated between the two days; null if none. */
  public Integer adoption(long accountId, LocalDate oldest, LocalDate newest) {
    return signals.adoption(accountId, oldest, newest);
  }

  /** Support tickets escalated since the day. */
  public int escalatedSince(long accountId, LocalDate since) {
    return signals.escalatedSince(accountId, since);
  }

  /** The latest NPS answer; null if the account has none. */
  public Integer latestNps(long accountId) {
    return signals.latestNps(accountId);
  }
}
