package io.csplaybooks.workspace;

import io.csplaybooks.security.SignIn;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The login page: one door for the workspace and Camunda's webapps, with a password (unless the
 * installation switched passwords off) and the single sign-on providers it offers. Spring Security
 * checks what it sends ({@link WorkspaceSecurity}); this page shows the form, and why a login or a
 * form was refused.
 */
@Controller
class LoginPage {

  private static final Logger LOG = LoggerFactory.getLogger(LoginPage.class);

  /** Where to go after a single sign-on, which leaves and comes back without the form's "next". */
  static final String NEXT = LoginPage.class.getName() + ".next";
  /** Why the login or a form was refused: a message key, its argument and the status, set by WorkspaceSecurity. */
  static final String REFUSAL = LoginPage.class.getName() + ".refusal";
  static final String REFUSAL_ARGUMENT = LoginPage.class.getName() + ".argument";

  private final WorkspaceSession session;
  private final SignIn signIn;

  LoginPage(WorkspaceSession session, SignIn signIn) {
    this.session = session;
    this.signIn = signIn;
  }

  @GetMapping("/login")
  String form(@RequestParam(required = false) String next, @RequestParam(required = false) String logout,
      HttpServletRequest request, Model model) {
    if (session.current(request).isPresent()) {
      return "redirect:" + Home.safeNext(next);
    }
    HttpSession http = request.getSession();
    String target = Home.safeNext(next != null ? next : (String) http.getAttribute(NEXT));
    http.setAttribute(NEXT, target);
    Object failed = http.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
    http.removeAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
    List<SignIn.Provider> providers = signIn.providers();
    if (!signIn.localPasswords() && providers.size() == 1 && logout == null && failed == null) {
      // Nothing to choose: straight on to the one identity provider.
      return "redirect:/oauth2/authorization/" + providers.get(0).id();
    }
    if (failed instanceof AuthenticationException sso) {
      model.addAttribute("error", "login.sso-failed");
      model.addAttribute("errorArgument", ssoReason(sso));
    }
    boolean signedOut = logout != null;
    model.addAttribute("signedOut", signedOut);
    model.addAttribute("providerLogout", signedOut ? signIn.takeProviderLogout(request).orElse(null) : null);
    return page(request, model, target, providers);
  }

  /**
   * A login refused (wrong password, too many failures, passwords off), or any form of the workspace
   * sent without its session's token: Spring Security forwards here with the reason and status.
   */
  @RequestMapping("/login/refused")
  String refused(@RequestParam(required = false) String next, @RequestParam(required = false) String username,
      HttpServletRequest request, HttpServletResponse response, Model model) {
    String reason = (String) request.getAttribute(REFUSAL);
    if (reason == null) {
      return "redirect:/login";
    }
    if (reason.startsWith("workspace.")) {
      // A form of a page: the page's refusal, with the person's header if they are signed in.
      session.current(request).ifPresent(me -> {
        model.addAttribute("me", me);
        model.addAttribute("tasklist", Home.TASKLIST);
        model.addAttribute("here", request.getRequestURI());
      });
      model.addAttribute("csrf", session.csrfToken(request));
      model.addAttribute("status", response.getStatus());
      model.addAttribute("message", reason);
      return "workspace/problem";
    }
    model.addAttribute("error", reason);
    model.addAttribute("errorArgument", request.getAttribute(REFUSAL_ARGUMENT));
    model.addAttribute("username", username);
    model.addAttribute("signedOut", false);
    model.addAttribute("providerLogout", null);
    return page(request, model, Home.safeNext(next), signIn.providers());
  }

  private String page(HttpServletRequest request, Model model, String next, List<SignIn.Provider> providers) {
    model.addAttribute("next", next);
    model.addAttribute("csrf", session.csrfToken(request));
    model.addAttribute("providers", providers);
    model.addAttribute("localPasswords", signIn.localPasswords());
    return "workspace/login";
  }

  /**
   * Why single sign-on did not let the person in, in the words meant for them (ours, or the provider's
   * error code); anything else is the application's own failure, logged and not shown.
   */
  private static String ssoReason(AuthenticationException failure) {
    if (failure instanceof OAuth2AuthenticationException refused) {
      String description = refused.getError().getDescription();
      return description != null && !description.isBlank() ? description : refused.getError().getErrorCode();
    }
    LOG.warn("Single sign-on failed", failure);
    return "the application could not complete the sign-on (see its log)";
  }
}
