package io.csplaybooks.notify;

import java.util.Locale;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;

/**
 * The fixed texts of the application's mail and Slack messages, per language: {@code i18n/mail.properties}
 * (English) and {@code i18n/mail_ko.properties} (Korean), UTF-8. A bean of its own rather than the
 * application's {@code messageSource}, which belongs to the pages ({@code i18n/messages}); and not a
 * {@code MessageSource} bean, so that nothing that asks the context for "the" MessageSource by type
 * finds two. Every text is a {@link java.text.MessageFormat} pattern (a quote is written twice).
 */
@Component("mailMessages")
public class MailMessages {

  /**
   * What a customer's contacts read. They are stakeholders from the brief, not users of ours, and
   * choose no language; a CSM's own language says nothing about their customer's.
   */
  public static final Locale CUSTOMERS = Locale.ENGLISH;

  private final ResourceBundleMessageSource bundle = new ResourceBundleMessageSource();

  public MailMessages() {
    bundle.setBasename("i18n/mail");
    bundle.setDefaultEncoding("UTF-8");
    // English is the base bundle: a server whose own locale is Korean must not answer English with Korean.
    bundle.setFallbackToSystemLocale(false);
    bundle.setAlwaysUseMessageFormat(true);
  }

  /** The text in the language; a code missing from the bundle throws, as it is a bug, not a choice. */
  public String text(Locale locale, String code, Object... args) {
    return bundle.getMessage(code, args, locale);
  }
}
