package io.csplaybooks.demo;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * While the demo plays its year (the first start, about half a minute), the engine's clock stands in
 * the past: every request is answered 503 with Retry-After and a page that says so, instead of pages
 * and tasks of a day long gone. Only on the demo profile.
 */
@Component
@Profile("demo")
@Order(Ordered.HIGHEST_PRECEDENCE)
class DemoInPreparation extends OncePerRequestFilter {

  private volatile boolean preparing;

  void preparing(boolean preparing) {
    this.preparing = preparing;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!preparing) {
      chain.doFilter(request, response);
      return;
    }
    response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
    response.setHeader("Retry-After", "10");
    response.setContentType("text/html;charset=UTF-8");
    response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta http-equiv=\"refresh\" content=\"10\"><title>The demo is being prepared</title></head><body>"
        + "<h1>The demo is being prepared</h1><p>A year of a CS team's life is being played through the "
        + "application (about half a minute on the first start). This page reloads itself.</p></body></html>");
  }
}
