package io.csplaybooks.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/** Applies {@link ApiAccess} once Spring knows which endpoint a request is for: no rule, no access. */
class ApiAccessInterceptor implements HandlerInterceptor {

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws IOException {
    if (!(handler instanceof HandlerMethod)) {
      // No endpoint of the API (a static resource handler would serve /api/** otherwise).
      ApiSecurityFilter.problem(response, HttpServletResponse.SC_NOT_FOUND, "not-found", "Not found",
          "no endpoint " + request.getMethod() + " " + request.getRequestURI());
      return false;
    }
    String pattern = String.valueOf(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE));
    ApiUser user = ApiUser.current();
    ApiAccess.Rule rule = ApiAccess.rule(HttpMethod.valueOf(request.getMethod()), pattern).orElse(null);
    if (rule == null && !user.groups().contains(Groups.CAMUNDA_ADMIN)) {
      return forbidden(response, "no one but an administrator may call " + request.getMethod() + " " + pattern
          + ": the endpoint has no rule in ApiAccess");
    }
    if (rule != null && !rule.allows(user)) {
      return forbidden(response, (user.isToken()
          ? "the token '" + user.id().substring(ApiUser.TOKEN_PREFIX.length()) + "' has no scope for "
          : "user '" + user.id() + "' is not in " + rule.who() + ", who may call ") + request.getMethod() + " " + pattern);
    }
    return true;
  }

  private static boolean forbidden(HttpServletResponse response, String detail) throws IOException {
    ApiSecurityFilter.problem(response, HttpServletResponse.SC_FORBIDDEN, "forbidden", "Forbidden", detail);
    return false;
  }
}
