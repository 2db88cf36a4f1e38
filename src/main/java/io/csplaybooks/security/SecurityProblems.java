package io.csplaybooks.security;

import io.csplaybooks.common.DatabaseAway;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * The perimeter's refusals as RFC 9457 problem details, as the API's own errors are. A 401 carries no
 * {@code WWW-Authenticate: Basic} challenge, so a browser never asks for credentials and keeps them
 * for other pages to use; the Modeler and integrations send theirs up front.
 */
final class SecurityProblems {

  private SecurityProblems() {}

  /** Who is calling a stateless surface (/api, /engine-rest, the scrape): wrong, missing, too often, or not now. */
  static AuthenticationEntryPoint entryPoint(String missing) {
    return (request, response, failure) -> unauthenticated(response, failure, missing);
  }

  static void unauthenticated(HttpServletResponse response, AuthenticationException failure, String missing)
      throws IOException {
    if (failure instanceof LoginFailures.Throttled throttled) {
      tooManyFailures(response, throttled.retryAfterSeconds());
    } else if (failure instanceof LoginFailures.DatabaseUnavailable || DatabaseAway.is(failure)) {
      response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseAway.RETRY_AFTER_SECONDS));
      write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "unavailable", "Service unavailable",
          "the database cannot be reached just now: send the same request again in a few seconds");
    } else if (failure instanceof DisabledException) {
      write(response, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized", "Unauthorized", failure.getMessage());
    } else if (failure == null || failure instanceof InsufficientAuthenticationException) {
      write(response, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized", "Unauthorized", missing);
    } else {
      write(response, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized", "Unauthorized",
          "user name and password, or the token, are wrong");
    }
  }

  static void tooManyFailures(HttpServletResponse response, long waitSeconds) throws IOException {
    long seconds = Math.max(1, waitSeconds);
    response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
    write(response, 429, "too-many-failed-logins", "Too many failed logins",
        "too many failed logins from this address: try again in " + seconds + " seconds");
  }

  static void forbidden(HttpServletResponse response, String detail) throws IOException {
    write(response, HttpServletResponse.SC_FORBIDDEN, "forbidden", "Forbidden", detail);
  }

  static void write(HttpServletResponse response, int status, String type, String title, String detail)
      throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write("{\"type\":\"/problems/" + type + "\",\"title\":\"" + title + "\",\"status\":" + status
        + ",\"detail\":\"" + json(detail) + "\"}");
    response.flushBuffer();
  }

  private static String json(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : (text == null ? "" : text).toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20 || c == '<' || c == '>' || c == '&') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
