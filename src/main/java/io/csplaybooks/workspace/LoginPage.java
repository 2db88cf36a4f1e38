package io.csplaybooks.workspace;

import io.csplaybooks.security.CredentialCache;
import io.csplaybooks.security.LoginThrottle;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The login page: a form and a session (never the browser's Basic prompt), shared with Tasklist.
 * Wrong passwords slow down the client address as everywhere else ({@link LoginThrottle}).
 */
@Controller
class LoginPage {

  private final WorkspaceSession session;
  private final CredentialCache logins;
  private final LoginThrottle throttle;

  LoginPage(WorkspaceSession session, CredentialCache logins, LoginThrottle throttle) {
    this.session = session;
    this.logins = logins;
    this.throttle = throttle;
  }

  @GetMapping("/login")
  String form(@RequestParam(required = false) String next, HttpServletRequest request, Model model) {
    if (session.current(request).isPresent()) {
      return "redirect:" + Home.safeNext(next);
    }
    model.addAttribute("next", Home.safeNext(next));
    model.addAttribute("csrf", session.csrfToken(request));
    return "workspace/login";
  }

  @PostMapping("/login")
  String login(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String password,
      @RequestParam(name = "_csrf", required = false) String csrf, @RequestParam(required = false) String next,
      HttpServletRequest request, HttpServletResponse response, Model model) {
    model.addAttribute("next", Home.safeNext(next));
    model.addAttribute("username", username);
    String address = request.getRemoteAddr();
    Duration wait = throttle.waitFor(address);
    if (!session.csrfValid(request, csrf)) {
      return refused(request, response, model, HttpServletResponse.SC_FORBIDDEN, "login.expired", null);
    }
    if (!wait.isZero()) {
      response.setHeader("Retry-After", String.valueOf(Math.max(1, wait.toSeconds())));
      return refused(request, response, model, 429, "login.throttled", Math.max(1, wait.toSeconds()));
    }
    Optional<CredentialCache.Login> login = username.isBlank() || password.isEmpty()
        ? Optional.empty() : logins.check(username.trim(), password);
    if (login.isEmpty()) {
      throttle.failed(address);
      return refused(request, response, model, HttpServletResponse.SC_UNAUTHORIZED, "login.wrong", null);
    }
    throttle.succeeded(address);
    session.login(request, login.get().userId());
    return "redirect:" + Home.safeNext(next);
  }

  @PostMapping("/logout")
  String logout(@RequestParam(name = "_csrf", required = false) String csrf, HttpServletRequest request,
      HttpServletResponse response) {
    if (session.csrfValid(request, csrf)) {
      session.logout(request);
    }
    return "redirect:/login";
  }

  private String refused(HttpServletRequest request, HttpServletResponse response, Model model, int status,
      String message, Object argument) {
    response.setStatus(status);
    model.addAttribute("error", message);
    model.addAttribute("errorArgument", argument);
    model.addAttribute("csrf", session.csrfToken(request));
    return "workspace/login";
  }
}
