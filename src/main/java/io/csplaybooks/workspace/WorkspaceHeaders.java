package io.csplaybooks.workspace;

import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The headers every page of the workspace carries: only this site's scripts and styles, no framing, no
 * caching. Forms post to this site, whose logout may redirect on to a single sign-on provider's.
 *
 * <p>A page that draws diagrams ({@link DrawsDiagrams}) allows one thing more. bpmn-js 8 (the newest
 * on Maven Central) adds the bpmn.io watermark to every diagram as markup with style attributes, and
 * its notice when the watermark is clicked; its licence forbids removing or changing that code. Every
 * other style attribute it would write is avoided (studio.js draws its own badges instead of bpmn-js's
 * overlays, and makes the text-measuring element itself), so the page allows exactly these attribute
 * values, by their SHA-256 ({@code style-src-attr 'unsafe-hashes'}): the watermark's own fixed strings,
 * not inline style in general. A page with a diagram logs no violation of its policy
 * (StudioDiagramsBrowserTest).
 */
final class WorkspaceHeaders {

  /** The style attributes of bpmn-js 8.0.0's watermark (lib/util/PoweredByUtil.js), exactly as it writes them. */
  static final List<String> BPMN_IO_WATERMARK = List.of(
      // the link on every diagram, and its logo
      "position: absolute; bottom: 15px; right: 15px; z-index: 100; color: #404040",
      "vertical-align:middle",
      // the notice the link opens
      "z-index: 1001;position: fixed;top: 0;left: 0;right: 0;bottom: 0",
      "width: 100%;height: 100%;background: rgba(40,40,40,0.2)",
      "position: absolute;left: 50%;top: 40%;transform: translate(-50%);width: 260px;padding: 10px;background: white;"
          + "box-shadow: 0 1px 4px rgba(0,0,0,0.3);font-family: Helvetica, Arial, sans-serif;font-size: 14px;"
          + "display: flex;line-height: 1.3",
      "margin: 15px 20px 15px 10px; align-self: center;color: #404040");

  private final String policy;
  private final String diagramPolicy;

  WorkspaceHeaders(List<String> providerLogoutOrigins) {
    String rest = "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action "
        + String.join(" ", Stream.concat(Stream.of("'self'"), providerLogoutOrigins.stream()).toList())
        + "; frame-ancestors 'none'";
    this.policy = "default-src 'self'; script-src 'self'; style-src 'self'; " + rest;
    this.diagramPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-hashes' "
        + BPMN_IO_WATERMARK.stream().map(WorkspaceHeaders::hash).collect(Collectors.joining(" ")) + "; " + rest;
  }

  void apply(HttpServletResponse response) {
    apply(response, false);
  }

  void apply(HttpServletResponse response, boolean drawsDiagrams) {
    response.setHeader("Content-Security-Policy", drawsDiagrams ? diagramPolicy : policy);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Referrer-Policy", "same-origin");
    response.setHeader("Cache-Control", "no-store");
  }

  /** A CSP hash source for the value. */
  static String hash(String value) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
