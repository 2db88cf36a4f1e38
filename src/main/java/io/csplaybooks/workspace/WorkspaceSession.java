package io.csplaybooks.workspace;

import io.csplaybooks.security.People;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.camunda.bpm.webapp.impl.util.ServletContextUtil;
import org.springframework.stereotype.Component;

/**
 * One login for the workspace and Camunda's webapps: the pages keep the person in the same HTTP
 * session, under the same key, as Tasklist does, so logging in on either logs in on both, and
 * logging out of either logs out of both. The session id changes at login (no session fixation).
 */
@Component
public class WorkspaceSession {

  private static final String CSRF = WorkspaceSession.class.getName() + ".csrf";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ProcessEngine engine;
  private final People people;

  public WorkspaceSession(ProcessEngine engine, People people) {
    this.engine = engine;
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
    HttpSession session = request.getSession(false);
    if (session == null) {
      return Optional.empty();
    }
    Authentication authentication = AuthenticationUtil.getAuthsFromSession(session)
        .getAuthenticationForProcessEngine(engine.getName());
    return authentication instanceof UserAuthentication ? Optional.of(authentication.getName()) : Optional.empty();
  }

  /** Logs the person in, to the workspace and to Tasklist, Cockpit and Admin as far as they may use them. */
  public void login(HttpServletRequest request, String userId) {
    UserAuthentication authentication = AuthenticationUtil.createAuthentication(engine, userId);
    authentication.setCacheValidationTime(ServletContextUtil.getAuthCacheValidationTime(request.getServletContext()));
    // A new session with the person in it; the old one (and anything planted in it) is gone.
    AuthenticationUtil.revalidateSession(request, authentication);
  }

  public void logout(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
  }

  /** The session's token that every form of the workspace sends back (a forged cross-site post has none). */
  public String csrfToken(HttpServletRequest request) {
    HttpSession session = request.getSession(true);
    Object token = session.getAttribute(CSRF);
    if (token == null) {
      byte[] bytes = new byte[32];
      RANDOM.nextBytes(bytes);
      token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      session.setAttribute(CSRF, token);
    }
    return (String) token;
  }

  public boolean csrfValid(HttpServletRequest request, String sent) {
    HttpSession session = request.getSession(false);
    Object token = session == null ? null : session.getAttribute(CSRF);
    return token != null && sent != null && MessageDigest.isEqual(
        ((String) token).getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
  }
}
