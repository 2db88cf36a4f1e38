package io.csplaybooks.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Camunda's REST API learns who is calling from Spring Security, which checked them at the door:
 * {@code ProcessEngineAuthenticationFilter} on {@code /engine-rest} runs each request as that person,
 * with the teams (and tenants) the login found. Tokens never reach the engine: their surfaces do not
 * lead here. Camunda creates it by its class name.
 */
public class SignedInToEngine implements AuthenticationProvider {

  @Override
  public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
    return ApiUser.of(SecurityContextHolder.getContext().getAuthentication())
        .filter(user -> !user.isToken())
        .map(user -> {
          AuthenticationResult result = AuthenticationResult.successful(user.id());
          result.setGroups(user.groups());
          // Null: the engine reads the person's tenants itself.
          result.setTenants(user.tenants());
          return result;
        })
        .orElseGet(AuthenticationResult::unsuccessful);
  }

  @Override
  public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
    // No challenge: Spring Security answered for a missing or wrong login before the engine was asked.
  }
}
