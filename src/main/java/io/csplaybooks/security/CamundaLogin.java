package io.csplaybooks.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.camunda.bpm.webapp.impl.util.ServletContextUtil;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AbstractAuthenticationProcessingFilter;
import org.springframework.security.web.authentication.WebAuthenticationDetailsSource;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Camunda's own login page (Tasklist, Cockpit and Admin show it when their session has ended) signs in
 * through the same door as the workspace's: the same password check and throttle, the same
 * session (a new id at login), so the person is signed in to the workspace and every webapp at once.
 * It answers as Camunda's login does: 200 with the person and the apps they may use, 401 for a wrong
 * password, 403 for an app they may not use. Camunda's CSRF filter has checked the request's token
 * before Spring Security runs.
 */
final class CamundaLogin extends AbstractAuthenticationProcessingFilter {

  static final String PATH = "/camunda/api/admin/auth/user/{engine}/login/{app}";
  private static final PathPatternRequestMatcher LOGIN = PathPatternRequestMatcher.withDefaults()
      .matcher(HttpMethod.POST, PATH);
  private static final String CAMUNDA = CamundaLogin.class.getName() + ".camunda";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ProcessEngine engine;

  /** The person may not use the app they logged in to (Camunda answers 403 for that too). */
  static final class AppRefused extends AuthenticationException {
    AppRefused(String app) {
      super("not allowed to use " + app);
    }
  }

  CamundaLogin(AuthenticationManager passwords, ProcessEngine engine) {
    super(LOGIN, passwords);
    this.engine = engine;
    setSecurityContextRepository(new HttpSessionSecurityContextRepository());
    setSessionAuthenticationStrategy(new ChangeSessionIdAuthenticationStrategy());
    setAuthenticationDetailsSource(new WebAuthenticationDetailsSource());
    setAuthenticationSuccessHandler(this::answer);
    setAuthenticationFailureHandler(CamundaLogin::refuse);
  }

  @Override
  public Authentication attemptAuthentication(HttpServletRequest request, HttpServletResponse response) {
    var variables = LOGIN.matcher(request).getVariables();
    String app = variables.get("app");
    if (!engine.getName().equals(variables.get("engine"))) {
      throw new AppRefused(app);
    }
    UsernamePasswordAuthenticationToken login = UsernamePasswordAuthenticationToken.unauthenticated(
        request.getParameter("username"), request.getParameter("password"));
    login.setDetails(authenticationDetailsSource.buildDetails(request));
    Authentication authentication = getAuthenticationManager().authenticate(login);
    ApiUser person = ApiUser.of(authentication).orElseThrow();
    UserAuthentication camunda = AuthenticationUtil.createAuthentication(engine, person.id(), person.groups(),
        person.tenants());
    if (camunda == null || !camunda.getAuthorizedApps().contains(app)) {
      throw new AppRefused(app);
    }
    camunda.setCacheValidationTime(ServletContextUtil.getAuthCacheValidationTime(request.getServletContext()));
    request.setAttribute(CAMUNDA, camunda);
    return authentication;
  }

  /** As Camunda's login answers: the person and the apps they may use. */
  private void answer(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
      throws IOException {
    UserAuthentication camunda = (UserAuthentication) request.getAttribute(CAMUNDA);
    Authentications authentications = AuthenticationUtil.getAuthsFromSession(request.getSession());
    authentications.addOrReplace(camunda);
    AuthenticationUtil.updateSession(request.getSession(), authentications);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("userId", camunda.getName());
    body.put("authorizedApps", new TreeSet<>(camunda.getAuthorizedApps()));
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    JSON.writeValue(response.getOutputStream(), body);
  }

  private static void refuse(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
      throws IOException {
    if (failure instanceof AppRefused) {
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    } else {
      SecurityProblems.unauthenticated(response, failure, "user name and password are required");
    }
  }
}
