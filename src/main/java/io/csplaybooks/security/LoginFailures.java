package io.csplaybooks.security;

import java.time.Duration;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;

/** Why a login was refused, besides a wrong password: what each door answers with its own status. */
public final class LoginFailures {

  private LoginFailures() {}

  /** The client address failed too often and waits: no password is looked at until then (429 with Retry-After). */
  public static final class Throttled extends AuthenticationException {
    private final Duration wait;

    Throttled(Duration wait) {
      super("too many failed logins from this address: try again in " + PasswordCheckThrottle.seconds(wait)
          + " seconds");
      this.wait = wait;
    }

    public long retryAfterSeconds() {
      return PasswordCheckThrottle.seconds(wait);
    }
  }

  /** The database cannot be reached just now: 503 with Retry-After, not a wrong password. */
  public static final class DatabaseUnavailable extends AuthenticationServiceException {
    DatabaseUnavailable(Throwable cause) {
      super("the database cannot be reached just now: send the same request again in a few seconds", cause);
    }
  }
}
