package io.csplaybooks.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.camunda.bpm.engine.impl.cmd.CheckPassword;
import org.junit.jupiter.api.Test;

/** The throttle's arithmetic: when an address waits, how a person is slowed down, and what it never does. */
class LoginThrottleTest {

  LoginThrottle throttle = new LoginThrottle(new SecuritySettings.Login(5, Duration.ofMinutes(5),
      Duration.ofMinutes(5), 3, Duration.ofMillis(250), Duration.ofSeconds(4)));

  @Test
  void anAddressWaitsAfterItsFailuresAndARightPasswordInBetweenDoesNotClearThem() {
    for (int i = 0; i < 4; i++) {
      throttle.failed("10.0.0.7", "guess-" + i);
      assertThat(throttle.waitFor("10.0.0.7")).isZero();
    }
    // Nothing a right password could reset: one's own account does not buy a stranger more guesses.
    throttle.failed("10.0.0.7", "carl");

    assertThat(throttle.waitFor("10.0.0.7")).isGreaterThan(Duration.ofMinutes(4));
    assertThat(throttle.waitFor("10.0.0.8")).isZero();
    assertThat(throttle.waitFor(null)).isZero();
  }

  @Test
  void failuresOlderThanTheWindowAreForgotten() {
    LoginThrottle quick = new LoginThrottle(new SecuritySettings.Login(2, Duration.ofMillis(1),
        Duration.ofMinutes(5), 3, Duration.ofMillis(250), Duration.ofSeconds(4)));
    quick.failed("10.0.0.7", "carl");
    sleep(5);
    quick.failed("10.0.0.7", "carl");

    assertThat(quick.waitFor("10.0.0.7")).isZero();
    assertThat(quick.slowDown("carl")).isZero();
  }

  @Test
  void aPersonGuessedAtIsSlowedDownByDoublingUpToTheCapAndNeverLockedOut() {
    for (int i = 0; i < 3; i++) {
      throttle.failed("10.0.1." + i, "Carl ");
    }
    assertThat(throttle.slowDown("carl")).isZero();

    throttle.failed("10.0.2.1", "CARL");
    assertThat(throttle.slowDown("carl")).isEqualTo(Duration.ofMillis(250));
    throttle.failed("10.0.2.2", "carl");
    assertThat(throttle.slowDown("carl")).isEqualTo(Duration.ofMillis(500));
    for (int i = 0; i < 40; i++) {
      throttle.failed("10.0.3." + i, "carl");
    }
    // From forty addresses at once: carl waits four seconds for his own login, and is let in.
    assertThat(throttle.slowDown("carl")).isEqualTo(Duration.ofSeconds(4));
    assertThat(throttle.slowDown("mona")).isZero();
    assertThat(throttle.slowDown(null)).isZero();
  }

  @Test
  void theEnginesPasswordCheckStillKeepsThePersonWhereTheThrottleLooks() {
    // PasswordCheckThrottle reads CheckPassword's user id reflectively: an engine upgrade that renames
    // the field would silently stop the slow-down per person.
    assertThat(PasswordCheckThrottle.userId(new CheckPassword("carl", "secret"))).isEqualTo("carl");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
