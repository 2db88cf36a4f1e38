package io.csplaybooks.security;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.http.HttpHeaders;

/**
 * Camunda's authentication of {@code /engine-rest} (HTTP Basic against the engine's users), with
 * successful logins remembered for a few seconds by {@link CredentialCache}, groups and tenants
 * included, as on {@code /api}.
 */
class EngineRestAuthentication extends ProcessEngineAuthenticationFilter {

  private final CredentialCache logins;

  EngineRestAuthentication(CredentialCache logins) {
    this.logins = logins;
  }

  @Override
  public void init(FilterConfig filterConfig) throws ServletException {
    super.init(filterConfig);
    authenticationProvider = new CachedBasic();
  }

  private final class CachedBasic extends HttpBasicAuthenticationProvider {
    @Override
    public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
      String header = request.getHeader(HttpHeaders.AUTHORIZATION);
      String[] credentials = header == null ? null : ApiSecurityFilter.basicCredentials(header);
      if (credentials == null) {
        return AuthenticationResult.unsuccessful();
      }
      return logins.check(credentials[0], credentials[1]).map(login -> {
        AuthenticationResult result = AuthenticationResult.successful(login.userId());
        result.setGroups(login.groups());
        result.setTenants(login.tenants());
        return result;
      }).orElseGet(() -> AuthenticationResult.unsuccessful(credentials[0]));
    }
  }
}
