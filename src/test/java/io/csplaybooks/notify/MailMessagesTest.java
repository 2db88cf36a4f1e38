package io.csplaybooks.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.context.NoSuchMessageException;

/** The mail bundles: Korean has every English text, with the same arguments, in Hangul. */
class MailMessagesTest {

  private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)}");

  @Test
  void koreanHasEveryTextWithTheSameArguments() throws IOException {
    Properties english = load("i18n/mail.properties");
    Properties korean = load("i18n/mail_ko.properties");

    assertThat(new TreeSet<>(korean.stringPropertyNames())).isEqualTo(new TreeSet<>(english.stringPropertyNames()));
    for (String key : english.stringPropertyNames()) {
      assertThat(arguments(korean.getProperty(key))).as(key).isEqualTo(arguments(english.getProperty(key)));
      // Texts made only of arguments, punctuation and acronyms (ARR) have nothing to translate.
      if (english.getProperty(key).replaceAll("\\{\\d+}", "").matches("(?s).*[a-z]{2,}.*")) {
        assertThat(korean.getProperty(key)).as(key).containsPattern("[가-힣]");
      }
    }
  }

  @Test
  void englishIsEnglishWhateverTheServersOwnLanguage() {
    Locale server = Locale.getDefault();
    try {
      // A server in Seoul: a missing English bundle must not fall back to the server's Korean.
      Locale.setDefault(Locale.KOREA);
      MailMessages texts = new MailMessages();
      assertThat(texts.text(Locale.ENGLISH, "task.subject", "Hold kickoff")).isEqualTo("Task: Hold kickoff");
      assertThat(texts.text(Locale.KOREAN, "task.subject", "Hold kickoff")).isEqualTo("작업: Hold kickoff");
      assertThat(texts.text(Locale.KOREA, "task.subject", "Hold kickoff")).isEqualTo("작업: Hold kickoff");
      assertThat(texts.text(Locale.GERMAN, "task.subject", "Hold kickoff")).isEqualTo("Task: Hold kickoff");
    } finally {
      Locale.setDefault(server);
    }
  }

  @Test
  void whatPeopleTypedIsAnArgumentNeverAPattern() {
    MailMessages texts = new MailMessages();
    assertThat(texts.text(Locale.KOREAN, "newAccount.subject", "O'Brien {0} 한빛", "enterprise", "APAC"))
        .isEqualTo("새 고객사: O'Brien {0} 한빛 (enterprise, APAC)");
    assertThatThrownBy(() -> texts.text(Locale.ENGLISH, "no.such.text")).isInstanceOf(NoSuchMessageException.class);
  }

  private static Properties load(String resource) throws IOException {
    Properties properties = new Properties();
    try (Reader in = new InputStreamReader(MailMessagesTest.class.getClassLoader().getResourceAsStream(resource),
        StandardCharsets.UTF_8)) {
      properties.load(in);
    }
    return properties;
  }

  private static List<String> arguments(String text) {
    Matcher matcher = ARGUMENT.matcher(text);
    TreeSet<String> found = new TreeSet<>();
    while (matcher.find()) {
      found.add(matcher.group(1));
    }
    return List.copyOf(found);
  }
}
