package io.csplaybooks.security;

import io.csplaybooks.common.EnginePlugin;
import java.lang.reflect.Field;
import java.time.Duration;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CheckPassword;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * Every check of a password goes through the engine ({@code IdentityService.checkPassword}): the
 * login pages, HTTP Basic, Camunda's own login and {@code identity/verify} alike. Here, in front of
 * the engine's transaction (so a person's slow-down holds no database connection), each check made
 * for a request is throttled and counted by {@link LoginThrottle}: a blocked address is refused
 * before the password is looked at, a person guessed at is slowed down, and the outcome is counted
 * for the address and the person.
 */
@Component
class PasswordCheckThrottle extends EnginePlugin {

  private static final Field USER_ID = userIdField();

  private final LoginThrottle throttle;

  public PasswordCheckThrottle(LoginThrottle throttle) {
    this.throttle = throttle;
  }

  /** A check refused because the client address failed too often: answered 429 with Retry-After. */
  public static class TooManyFailedLogins extends ProcessEngineException {
    private final Duration wait;

    TooManyFailedLogins(Duration wait) {
      super("too many failed logins from this address: try again in " + seconds(wait) + " seconds");
      this.wait = wait;
    }

    public Duration waitFor() {
      return wait;
    }

    public long retryAfterSeconds() {
      return seconds(wait);
    }
  }

  static long seconds(Duration wait) {
    return Math.max(1, wait.toSeconds());
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setCustomPreCommandInterceptorsTxRequired(
        append(configuration.getCustomPreCommandInterceptorsTxRequired(), new Throttled()));
    configuration.setCustomPreCommandInterceptorsTxRequiresNew(
        append(configuration.getCustomPreCommandInterceptorsTxRequiresNew(), new Throttled()));
  }

  private final class Throttled extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      if (!(command instanceof CheckPassword)) {
        return next.execute(command);
      }
      // Outside a request (a job, the application's own start-up) nobody is guessing.
      String address = LoginThrottle.currentAddress().orElse(null);
      if (address == null) {
        return next.execute(command);
      }
      Duration wait = throttle.waitFor(address);
      if (!wait.isZero()) {
        throw new TooManyFailedLogins(wait);
      }
      String person = userId(command);
      Duration slowDown = throttle.slowDown(person);
      if (!slowDown.isZero()) {
        try {
          Thread.sleep(slowDown.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new ProcessEngineException("interrupted while slowing down a login", e);
        }
      }
      T result = next.execute(command);
      if (!Boolean.TRUE.equals(result)) {
        throttle.failed(address, person);
      }
      return result;
    }
  }

  /** CheckPassword keeps the user id in a package-private field; without it the person is not slowed down. */
  static String userId(Command<?> command) {
    try {
      return USER_ID == null ? null : (String) USER_ID.get(command);
    } catch (IllegalAccessException e) {
      return null;
    }
  }

  private static Field userIdField() {
    try {
      Field field = CheckPassword.class.getDeclaredField("userId");
      field.setAccessible(true);
      return field;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
