package io.csplaybooks.security;

import io.csplaybooks.common.DatabaseAway;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who is calling {@code /api}: a person with HTTP Basic credentials of an engine user (the same
 * accounts as Tasklist), or an integration with {@code Authorization: Bearer} and its token. What
 * they may call is {@link ApiAccess}, checked once the endpoint is known.
 *
 * <p>Also here: failed logins slow down the client address, not the user ({@link LoginThrottle});
 * a 401 carries no {@code WWW-Authenticate: Basic} challenge, so browsers never keep the
 * credentials for other pages to use; and a POST needs a JSON or CSV body type, which a browser
 * cannot send cross-site without asking first (a CORS preflight this API never grants).
 */
public class ApiSecurityFilter extends OncePerRequestFilter {

  /** Prometheus' scrape: for a token with the metrics scope, or an administrator. */
  public static final String SCRAPE_PATH = "/actuator/prometheus";

  private final CredentialCache logins;
  private final ApiTokens tokens;
  private final LoginThrottle throttle;

  public ApiSecurityFilter(CredentialCache logins, ApiTokens tokens, LoginThrottle throttle) {
    this.logins = logins;
    this.tokens = tokens;
    this.throttle = throttle;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String address = request.getRemoteAddr();
    Duration wait = throttle.waitFor(address);
    if (!wait.isZero()) {
      tooManyFailures(response, wait);
      return;
    }
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || header.isBlank()) {
      problem(response, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized", "Unauthorized",
          "authentication is required: HTTP Basic with your user, or Authorization: Bearer with an integration token");
      return;
    }
    Optional<ApiUser> user;
    try {
      user = authenticate(header);
    } catch (RuntimeException e) {
      if (!DatabaseAway.is(e)) {
        throw e;
      }
      response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseAway.RETRY_AFTER_SECONDS));
      problem(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "unavailable", "Service unavailable",
          "the database cannot be reached just now: send the same request again in a few seconds");
      return;
    }
    if (user.isEmpty()) {
      throttle.failed(address);
      problem(response, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized", "Unauthorized",
          "user name and password, or the token, are wrong");
      return;
    }
    throttle.succeeded(address);
    if (SCRAPE_PATH.equals(request.getRequestURI()) && !user.get().scopes().contains(ApiAccess.SCOPE_METRICS)
        && !user.get().inAny(Groups.CAMUNDA_ADMIN)) {
      problem(response, HttpServletResponse.SC_FORBIDDEN, "forbidden", "Forbidden",
          "the metrics are for an integration token with the metrics scope, or an administrator");
      return;
    }
    if (!acceptableBody(request)) {
      problem(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
          "Unsupported media type", "Content-Type must be application/json (text/csv for CSV uploads), not '"
              + request.getContentType() + "'");
      return;
    }
    request.setAttribute(ApiUser.REQUEST_ATTRIBUTE, user.get());
    chain.doFilter(request, response);
  }

  private Optional<ApiUser> authenticate(String header) {
    if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return tokens.authenticate(header.substring(7).trim()).map(t -> ApiUser.token(t.name(), t.scopes()));
    }
    String[] credentials = basicCredentials(header);
    if (credentials == null) {
      return Optional.empty();
    }
    return logins.check(credentials[0], credentials[1]).map(login -> ApiUser.person(login.userId(), login.groups()));
  }

  /** A POST carries JSON or CSV: the body types a hostile page cannot post from a browser without a preflight. */
  static boolean acceptableBody(HttpServletRequest request) {
    if (!"POST".equalsIgnoreCase(request.getMethod())) {
      return true;
    }
    String contentType = request.getContentType();
    if (contentType == null) {
      return false;
    }
    try {
      MediaType type = MediaType.parseMediaType(contentType);
      return MediaType.APPLICATION_JSON.isCompatibleWith(type) && !type.isWildcardSubtype()
          || "application".equals(type.getType()) && type.getSubtype().endsWith("+json")
          || "text".equals(type.getType()) && "csv".equals(type.getSubtype());
    } catch (InvalidMediaTypeException e) {
      return false;
    }
  }

  static String[] basicCredentials(String header) {
    if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon <= 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static void tooManyFailures(HttpServletResponse response, Duration wait) throws IOException {
    response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, wait.toSeconds())));
    problem(response, 429, "too-many-failed-logins", "Too many failed logins",
        "too many failed logins from this address: try again in " + Math.max(1, wait.toSeconds()) + " seconds");
  }

  static void problem(HttpServletResponse response, int status, String type, String title, String detail)
      throws IOException {
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write("{\"type\":\"/problems/" + type + "\",\"title\":\"" + title + "\",\"status\":" + status
        + ",\"detail\":\"" + detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
  }
}
