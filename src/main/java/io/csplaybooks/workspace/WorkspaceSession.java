package io.csplaybooks.workspace;

import io.csplaybooks.security.ApiUser;
import io.csplaybooks.security.People;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Component;

/**
 * Who is looking at a page: the person Spring Security signed in to this browser session (which
 * Tasklist, Cockpit and Admin share, so logging in on either logs in on both, and logging out of
 * either logs out of both), with their teams as the engine has them now.
 */
@Component
class WorkspaceSession {

  private final People people;

  public WorkspaceSession(People people) {
    this.people = people;
  }

  /**
   * The person logged in to this session, with their teams as they are now; empty when nobody is, or
   * when the user has been deleted since.
   */
  public Optional<WorkspaceUser> current(HttpServletRequest request) {
    return userId(request).flatMap(people::find)
        .map(p -> new WorkspaceUser(p.id(), p.displayName(), people.groupsOf(p.id())));
  }

  /** The id of the person the session holds, as the session says (no look-up: they may have been deleted since). */
  Optional<String> userId(HttpServletRequest request) {
    return ApiUser.of(SecurityContextHolder.getContext().getAuthentication()).filter(u -> !u.isToken()).map(ApiUser::id);
  }

  /** The session's token that every form of the workspace sends back (a forged cross-site post has none). */
  public String csrfToken(HttpServletRequest request) {
    return request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token ? token.getToken() : "";
  }
}
