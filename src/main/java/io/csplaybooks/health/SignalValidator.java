package io.csplaybooks.health;

import io.csplaybooks.common.EngineClock;
import io.csplaybooks.common.Validation;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

/** Checks one signal; the caller names where it is (a JSON index or a CSV line). */
final class SignalValidator {

  static final Set<String> TYPES = Set.of("usage", "support", "nps", "engagement", "sentiment");
  static final Set<String> SEVERITIES = Set.of("low", "medium", "high", "critical");
  static final Set<String> SENTIMENTS = Set.of("positive", "neutral", "negative");

  /** A source's clock may run a little ahead of ours; a signal from further in the future is refused. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
  /** No signal is older than the product. */
  static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
  /** Users and seats of one account. */
  static final int MAX_USERS = 10_000_000;
  static final int MAX_FEATURES = 10_000;
  /** Tickets in one support signal. */
  static final int MAX_TICKETS = 100_000;

  private SignalValidator() {}

  static void validate(Signal s, String where, Set<Long> knownAccounts, Validation v) {
    if (v.required(where + "signalId", s.signalId())) {
      v.maxLength(where + "signalId", s.signalId(), 100);
    }
    if (v.required(where + "accountId", s.accountId()) && !knownAccounts.contains(s.accountId())) {
      v.reject(where + "accountId", "no account " + s.accountId());
    }
    if (v.required(where + "occurredAt", s.occurredAt())) {
      Instant at = s.occurredAt().toInstant();
      if (at.isAfter(EngineClock.now().plus(CLOCK_SKEW))) {
        v.reject(where + "occurredAt", "must not be in the future (more than " + CLOCK_SKEW.toMinutes()
            + " minutes ahead of " + EngineClock.now().truncatedTo(ChronoUnit.SECONDS) + ")");
      } else if (at.isBefore(EARLIEST)) {
        v.reject(where + "occurredAt", "must not be before " + EARLIEST);
      }
    }
    if (!v.required(where + "type", s.type())) {
      return;
    }
    switch (s.type()) {
      case "usage" -> {
        if (v.required(where + "activeUsers", s.activeUsers())) {
          v.range(where + "activeUsers", s.activeUsers(), 0, MAX_USERS);
        }
        if (v.required(where + "licensedSeats", s.licensedSeats())) {
          v.range(where + "licensedSeats", s.licensedSeats(), 1, MAX_USERS);
        }
        v.range(where + "featuresUsed", s.featuresUsed(), 0, MAX_FEATURES);
        v.range(where + "featuresTotal", s.featuresTotal(), 1, MAX_FEATURES);
        if (s.featuresUsed() != null && s.featuresTotal() != null && s.featuresUsed() > s.featuresTotal()) {
          v.reject(where + "featuresUsed", "must not be more than featuresTotal");
        }
        if ((s.featuresUsed() == null) != (s.featuresTotal() == null)) {
          v.reject(where + "featuresTotal", "featuresUsed and featuresTotal come together");
        }
      }
      case "support" -> {
        if (v.required(where + "ticketsOpened", s.ticketsOpened())) {
          v.range(where + "ticketsOpened", s.ticketsOpened(), 0, MAX_TICKETS);
        }
        v.range(where + "ticketsEscalated", s.ticketsEscalated(), 0, MAX_TICKETS);
        oneOf(v, where + "severity", s.severity(), SEVERITIES);
      }
      case "nps" -> {
        if (v.required(where + "npsScore", s.npsScore()) && (s.npsScore() < 0 || s.npsScore() > 10)) {
          v.reject(where + "npsScore", "must be 0-10");
        }
      }
      case "engagement" -> v.required(where + "meetingHeld", s.meetingHeld());
      case "sentiment" -> {
        if (v.required(where + "sentiment", s.sentiment())) {
          oneOf(v, where + "sentiment", s.sentiment(), SENTIMENTS);
        }
      }
      default -> v.reject(where + "type", "must be one of " + String.join(", ", List.copyOf(new java.util.TreeSet<>(TYPES))));
    }
    v.maxLength(where + "comment", s.comment(), 2000);
  }

  private static void oneOf(Validation v, String field, String value, Set<String> allowed) {
    if (value != null && !allowed.contains(value)) {
      v.reject(field, "must be one of " + String.join(", ", new java.util.TreeSet<>(allowed)));
    }
  }
}
