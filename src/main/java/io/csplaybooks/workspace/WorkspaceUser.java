package io.csplaybooks.workspace;

import io.csplaybooks.security.Groups;
import java.util.Collection;
import java.util.List;

/**
 * Who is looking at a page: the engine user of the session that Tasklist shares, with the teams
 * read again on every page, so a person removed from a team stops seeing its pages at once.
 */
public record WorkspaceUser(String id, String name, List<String> groups) {

  public boolean isAdministrator() {
    return groups.contains(Groups.CAMUNDA_ADMIN);
  }

  /** In one of the teams, or an administrator (who may see every page). */
  public boolean inAny(Collection<String> teams) {
    return isAdministrator() || groups.stream().anyMatch(teams::contains);
  }

  public boolean isManager() {
    return WorkspaceAccess.Audience.MANAGERS.admits(this);
  }

  /** A CSM: has a book of accounts of their own. */
  public boolean isCsm() {
    return groups.contains(Groups.CS);
  }

  public boolean readsAccounts() {
    return WorkspaceAccess.Audience.ACCOUNT_READERS.admits(this);
  }
}
