package io.csplaybooks.security;

import io.csplaybooks.common.DatabaseAway;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Integration tokens ({@code Authorization: Bearer csp_...}): a CRM, a data pipeline or Prometheus,
 * with the scopes an administrator gave the token ({@link ApiTokens}). Accepted on /api and the
 * Prometheus scrape only. A wrong token counts against the client address like a wrong password.
 */
final class TokenLogins implements AuthenticationProvider, AuthenticationConverter {

  private final ApiTokens tokens;
  private final LoginThrottle throttle;

  TokenLogins(ApiTokens tokens, LoginThrottle throttle) {
    this.tokens = tokens;
    this.throttle = throttle;
  }

  /** The secret as the request sent it, before it is checked. */
  static final class Bearer extends AbstractAuthenticationToken {
    private final String secret;

    Bearer(String secret) {
      super(null);
      this.secret = secret;
    }

    @Override
    public Object getCredentials() {
      return secret;
    }

    @Override
    public Object getPrincipal() {
      return "token";
    }
  }

  @Override
  public Authentication convert(HttpServletRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return new Bearer(header.substring(7).trim());
  }

  @Override
  public Authentication authenticate(Authentication authentication) throws AuthenticationException {
    String address = LoginThrottle.currentAddress().orElse(null);
    Duration wait = address == null ? Duration.ZERO : throttle.waitFor(address);
    if (!wait.isZero()) {
      throw new LoginFailures.Throttled(wait);
    }
    ApiTokens.Token token;
    try {
      token = tokens.authenticate((String) authentication.getCredentials()).orElse(null);
    } catch (RuntimeException e) {
      if (DatabaseAway.is(e)) {
        throw new LoginFailures.DatabaseUnavailable(e);
      }
      throw e;
    }
    if (token == null) {
      // Counted here: a token is not a password the engine checks.
      if (address != null) {
        throttle.failed(address, null);
      }
      throw new BadCredentialsException("the token is unknown or revoked");
    }
    return new ApiUserAuthentication(ApiUser.token(token.name(), token.scopes()));
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return Bearer.class.isAssignableFrom(authentication);
  }
}
