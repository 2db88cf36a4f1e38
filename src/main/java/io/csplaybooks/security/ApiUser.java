package io.csplaybooks.security;

import io.csplaybooks.common.ForbiddenException;
import java.util.Arrays;
import java.util.List;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/** The person or system calling {@code /api}, authenticated by {@link ApiAuthenticationFilter}. */
public record ApiUser(String id, List<String> groups) {

  static final String REQUEST_ATTRIBUTE = ApiUser.class.getName();

  public static ApiUser current() {
    RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
    Object user = attributes == null ? null : attributes.getAttribute(REQUEST_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
    if (user instanceof ApiUser apiUser) {
      return apiUser;
    }
    throw new IllegalStateException("no authenticated API user in this request");
  }

  public boolean inAny(String... groupIds) {
    return Arrays.stream(groupIds).anyMatch(groups::contains);
  }

  /** Refuses the call unless the user is in one of the groups (Camunda admins may do everything). */
  public ApiUser requireAny(String... groupIds) {
    if (!inAny(groupIds) && !groups.contains(Groups.CAMUNDA_ADMIN)) {
      throw new ForbiddenException("user '" + id + "' is not in " + String.join(" or ", groupIds));
    }
    return this;
  }
}
