package io.csplaybooks.workspace;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.stream.Stream;

/**
 * The headers every page of the workspace carries: only this site's scripts and styles, no framing, no
 * caching. Forms post to this site, whose logout may redirect on to a single sign-on provider's.
 */
final class WorkspaceHeaders {

  private final String policy;

  WorkspaceHeaders(List<String> providerLogoutOrigins) {
    this.policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "object-src 'none'; base-uri 'none'; form-action "
        + String.join(" ", Stream.concat(Stream.of("'self'"), providerLogoutOrigins.stream()).toList())
        + "; frame-ancestors 'none'";
  }

  void apply(HttpServletResponse response) {
    response.setHeader("Content-Security-Policy", policy);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Referrer-Policy", "same-origin");
    response.setHeader("Cache-Control", "no-store");
  }
}
