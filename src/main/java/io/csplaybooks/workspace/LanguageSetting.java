package io.csplaybooks.workspace;

import io.csplaybooks.common.InvalidInputException;
import io.csplaybooks.workspace.WorkspaceAccess.Audience;
import io.csplaybooks.workspace.WorkspaceAccess.Page;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.LocaleResolver;

/** A person chooses the language of their pages, whatever their browser says. */
@Controller
class LanguageSetting {

  private final LocaleResolver locales;

  LanguageSetting(LocaleResolver locales) {
    this.locales = locales;
  }

  @PostMapping("/settings/language")
  @Page(Audience.EVERYONE)
  String choose(@RequestParam(defaultValue = "") String language, @RequestParam(required = false) String back,
      HttpServletRequest request, HttpServletResponse response) {
    Locale locale = WorkspaceLocale.SUPPORTED.stream().filter(l -> l.getLanguage().equals(language)).findFirst()
        .orElseThrow(() -> new InvalidInputException("language", "must be one of en, ko"));
    locales.setLocale(request, response, locale);
    return "redirect:" + Home.safeNext(back);
  }
}
