package io.csplaybooks.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/** A person or token the application checked itself (password, integration token), as Spring Security holds it. */
final class ApiUserAuthentication extends AbstractAuthenticationToken {

  private final ApiUser user;

  ApiUserAuthentication(ApiUser user) {
    super(user.authorities());
    this.user = user;
    setAuthenticated(true);
  }

  @Override
  public Object getCredentials() {
    return null;
  }

  @Override
  public ApiUser getPrincipal() {
    return user;
  }

  @Override
  public String getName() {
    return user.id();
  }
}
