package io.csplaybooks.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.camunda.bpm.webapp.impl.util.ServletContextUtil;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The person of a browser session (the workspace and Camunda's webapps share one), kept true while
 * the session lasts: their teams are read again from the engine every few seconds (so a person taken
 * out of a team loses its pages and permissions at once, and a deleted person is signed out), and on
 * the webapps' paths Camunda's own session learns who they are: Tasklist, Cockpit and Admin need no
 * second login, whichever door the person came in by (the login page, Camunda's login page, single
 * sign-on).
 */
final class SessionPeople extends OncePerRequestFilter {

  private static final String CHECKED_AT = SessionPeople.class.getName() + ".checkedAt";

  private final People people;
  private final ProcessEngine engine;
  private final long recheckNanos;
  private final boolean camundaSession;
  private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
  private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

  /**
   * @param camundaSession whether to tell Camunda's webapps who the person is (on their paths)
   */
  SessionPeople(People people, ProcessEngine engine, java.time.Duration recheck, boolean camundaSession) {
    this.people = people;
    this.engine = engine;
    this.recheckNanos = Math.max(0, recheck.toNanos());
    this.camundaSession = camundaSession;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication authentication = holder.getContext().getAuthentication();
    ApiUser user = ApiUser.of(authentication).filter(u -> !u.isToken()).orElse(null);
    HttpSession session = request.getSession(false);
    if (user != null && session != null) {
      user = recheck(user, authentication, session, request, response);
      if (user != null && camundaSession) {
        tellCamunda(user, session, request);
      }
    }
    chain.doFilter(request, response);
  }

  /** The person as the engine knows them now; null when they no longer exist (the session ends). */
  private ApiUser recheck(ApiUser user, Authentication authentication, HttpSession session,
      HttpServletRequest request, HttpServletResponse response) {
    Object checkedAt = session.getAttribute(CHECKED_AT);
    long now = System.nanoTime();
    if (checkedAt instanceof Long at && now - at < recheckNanos) {
      return user;
    }
    if (people.find(user.id()).isEmpty()) {
      holder.clearContext();
      session.invalidate();
      return null;
    }
    List<String> groups = people.groupsOf(user.id());
    session.setAttribute(CHECKED_AT, now);
    if (new HashSet<>(groups).equals(new HashSet<>(user.groups()))) {
      return user;
    }
    ApiUser now_ = ApiUser.person(user.id(), groups, null);
    Authentication updated = withTeams(authentication, now_);
    SecurityContext context = holder.createEmptyContext();
    context.setAuthentication(updated);
    holder.setContext(context);
    contexts.saveContext(context, request, response);
    return now_;
  }

  /** The same login with the person's teams as they are now (a single sign-on keeps its ID token, for its logout). */
  private static Authentication withTeams(Authentication authentication, ApiUser person) {
    if (authentication instanceof OAuth2AuthenticationToken sso && sso.getPrincipal() instanceof SsoPerson signedOn) {
      SsoPerson updated = signedOn.withTeams(person.authorities());
      OAuth2AuthenticationToken token = new OAuth2AuthenticationToken(updated, updated.getAuthorities(),
          sso.getAuthorizedClientRegistrationId());
      token.setDetails(sso.getDetails());
      return token;
    }
    AbstractAuthenticationToken token = new ApiUserAuthentication(person);
    token.setDetails(authentication.getDetails());
    return token;
  }

  /** Camunda's webapps keep their own record of the person in the session: the same person, the same teams. */
  private void tellCamunda(ApiUser user, HttpSession session, HttpServletRequest request) {
    Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
    var known = authentications.getAuthenticationForProcessEngine(engine.getName());
    if (known instanceof UserAuthentication camunda && camunda.getName().equals(user.id())
        && Objects.equals(new HashSet<>(camunda.getGroupIds()), new HashSet<>(user.groups()))) {
      return;
    }
    UserAuthentication camunda = AuthenticationUtil.createAuthentication(engine, user.id(), user.groups(), user.tenants());
    if (camunda == null) {
      authentications.removeByEngineName(engine.getName());
    } else {
      camunda.setCacheValidationTime(ServletContextUtil.getAuthCacheValidationTime(request.getServletContext()));
      authentications.addOrReplace(camunda);
    }
    AuthenticationUtil.updateSession(session, authentications);
  }
}
