package io.csplaybooks.handoff;

import io.csplaybooks.security.ApiUser;
import java.util.Set;

/** Who records a contract: a person with their teams, or an integration (the CRM's token). */
public record Caller(String id, Set<String> groups, boolean integration) {

  public static Caller of(ApiUser user) {
    return new Caller(user.id(), Set.copyOf(user.groups()), user.isToken());
  }
}
