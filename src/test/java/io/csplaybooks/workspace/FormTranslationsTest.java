package io.csplaybooks.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every text a person reads on a form of forms/ has its Korean (i18n/forms_ko.properties): each
 * label, description, option and text block, each pattern's message (in English too: form-js would
 * show the pattern), and the name of every user task of bpmn/. Plain Java, no engine.
 */
class FormTranslationsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Locale KOREAN = Locale.KOREAN;

  @Test
  void everyFieldOfEveryFormHasKoreanText() throws IOException {
    Properties korean = bundle("i18n/forms_ko.properties");
    Properties english = bundle("i18n/forms.properties");
    List<String> missing = new ArrayList<>();
    List<Path> forms = forms();
    assertThat(forms).hasSizeGreaterThan(30);
    int texts = 0;
    for (Path form : forms) {
      for (FormTranslations.Text text : FormTranslations.texts(JSON.readTree(form.toFile()))) {
        texts++;
        if (blank(korean.getProperty(text.key()))) {
          missing.add(text.key() + " (\"" + text.english() + "\")");
        }
        if (text.key().endsWith(".invalid") && blank(english.getProperty(text.key()))) {
          missing.add(text.key() + " in English (the pattern " + text.english() + ")");
        }
      }
    }
    assertThat(texts).as("labels, descriptions, options and texts of forms/").isGreaterThan(300);
    assertThat(missing).as("texts of forms/ without Korean in i18n/forms_ko.properties").isEmpty();
  }

  @Test
  void everyUserTaskHasAKoreanName() throws IOException {
    Properties korean = bundle("i18n/forms_ko.properties");
    Pattern userTask = Pattern.compile("<bpmn:userTask id=\"([^\"]+)\"");
    List<String> missing = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
      for (Path bpmn : files.filter(p -> p.toString().endsWith(".bpmn")).toList()) {
        Matcher m = userTask.matcher(Files.readString(bpmn));
        while (m.find()) {
          if (blank(korean.getProperty("task." + m.group(1)))) {
            missing.add(bpmn.getFileName() + ": " + m.group(1));
          }
        }
      }
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void aMissingTextFailsTheCoverageAndStaysEnglish() throws IOException {
    ObjectNode form = (ObjectNode) JSON.readTree("""
        {"id": "made-up", "components": [{"type": "textfield", "key": "nothing", "label": "Nothing", "id": "F"}]}""");
    assertThat(FormTranslations.texts(form)).extracting(FormTranslations.Text::key).containsExactly("made-up.nothing.label");
    assertThat(bundle("i18n/forms_ko.properties").getProperty("made-up.nothing.label")).isNull();
    assertThat(new FormTranslations().translate(form, KOREAN).path("components").path(0).path("label").asText())
        .isEqualTo("Nothing");
  }

  @Test
  void theSchemaIsTranslatedBeforeItIsRenderedAndTheFormFileIsKept() throws IOException {
    JsonNode brief = JSON.readTree(Path.of("forms/complete-handoff-brief.form").toFile());
    String before = brief.toString();
    JsonNode korean = new FormTranslations().translate(brief, KOREAN);
    assertThat(brief.toString()).as("the form as the Modeler wrote it").isEqualTo(before);

    JsonNode email = component(korean, "championEmail");
    assertThat(email.path("label").asText()).isEqualTo("챔피언 이메일");
    assertThat(email.path("validate").path("pattern").asText()).as("the pattern stays, for form-js to check")
        .startsWith("^");
    assertThat(email.path("cspMessages").path("pattern").asText()).isEqualTo("이메일 주소가 아닙니다. 예: name@example.com");
    JsonNode promised = component(korean, "promisedItems");
    assertThat(promised.path("label").asText()).isEqualTo("약속한 항목");
    assertThat(promised.path("description").asText()).contains("\"새로 추가\"");
    JsonNode by = promised.path("components").findValue("dateLabel");
    assertThat(by.asText()).isEqualTo("기한 (선택)");
    assertThat(component(korean, "Text_complete_handoff_brief_0").path("text").asText()).startsWith("## 인계 브리프 완성\n");

    JsonNode english = new FormTranslations().translate(brief, Locale.ENGLISH);
    assertThat(component(english, "championEmail").path("label").asText()).isEqualTo("Champion's email");
    assertThat(component(english, "championEmail").path("cspMessages").path("pattern").asText())
        .isEqualTo("Not an email address, e.g. name@example.com");

    JsonNode plan = new FormTranslations().translate(JSON.readTree(Path.of("forms/success-plan.form").toFile()), KOREAN);
    JsonNode status = component(component(plan, "planMilestones"), "status");
    assertThat(status.path("values").findValuesAsText("label")).containsExactly("진행 중", "완료");
  }

  @Test
  void taskNamesInKoreanWithWhatThePlaybookWroteIntoThem() {
    FormTranslations translations = new FormTranslations();
    assertThat(translations.taskName("holdKickoff", "Hold kickoff", Map.of(), KOREAN)).isEqualTo("킥오프 진행");
    assertThat(translations.taskName("setUpRequirement", "Set up SSO with Okta", Map.of("setupItem", "SSO with Okta"),
        KOREAN)).isEqualTo("설정: SSO with Okta");
    assertThat(translations.taskName("holdKickoff", "Hold kickoff", Map.of(), Locale.ENGLISH)).isEqualTo("Hold kickoff");
    assertThat(translations.taskName("doOneOffTask", "고객에게 견적서 보내기", Map.of(), KOREAN))
        .as("a name made of what the form does not show: the engine's").isEqualTo("고객에게 견적서 보내기");
    assertThat(translations.taskName("somebodysOwnTask", "Call the customer", Map.of(), KOREAN))
        .as("a CS manager's own playbook without Korean").isEqualTo("Call the customer");
  }

  private static JsonNode component(JsonNode parent, String keyOrId) {
    for (JsonNode c : parent.path("components")) {
      if (keyOrId.equals(c.path("key").asText()) || keyOrId.equals(c.path("path").asText())
          || keyOrId.equals(c.path("id").asText())) {
        return c;
      }
    }
    throw new AssertionError("no component " + keyOrId);
  }

  private static List<Path> forms() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("forms"))) {
      return files.filter(p -> p.toString().endsWith(".form")).sorted().toList();
    }
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }

  private static Properties bundle(String resource) throws IOException {
    Properties properties = new Properties();
    try (var in = FormTranslationsTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return properties;
  }
}
