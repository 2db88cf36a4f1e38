package io.csplaybooks.security;

import io.csplaybooks.common.InvalidInputException;
import io.csplaybooks.common.NotFoundException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Service;

/**
 * The language a person reads the application's mail and messages in. It is stored with the person in
 * the engine (user info "locale", an IETF language tag such as "ko"), so it follows the person on
 * every node and needs no table of ours; a person who never chose reads English.
 *
 * <p>The engine checks no authorization on user info: reading it works inside a job (a notification)
 * as well as in a request. Choosing checks that the person exists as the caller sees them, so nobody
 * stores a language for a user id that is not there.
 */
@Service
public class Languages {

  /** What the application speaks; the first is what a person reads until they choose. */
  public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.KOREAN);

  /** What a person reads until they choose, and what is written for no one person (a team's channel). */
  public static final Locale DEFAULT = SUPPORTED.get(0);

  static final String USER_INFO_KEY = "locale";

  private final IdentityService identity;

  public Languages(IdentityService identity) {
    this.identity = identity;
  }

  /** The language the person chose, if they chose one the application still speaks. */
  public Optional<Locale> chosenBy(String userId) {
    if (userId == null || userId.isBlank()) {
      return Optional.empty();
    }
    String tag = identity.getUserInfo(userId.trim(), USER_INFO_KEY);
    return tag == null ? Optional.empty() : supported(Locale.forLanguageTag(tag));
  }

  /**
   * Records the person's language. A regional variant (ko-KR) is recorded as its language (ko): the
   * mails exist per language, not per country.
   *
   * @throws InvalidInputException naming "language" when the application does not speak it
   * @throws NotFoundException when there is no such person
   */
  public void choose(String userId, Locale locale) {
    Locale language = supported(locale).orElseThrow(() -> unsupported(locale == null ? null : locale.toLanguageTag()));
    if (userId == null || userId.isBlank() || identity.createUserQuery().userId(userId.trim()).count() == 0) {
      throw new NotFoundException("no user '" + userId + "'");
    }
    identity.setUserInfo(userId.trim(), USER_INFO_KEY, language.toLanguageTag());
  }

  /** The language to address the person in: their choice, else English. */
  public Locale of(String userId) {
    return chosenBy(userId).orElse(DEFAULT);
  }

  /**
   * A language tag as a form sends it ("ko", "ko-KR", "en"), as one of {@link #SUPPORTED}.
   *
   * @throws InvalidInputException naming "language" when it is empty or not spoken here
   */
  public static Locale parse(String tag) {
    Optional<Locale> locale = tag == null || tag.isBlank() ? Optional.empty() : supported(Locale.forLanguageTag(tag.trim()));
    return locale.orElseThrow(() -> unsupported(tag));
  }

  private static InvalidInputException unsupported(String given) {
    return new InvalidInputException("language", "must be one of "
        + SUPPORTED.stream().map(Locale::toLanguageTag).collect(Collectors.joining(", "))
        + (given == null || given.isBlank() ? "" : ", not '" + given.trim() + "'"));
  }

  /** The language the application speaks for this locale (ko-KR: Korean), if it speaks it. */
  public static Optional<Locale> supported(Locale locale) {
    if (locale == null || locale.getLanguage().isEmpty()) {
      return Optional.empty();
    }
    return SUPPORTED.stream().filter(s -> s.getLanguage().equals(locale.getLanguage())).findFirst();
  }
}
