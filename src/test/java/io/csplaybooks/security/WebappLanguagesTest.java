package io.csplaybooks.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.csplaybooks.support.IntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Camunda's webapps speak Korean: the running application serves our ko.json beside the webjar's
 * en.json, with exactly its keys, placeholders and links, every text in Hangul but for names kept as
 * they are; and the webapp's config.js offers ko. Both are static files of the webapp, served before
 * anyone logs in (the login page itself is translated), so the test asks without credentials.
 */
class WebappLanguagesTest extends IntegrationTest {

  private static final String WEBJAR = "/META-INF/resources/webjars/camunda/app/";
  private static final Pattern HANGUL = Pattern.compile("[\\uAC00-\\uD7A3]");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}]+?)\\s*}}");
  private static final Pattern LINK = Pattern.compile("href=\"[^\"]*\"");

  /**
   * Texts that stay as Camunda's English has them in Korean too: the products' and the vendor's
   * names, the engine's variable type names (what a person picks in a form) and a date pattern. Besides
   * these, texts without a word to translate: ids such as "ID", operators such as "<=", markup, the
   * value "null", the empty text.
   */
  private static final Set<String> KEPT = Set.of("APP_VENDOR", "ADMIN_APP", "COCKPIT_APP", "TASKLIST_APP", "ADMIN",
      "COCKPIT", "TASKLIST", "AUTHORIZATION_OPTIMIZE", "PLGN_SKE_CAMUNDA_COCKPIT", "BOOLEAN", "DOUBLE", "INTEGER", "LONG",
      "SHORT", "STRING", "PLGN_BTCH_SET_REMOVAL_TIME_ABSOLUTE_PLACEHOLDER");

  private final ObjectMapper json = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void theWebappSpeaksKorean(String app) throws IOException {
    ResponseEntity<byte[]> served = http.getForEntity("/camunda/app/" + app + "/locales/ko.json", byte[].class);
    assertThat(served.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode ko = json.readTree(served.getBody());
    JsonNode en = shipped(app);

    assertThat(keys(ko.path("labels"))).isEqualTo(keys(en.path("labels")));
    assertThat(shape(ko)).isEqualTo(shape(en));
    List<String> untranslated = new ArrayList<>();
    en.path("labels").properties().forEach(label -> {
      String english = label.getValue().asText();
      String korean = ko.path("labels").path(label.getKey()).asText();
      assertThat(all(PLACEHOLDER, korean)).as(label.getKey()).isEqualTo(all(PLACEHOLDER, english));
      assertThat(all(LINK, korean)).as(label.getKey()).isEqualTo(all(LINK, english));
      String words = PLACEHOLDER.matcher(english.replaceAll("<[^>]*>", "")).replaceAll("").replaceAll("\\bnull\\b", "");
      boolean translatable = words.matches("(?s).*[a-z]{2,}.*") && !KEPT.contains(label.getKey());
      // Translated: Hangul, or (a range's " to " as " ~ ") a sign in place of the English words.
      boolean translated = HANGUL.matcher(korean).find() || !korean.equals(english) && !korean.matches("(?s).*[A-Za-z].*");
      if (translatable && !translated) {
        untranslated.add(label.getKey() + "=" + korean);
      }
    });
    assertThat(untranslated).isEmpty();
    if (en.has("dateLocales")) {
      assertThat(ko.path("dateLocales").path("weekdays").get(0).asText()).isEqualTo("일요일");
    }

    ResponseEntity<String> config = http.getForEntity("/camunda/app/" + app + "/scripts/config.js", String.class);
    assertThat(config.getStatusCode()).isEqualTo(HttpStatus.OK);
    Matcher locales = Pattern.compile("(?m)^\\s*locales:\\s*\\{\\s*availableLocales:\\s*\\[([^]]*)],\\s*fallbackLocale:\\s*'(\\w+)'")
        .matcher(config.getBody());
    assertThat(locales.find()).as(config.getBody()).isTrue();
    assertThat(locales.group(1).replaceAll("[\\s']", "").split(",")).containsExactly("en", "ko");
    assertThat(locales.group(2)).isEqualTo("en");
    // Ours replaces the webjar's config.js: every setting Camunda's has is still there, in its order.
    List<String> settings = activeLines(new String(shipped(app, "scripts/config.js"), StandardCharsets.UTF_8));
    assertThat(settings).as("the webjar's config.js of " + app).contains("export default {", "};");
    assertThat(activeLines(config.getBody())).containsSubsequence(settings);
  }

  private static JsonNode shipped(String app) throws IOException {
    // Camunda's files start with a byte order mark, which Jackson skips when it reads bytes.
    return new ObjectMapper().readTree(shipped(app, "locales/en.json"));
  }

  /** A file as Camunda's webjar has it, not as the application (whose own files come first) serves it. */
  private static byte[] shipped(String app, String file) throws IOException {
    for (URL url : Collections.list(WebappLanguagesTest.class.getClassLoader().getResources(WEBJAR.substring(1) + app + "/" + file))) {
      if (url.toString().contains("camunda-webapp-webjar")) {
        try (InputStream in = url.openStream()) {
          return in.readAllBytes();
        }
      }
    }
    throw new AssertionError("the webjar has no " + app + "/" + file);
  }

  /** The lines of a script that do something: neither comments nor blank. */
  private static List<String> activeLines(String script) {
    String code = script.replaceAll("(?s)/\\*.*?\\*/", "");
    return code.lines().map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("//")).toList();
  }

  private static Set<String> keys(JsonNode node) {
    Set<String> keys = new TreeSet<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  /** Every path of the document with the kind of its value: the structure moment.js and the webapp read. */
  private static Set<String> shape(JsonNode node) {
    Set<String> paths = new TreeSet<>();
    shape("", node, paths);
    return paths;
  }

  private static void shape(String path, JsonNode node, Set<String> paths) {
    if (node.isObject()) {
      node.properties().forEach(field -> shape(path + "/" + field.getKey(), field.getValue(), paths));
    } else if (node.isArray()) {
      paths.add(path + "[" + node.size() + "]");
    } else {
      paths.add(path + ":" + node.getNodeType());
    }
  }

  private static List<String> all(Pattern pattern, String text) {
    List<String> found = new ArrayList<>();
    Matcher matcher = pattern.matcher(text);
    while (matcher.find()) {
      found.add(matcher.group(pattern == PLACEHOLDER ? 1 : 0));
    }
    found.sort(null);
    return found;
  }
}
