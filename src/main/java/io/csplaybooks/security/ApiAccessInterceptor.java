package io.csplaybooks.security;

import io.csplaybooks.common.ForbiddenException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/** Applies {@link ApiAccess} once Spring knows which endpoint a request is for: no rule, no access. */
class ApiAccessInterceptor implements HandlerInterceptor {

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
    Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
    if (pattern == null) {
      // Not an endpoint (Spring answers 404 or 405 itself).
      return true;
    }
    ApiUser user = ApiUser.current();
    ApiAccess.Rule rule = ApiAccess.rule(HttpMethod.valueOf(request.getMethod()), pattern.toString())
        .orElseThrow(() -> new ForbiddenException("no one but an administrator may call " + request.getMethod() + " "
            + pattern + ": the endpoint has no rule in ApiAccess"));
    if (!rule.allows(user)) {
      throw new ForbiddenException((user.isToken() ? "the token '" + user.id().substring(ApiUser.TOKEN_PREFIX.length())
          + "' has no scope for " : "user '" + user.id() + "' is not in " + rule.who() + ", who may call ")
          + request.getMethod() + " " + pattern);
    }
    return true;
  }
}
