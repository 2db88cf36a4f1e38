package io.csplaybooks.security;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Failed password checks, counted for every way a password is checked (the two login pages, HTTP
 * Basic on /api and /engine-rest, identity/verify: {@link PasswordCheckThrottle} counts them where
 * the engine checks the password). A stranger guessing passwords is stopped per client address: after
 * the configured failures within the window the address waits for the block time; a right password
 * in between does not clear them (one's own account would otherwise reset a stranger's count). Per person it only
 * slows guessing down, from many addresses at once: after a few failures each further check of that
 * person's password waits a little longer (doubling, up to a cap), and the right password still
 * gets in, so a stranger can never lock a person or an integration out (the engine's own lockout,
 * which locks the user, is off). Each node counts its own.
 */
@Component
public class LoginThrottle {

  /** Addresses and people remembered at most; the oldest are forgotten first. */
  private static final int MAX_ENTRIES = 10_000;

  private volatile int maxFailures;
  private final Duration window;
  private final Duration block;
  private final int personFreeFailures;
  private final Duration personDelay;
  private final Duration personMaxDelay;
  private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();
  private final Map<String, Failures> byPerson = new ConcurrentHashMap<>();

  private static final class Failures {
    Instant windowStart;
    int count;
    Instant blockedUntil;

    Failures(Instant now) {
      this.windowStart = now;
    }
  }

  @Autowired
  public LoginThrottle(SecuritySettings settings) {
    this(settings.security().login());
  }

  LoginThrottle(SecuritySettings.Login settings) {
    this.maxFailures = settings.maxFailures();
    this.window = settings.window();
    this.block = settings.block();
    this.personFreeFailures = settings.personFreeFailures();
    this.personDelay = settings.personDelay();
    this.personMaxDelay = settings.personMaxDelay();
  }

  /** How long the address must still wait, or zero. */
  public Duration waitFor(String address) {
    Failures entry = address == null ? null : byAddress.get(address);
    if (entry == null) {
      return Duration.ZERO;
    }
    synchronized (entry) {
      Instant now = Instant.now();
      return entry.blockedUntil != null && entry.blockedUntil.isAfter(now)
          ? Duration.between(now, entry.blockedUntil) : Duration.ZERO;
    }
  }

  /**
   * How long a check of this person's password waits first: nothing for the first few failures in
   * the window, then a quarter of a second, doubling with each failure up to the cap.
   */
  public Duration slowDown(String person) {
    Failures entry = person == null ? null : byPerson.get(key(person));
    if (entry == null) {
      return Duration.ZERO;
    }
    int excess;
    synchronized (entry) {
      if (entry.windowStart.plus(window).isBefore(Instant.now())) {
        return Duration.ZERO;
      }
      excess = entry.count - personFreeFailures;
    }
    if (excess <= 0) {
      return Duration.ZERO;
    }
    Duration delay = personDelay.multipliedBy(1L << Math.min(excess - 1, 20));
    return delay.compareTo(personMaxDelay) > 0 ? personMaxDelay : delay;
  }

  public void failed(String address, String person) {
    Instant now = Instant.now();
    if (address != null) {
      Failures entry = entry(byAddress, address, now);
      synchronized (entry) {
        count(entry, now);
        if (entry.count >= maxFailures) {
          entry.blockedUntil = now.plus(block);
          entry.windowStart = now;
          entry.count = 0;
        }
      }
    }
    if (person != null && !person.isBlank()) {
      Failures entry = entry(byPerson, key(person), now);
      synchronized (entry) {
        count(entry, now);
      }
    }
  }

  /**
   * Another number of failures before an address waits, from now on; the old one is returned. The
   * integration tests, whose clients all come from 127.0.0.1, run with a high number and lower it
   * to the production one where a test is about the throttle.
   */
  int maxFailures(int failures) {
    int before = maxFailures;
    maxFailures = failures;
    return before;
  }

  /** Forgets what an address and a person failed (the tests that guessed clean up after themselves). */
  void forget(String address, String person) {
    byAddress.remove(address);
    if (person != null) {
      byPerson.remove(key(person));
    }
  }

  /** The client address of the request this thread serves, if it serves one. */
  public static Optional<String> currentAddress() {
    return currentRequest().map(HttpServletRequest::getRemoteAddr);
  }

  static Optional<HttpServletRequest> currentRequest() {
    return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
        ? Optional.of(attributes.getRequest()) : Optional.empty();
  }

  private void count(Failures entry, Instant now) {
    if (entry.windowStart.plus(window).isBefore(now)) {
      entry.windowStart = now;
      entry.count = 0;
    }
    entry.count++;
  }

  private Failures entry(Map<String, Failures> map, String key, Instant now) {
    if (map.size() >= MAX_ENTRIES && !map.containsKey(key)) {
      forgetOld(map);
    }
    return map.computeIfAbsent(key, k -> new Failures(now));
  }

  /** The engine compares user ids as written; "Carol" and "carol " are guesses at the same person. */
  private static String key(String person) {
    return person.trim().toLowerCase(java.util.Locale.ROOT);
  }

  private void forgetOld(Map<String, Failures> map) {
    Instant cutoff = Instant.now().minus(window).minus(block);
    map.entrySet().removeIf(e -> e.getValue().windowStart.isBefore(cutoff)
        && (e.getValue().blockedUntil == null || e.getValue().blockedUntil.isBefore(Instant.now())));
    if (map.size() >= MAX_ENTRIES) {
      map.clear();
    }
  }
}
