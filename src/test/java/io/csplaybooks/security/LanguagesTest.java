package io.csplaybooks.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.csplaybooks.common.FieldError;
import io.csplaybooks.common.InvalidInputException;
import io.csplaybooks.common.NotFoundException;
import io.csplaybooks.support.IntegrationTest;
import java.util.Locale;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A person's language, kept with the person in the engine: English until they choose Korean. */
class LanguagesTest extends IntegrationTest {

  @Autowired Languages languages;

  @Test
  void englishUntilThePersonChoosesKorean() {
    String id = newPerson();
    assertThat(languages.chosenBy(id)).isEmpty();
    assertThat(languages.of(id)).isEqualTo(Locale.ENGLISH);

    // A regional variant is its language: the mails exist per language.
    languages.choose(id, Locale.KOREA);
    assertThat(languages.chosenBy(id)).contains(Locale.KOREAN);
    assertThat(languages.of(id)).isEqualTo(Locale.KOREAN);
    assertThat(identity.getUserInfo(id, "locale")).isEqualTo("ko");

    languages.choose(id, Locale.ENGLISH);
    assertThat(languages.chosenBy(id)).contains(Locale.ENGLISH);
  }

  @Test
  void onlyWhatTheApplicationSpeaksAndOnlyForSomeoneWhoExists() {
    String id = newPerson();
    assertThatThrownBy(() -> languages.choose(id, Locale.FRENCH)).isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).errors()).extracting(FieldError::field).containsExactly("language"))
        .hasMessageContaining("must be one of en, ko, not 'fr'");
    assertThatThrownBy(() -> languages.choose(id, null)).isInstanceOf(InvalidInputException.class);
    assertThat(languages.chosenBy(id)).isEmpty();
    assertThatThrownBy(() -> languages.choose("nobody-" + System.nanoTime(), Locale.KOREAN))
        .isInstanceOf(NotFoundException.class);

    // What another tool stored that we do not speak (or no longer) reads as no choice.
    identity.setUserInfo(id, "locale", "fr");
    assertThat(languages.chosenBy(id)).isEmpty();
    assertThat(languages.of(id)).isEqualTo(Locale.ENGLISH);
    assertThat(languages.of(null)).isEqualTo(Locale.ENGLISH);
  }

  @Test
  void aFormsLanguageTag() {
    assertThat(Languages.parse("ko")).isEqualTo(Locale.KOREAN);
    assertThat(Languages.parse(" ko-KR ")).isEqualTo(Locale.KOREAN);
    assertThat(Languages.parse("en-US")).isEqualTo(Locale.ENGLISH);
    assertThatThrownBy(() -> Languages.parse("de")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("language: must be one of en, ko, not 'de'");
    assertThatThrownBy(() -> Languages.parse(" ")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("language: must be one of en, ko");
  }

  private String newPerson() {
    String id = "reader-" + System.nanoTime();
    User user = identity.newUser(id);
    user.setEmail(id + "@example.com");
    user.setPassword(PASSWORD);
    identity.saveUser(user);
    return id;
  }
}
