package io.csplaybooks.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic authentication for {@code /api}, against the engine's users (the same accounts as
 * Tasklist and Cockpit). Anything else gets 401.
 */
public class ApiAuthenticationFilter extends OncePerRequestFilter {

  private final IdentityService identity;

  public ApiAuthenticationFilter(IdentityService identity) {
    this.identity = identity;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    String[] credentials = basicCredentials(header);
    if (credentials == null || !identity.checkPassword(credentials[0], credentials[1])) {
      unauthorized(response, header == null ? "authentication is required" : "user name or password is wrong");
      return;
    }
    String userId = credentials[0];
    request.setAttribute(ApiUser.REQUEST_ATTRIBUTE, new ApiUser(userId,
        identity.createGroupQuery().groupMember(userId).list().stream().map(g -> g.getId()).toList()));
    chain.doFilter(request, response);
  }

  private static String[] basicCredentials(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
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

  private static void unauthorized(HttpServletResponse response, String detail) throws IOException {
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"cs-playbooks\", charset=\"UTF-8\"");
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.getWriter().write("{\"type\":\"/problems/unauthorized\",\"title\":\"Unauthorized\",\"status\":401,"
        + "\"detail\":\"" + detail + "\"}");
  }
}
