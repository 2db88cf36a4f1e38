package io.csplaybooks.health;

import io.csplaybooks.common.Validation;
import java.util.List;
import java.util.Set;

/** Checks one signal; the caller names where it is (a JSON index or a CSV line). */
final class SignalValidator {

  static final Set<String> TYPES = Set.of("usage", "support", "nps", "engagement", "sentiment");
  static final Set<String> SEVERITIES = Set.of("low", "medium", "high", "critical");
  static final Set<String> SENTIMENTS = Set.of("positive", "neutral", "negative");

  private SignalValidator() {}

  static void validate(Signal s, String where, Set<Long> knownAccounts, Validation v) {
    if (v.required(where + "signalId", s.signalId())) {
      v.maxLength(where + "signalId", s.signalId(), 100);
    }
    if (v.required(where + "accountId", s.accountId()) && !knownAccounts.contains(s.accountId())) {
      v.reject(where + "accountId", "no account " + s.accountId());
    }
    v.required(where + "occurredAt", s.occurredAt());
    if (!v.required(where + "type", s.type())) {
      return;
    }
    switch (s.type()) {
      case "usage" -> {
        if (v.required(where + "activeUsers", s.activeUsers())) {
          atLeast(v, where + "activeUsers", s.activeUsers(), 0);
        }
        if (v.required(where + "licensedSeats", s.licensedSeats())) {
          atLeast(v, where + "licensedSeats", s.licensedSeats(), 1);
        }
        atLeast(v, where + "featuresUsed", s.featuresUsed(), 0);
        atLeast(v, where + "featuresTotal", s.featuresTotal(), 1);
        if (s.featuresUsed() != null && s.featuresTotal() != null && s.featuresUsed() > s.featuresTotal()) {
          v.reject(where + "featuresUsed", "must not be more than featuresTotal");
        }
        if ((s.featuresUsed() == null) != (s.featuresTotal() == null)) {
          v.reject(where + "featuresTotal", "featuresUsed and featuresTotal come together");
        }
      }
      case "support" -> {
        if (v.required(where + "ticketsOpened", s.ticketsOpened())) {
          atLeast(v, where + "ticketsOpened", s.ticketsOpened(), 0);
        }
        atLeast(v, where + "ticketsEscalated", s.ticketsEscalated(), 0);
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

  private static void atLeast(Validation v, String field, Integer value, int min) {
    if (value != null && value < min) {
      v.reject(field, "must be at least " + min);
    }
  }

  private static void oneOf(Validation v, String field, String value, Set<String> allowed) {
    if (value != null && !allowed.contains(value)) {
      v.reject(field, "must be one of " + String.join(", ", new java.util.TreeSet<>(allowed)));
    }
  }
}
