package io.csplaybooks.health;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
  private final HealthConditions conditions;

  AccountHealth(HealthRepository scores, SignalRepository signals, HealthConditions conditions) {
    this.scores = scores;
    this.signals = signals;
    this.conditions = conditions;
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

  // Set-wise, for the triggers a CS manager declares: which open accounts among those given (every
  // open account when null) are in the state now. One statement each, whatever the number of accounts.

  /** Health is in the band or a worse one (yellow: yellow or red). */
  public Set<Long> atOrBelowBand(HealthBand band, Collection<Long> among) {
    return conditions.atOrBelow(band, among);
  }

  /** The score is {@code points} or more below its highest since the instant. */
  public Set<Long> scoreFell(int points, Instant since, Collection<Long> among) {
    return conditions.scoreFell(points, since, among);
  }

  /** Usage (active users per seat) is down {@code percent} % or more from {@code days} days ago. */
  public Set<Long> usageFell(int percent, int days, Instant now, Collection<Long> among) {
    return conditions.usageFell(percent, days, now, among);
  }

  /** The latest NPS answer since the instant is a detractor's (0-6). */
  public Set<Long> detractorsSince(Instant since, Collection<Long> among) {
    return conditions.detractors(since, among);
  }

  /** No call or meeting since the instant (accounts that were ours before it). */
  public Set<Long> noContactSince(Instant since, Collection<Long> among) {
    return conditions.noContactSince(since, among);
  }
}
