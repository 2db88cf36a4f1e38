package io.csplaybooks.workspace;

import io.csplaybooks.security.Languages;
import io.csplaybooks.workspace.WorkspaceAccess.Audience;
import io.csplaybooks.workspace.WorkspaceAccess.Page;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.LocaleResolver;

/** A person chooses the language of their pages and mails, whatever their browser says. */
@Controller
class LanguageSetting {

  private final LocaleResolver locales;
  private final Languages languages;

  LanguageSetting(LocaleResolver locales, Languages languages) {
    this.locales = locales;
    this.languages = languages;
  }

  @PostMapping("/settings/language")
  @Page(Audience.EVERYONE)
  String choose(@RequestParam(defaultValue = "") String language, @RequestParam(required = false) String back,
      WorkspaceUser me, HttpServletRequest request, HttpServletResponse response) {
    Locale locale = Languages.parse(language);
    languages.choose(me.id(), locale);
    locales.setLocale(request, response, locale);
    return "redirect:" + Home.safeNext(back);
  }
}
