package io.csplaybooks.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Failed logins counted per client address, so that a stranger guessing passwords is slowed down
 * without locking out the person or integration whose name they guess (the engine's own lockout is
 * off: it locks the user). After the configured failures within the window, the address waits for
 * the block time; each node counts its own.
 */
@Component
public class LoginThrottle {

  /** Addresses remembered at most; the oldest are forgotten first. */
  private static final int MAX_ADDRESSES = 10_000;

  private final int maxFailures;
  private final Duration window;
  private final Duration block;
  private final Map<String, Failures> failures = new ConcurrentHashMap<>();

  private static final class Failures {
    Instant windowStart;
    int count;
    Instant blockedUntil;

    Failures(Instant now) {
      this.windowStart = now;
    }
  }

  public LoginThrottle(@Value("${csp.security.login.max-failures:10}") int maxFailures,
      @Value("${csp.security.login.window:PT5M}") Duration window,
      @Value("${csp.security.login.block:PT5M}") Duration block) {
    this.maxFailures = maxFailures;
    this.window = window;
    this.block = block;
  }

  /** How long the address must still wait, or zero. */
  public Duration waitFor(String address) {
    Failures entry = failures.get(address);
    if (entry == null) {
      return Duration.ZERO;
    }
    synchronized (entry) {
      Instant now = Instant.now();
      return entry.blockedUntil != null && entry.blockedUntil.isAfter(now)
          ? Duration.between(now, entry.blockedUntil) : Duration.ZERO;
    }
  }

  public void failed(String address) {
    if (failures.size() >= MAX_ADDRESSES && !failures.containsKey(address)) {
      forgetOld();
    }
    Instant now = Instant.now();
    Failures entry = failures.computeIfAbsent(address, a -> new Failures(now));
    synchronized (entry) {
      if (entry.windowStart.plus(window).isBefore(now)) {
        entry.windowStart = now;
        entry.count = 0;
      }
      entry.count++;
      if (entry.count >= maxFailures) {
        entry.blockedUntil = now.plus(block);
        entry.windowStart = now;
        entry.count = 0;
      }
    }
  }

  public void succeeded(String address) {
    Failures entry = failures.get(address);
    if (entry != null) {
      synchronized (entry) {
        if (entry.blockedUntil == null || !entry.blockedUntil.isAfter(Instant.now())) {
          failures.remove(address);
        }
      }
    }
  }

  private void forgetOld() {
    Instant cutoff = Instant.now().minus(window).minus(block);
    failures.entrySet().removeIf(e -> e.getValue().windowStart.isBefore(cutoff)
        && (e.getValue().blockedUntil == null || e.getValue().blockedUntil.isBefore(Instant.now())));
    if (failures.size() >= MAX_ADDRESSES) {
      failures.clear();
    }
  }
}
