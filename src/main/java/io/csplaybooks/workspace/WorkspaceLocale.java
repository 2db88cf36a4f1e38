package io.csplaybooks.workspace;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The language of the pages: the one the person chose (kept in the session from their setting),
 * else the first of the browser's languages that the workspace speaks, else English.
 */
class WorkspaceLocale implements LocaleResolver {

  static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.KOREAN);
  static final String CHOSEN = WorkspaceLocale.class.getName() + ".chosen";

  @Override
  public Locale resolveLocale(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session != null && session.getAttribute(CHOSEN) instanceof Locale chosen) {
      return chosen;
    }
    for (Locale wanted : Collections.list(request.getLocales())) {
      for (Locale supported : SUPPORTED) {
        if (supported.getLanguage().equals(wanted.getLanguage())) {
          return supported;
        }
      }
    }
    return Locale.ENGLISH;
  }

  @Override
  public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
    if (locale == null) {
      request.getSession().removeAttribute(CHOSEN);
    } else {
      request.getSession().setAttribute(CHOSEN, supported(locale));
    }
  }

  static Locale supported(Locale locale) {
    return SUPPORTED.stream().filter(s -> s.getLanguage().equals(locale.getLanguage())).findFirst()
        .orElse(Locale.ENGLISH);
  }
}
