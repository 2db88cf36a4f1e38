package io.csplaybooks.workspace;

import io.csplaybooks.security.Languages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Collections;
import java.util.Locale;
import java.util.Optional;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The language of the pages: the one the person chose (their setting, {@link Languages}, the same
 * one their mails follow; read once per session), else the first of the browser's languages that the
 * workspace speaks, else English.
 */
class WorkspaceLocale implements LocaleResolver {

  /** The session's answer: the person's chosen language, or {@link #BROWSER} when they chose none. */
  private static final String CHOSEN = WorkspaceLocale.class.getName() + ".chosen";
  private static final String BROWSER = "browser";

  private final WorkspaceSession session;
  private final Languages languages;

  WorkspaceLocale(WorkspaceSession session, Languages languages) {
    this.session = session;
    this.languages = languages;
  }

  @Override
  public Locale resolveLocale(HttpServletRequest request) {
    return chosen(request).orElseGet(() -> browser(request));
  }

  private Optional<Locale> chosen(HttpServletRequest request) {
    HttpSession http = request.getSession(false);
    if (http == null) {
      return Optional.empty();
    }
    Object known = http.getAttribute(CHOSEN);
    if (known == null) {
      Optional<String> user = session.userId(request);
      if (user.isEmpty()) {
        return Optional.empty();
      }
      known = languages.chosenBy(user.get()).<Object>map(l -> l).orElse(BROWSER);
      http.setAttribute(CHOSEN, known);
    }
    return known instanceof Locale locale ? Optional.of(locale) : Optional.empty();
  }

  private static Locale browser(HttpServletRequest request) {
    return Collections.list(request.getLocales()).stream().map(Languages::supported).flatMap(Optional::stream)
        .findFirst().orElse(Languages.DEFAULT);
  }

  /** The person's choice, for the rest of the session (recorded for good by {@link LanguageSetting}). */
  @Override
  public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
    request.getSession().setAttribute(CHOSEN, locale == null ? BROWSER : locale);
  }
}
