package io.csplaybooks.security;

import java.util.List;
import java.util.Set;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The person or integration calling {@code /api}, authenticated by {@link ApiSecurityFilter}: a
 * user with their teams, or an integration token with its scopes (its id is "token:" and its name).
 */
public record ApiUser(String id, List<String> groups, Set<String> scopes) {

  static final String REQUEST_ATTRIBUTE = ApiUser.class.getName();
  static final String TOKEN_PREFIX = "token:";

  static ApiUser person(String id, List<String> groups) {
    return new ApiUser(id, List.copyOf(groups), Set.of());
  }

  static ApiUser token(String name, Set<String> scopes) {
    return new ApiUser(TOKEN_PREFIX + name, List.of(), Set.copyOf(scopes));
  }

  public static ApiUser current() {
    RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
    Object user = attributes == null ? null : attributes.getAttribute(REQUEST_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
    if (user instanceof ApiUser apiUser) {
      return apiUser;
    }
    throw new IllegalStateException("no authenticated API user in this request");
  }

  public boolean isToken() {
    return id.startsWith(TOKEN_PREFIX);
  }

  public boolean inAny(String... groupIds) {
    for (String group : groupIds) {
      if (groups.contains(group)) {
        return true;
      }
    }
    return false;
  }
}
