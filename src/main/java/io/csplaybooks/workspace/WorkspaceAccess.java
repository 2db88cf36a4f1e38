package io.csplaybooks.workspace;

import static io.csplaybooks.security.Groups.CS;
import static io.csplaybooks.security.Groups.CS_MANAGERS;
import static io.csplaybooks.security.Groups.ENGINEERING;
import static io.csplaybooks.security.Groups.PRODUCT;
import static io.csplaybooks.security.Groups.SALES;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Set;

/**
 * Who may open which page of the workspace: the same teams as the API's reads ({@code ApiAccess}).
 * Every page handler names its audience with {@link Page}; a handler without it is refused to
 * everyone but administrators, so a new page is closed until someone says who it is for.
 */
public final class WorkspaceAccess {

  public enum Audience {
    /** Every person with a login: the home page, the language setting. */
    EVERYONE(Set.of(CS, CS_MANAGERS, SALES, ENGINEERING, PRODUCT)),
    /** Account pages: as {@code GET /api/accounts/{id}}. Engineering and product see no ARR or health. */
    ACCOUNT_READERS(Set.of(CS, CS_MANAGERS, SALES)),
    /** A book of accounts: a CSM's own, or any CSM's for a CS manager. */
    BOOK_READERS(Set.of(CS, CS_MANAGERS)),
    /** The portfolio: the CS managers' reports. */
    MANAGERS(Set.of(CS_MANAGERS));

    private final Set<String> teams;

    Audience(Set<String> teams) {
      this.teams = teams;
    }

    public Set<String> teams() {
      return teams;
    }

    public boolean admits(WorkspaceUser user) {
      return user.inAny(teams);
    }
  }

  /** The audience of a page handler (administrators may open every page). */
  @Target(ElementType.METHOD)
  @Retention(RetentionPolicy.RUNTIME)
  public @interface Page {
    Audience value();
  }

  private WorkspaceAccess() {}
}
