package io.csplaybooks.security;

import io.csplaybooks.common.DatabaseAway;
import java.time.Duration;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * A person's user name and password, from any door that takes them (the workspace's login page,
 * Camunda's login page, HTTP Basic on /api and /engine-rest), checked against the engine's users
 * ({@link CredentialCache}, throttled by {@link PasswordCheckThrottle}). With single sign-on an
 * installation may switch local passwords off ({@code csp.security.local-passwords}); integration
 * tokens are not passwords and keep working.
 */
final class PasswordLogins implements AuthenticationProvider {

  private final CredentialCache logins;
  private final SecuritySettings settings;
  private final LoginThrottle throttle;

  PasswordLogins(CredentialCache logins, SecuritySettings settings, LoginThrottle throttle) {
    this.logins = logins;
    this.settings = settings;
    this.throttle = throttle;
  }

  @Override
  public Authentication authenticate(Authentication authentication) throws AuthenticationException {
    if (!settings.security().localPasswords()) {
      throw new DisabledException("passwords are switched off here: sign in with single sign-on");
    }
    String user = authentication.getName() == null ? "" : authentication.getName().trim();
    String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
    if (user.isEmpty() || password.isEmpty()) {
      throw new BadCredentialsException("user name and password are required");
    }
    // A blocked address waits, even with the right password (which a cached login would not ask the engine).
    Duration wait = LoginThrottle.currentAddress().map(throttle::waitFor).orElse(Duration.ZERO);
    if (!wait.isZero()) {
      throw new LoginFailures.Throttled(wait);
    }
    Optional<CredentialCache.Login> login;
    try {
      login = logins.check(user, password);
    } catch (PasswordCheckThrottle.TooManyFailedLogins blocked) {
      throw new LoginFailures.Throttled(blocked.waitFor());
    } catch (RuntimeException e) {
      if (DatabaseAway.is(e)) {
        throw new LoginFailures.DatabaseUnavailable(e);
      }
      throw e;
    }
    CredentialCache.Login person = login.orElseThrow(() -> new BadCredentialsException("wrong user name or password"));
    return new ApiUserAuthentication(ApiUser.person(person.userId(), person.groups(), person.tenants()));
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
