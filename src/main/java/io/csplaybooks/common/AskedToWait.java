package io.csplaybooks.common;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * An outside service (Slack, a CRM) answered 429 Too Many Requests and said how long to wait
 * ({@code Retry-After}). The job that called it is tried again after that time and keeps its retries:
 * nothing about the job was wrong, the service was busy.
 */
public class AskedToWait extends RuntimeException {

  /** When a service says nothing (or nothing readable) about the wait. */
  static final Duration UNSAID = Duration.ofMinutes(1);
  /** Never sooner than this, so a "0" does not spin the job executor. */
  static final Duration SHORTEST = Duration.ofSeconds(1);
  /** Never longer than this: a wrong header should not park a job for days. */
  static final Duration LONGEST = Duration.ofHours(1);

  private final transient Duration wait;

  public AskedToWait(String message, Duration wait, Throwable cause) {
    super(message + " (asked to wait " + wait.toSeconds() + " s)", cause);
    this.wait = wait;
  }

  /** How long to wait before the next try. */
  public Duration waitFor() {
    return wait;
  }

  /**
   * The wait a {@code Retry-After} header asks for: seconds, or an HTTP date; a missing or unreadable
   * one is a minute, and the wait is kept between a second and an hour.
   */
  public static Duration retryAfter(String header, Instant now) {
    Duration wait = read(header, now).orElse(UNSAID);
    if (wait.compareTo(SHORTEST) < 0) {
      return SHORTEST;
    }
    return wait.compareTo(LONGEST) > 0 ? LONGEST : wait;
  }

  /**
   * What a {@code Retry-After} header says (RFC 9110): delay seconds, or an HTTP date (a date past is no
   * wait); empty when there is none or it cannot be read.
   */
  public static Optional<Duration> read(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String value = header.trim();
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
    } catch (NumberFormatException notSeconds) {
      try {
        Duration until = Duration.between(now, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        return Optional.of(until.isNegative() ? Duration.ZERO : until);
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
  }

  /** The request to wait among a failure's causes, if any. */
  public static Optional<AskedToWait> in(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof AskedToWait wait) {
        return Optional.of(wait);
      }
    }
    return Optional.empty();
  }
}
