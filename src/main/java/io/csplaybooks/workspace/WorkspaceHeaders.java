package io.csplaybooks.workspace;

import jakarta.servlet.http.HttpServletResponse;

/** The headers every page of the workspace carries: only this site's scripts and styles, no framing, no caching. */
final class WorkspaceHeaders {

  static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  private WorkspaceHeaders() {}

  static void apply(HttpServletResponse response) {
    response.setHeader("Content-Security-Policy", POLICY);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Referrer-Policy", "same-origin");
    response.setHeader("Cache-Control", "no-store");
  }
}
