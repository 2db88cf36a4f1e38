package io.csplaybooks.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * In front of Camunda's own logins ({@code /engine-rest} with HTTP Basic, the webapps' login form):
 * failed logins slow down the client address rather than lock the user, 401 answers carry no
 * Basic challenge that a browser would remember, and Camunda Admin's "create the first
 * administrator" page is closed, because the first administrator comes from the environment.
 */
class EngineAccessFilter extends OncePerRequestFilter {

  static final String SETUP = "/camunda/api/admin/setup/";

  private final LoginThrottle throttle;

  EngineAccessFilter(LoginThrottle throttle) {
    this.throttle = throttle;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getRequestURI().startsWith(request.getContextPath() + SETUP)) {
      ApiSecurityFilter.problem(response, HttpServletResponse.SC_FORBIDDEN, "forbidden", "Forbidden",
          "the first administrator is created from CSP_ADMIN_USER and CSP_ADMIN_PASSWORD when the application"
              + " starts, not by the first visitor");
      return;
    }
    String address = request.getRemoteAddr();
    Duration wait = throttle.waitFor(address);
    if (!wait.isZero()) {
      ApiSecurityFilter.tooManyFailures(response, wait);
      return;
    }
    boolean login = request.getHeader(HttpHeaders.AUTHORIZATION) != null
        || "POST".equalsIgnoreCase(request.getMethod()) && request.getRequestURI().contains("/auth/user/");
    NoChallenge answer = new NoChallenge(response);
    chain.doFilter(request, answer);
    if (login && answer.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
      throttle.failed(address);
    } else if (login && answer.getStatus() < 400) {
      throttle.succeeded(address);
    }
  }

  /** Drops the WWW-Authenticate challenge: the Modeler and integrations send their credentials up front. */
  private static final class NoChallenge extends HttpServletResponseWrapper {

    NoChallenge(HttpServletResponse response) {
      super(response);
    }

    @Override
    public void setHeader(String name, String value) {
      if (!HttpHeaders.WWW_AUTHENTICATE.equalsIgnoreCase(name)) {
        super.setHeader(name, value);
      }
    }

    @Override
    public void addHeader(String name, String value) {
      if (!HttpHeaders.WWW_AUTHENTICATE.equalsIgnoreCase(name)) {
        super.addHeader(name, value);
      }
    }
  }
}
