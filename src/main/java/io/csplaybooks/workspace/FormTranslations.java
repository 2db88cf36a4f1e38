package io.csplaybooks.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The forms in the person's language. A form stays as the Modeler writes it (English, in forms/);
 * {@code i18n/forms_<language>.properties} holds each text of each form by the form's id and the
 * field: {@code <form>.<field>.label} (a date field's {@code dateLabel} too), {@code .description},
 * {@code .values.<value>} (an option), {@code <form>.<text id>.text} (a text block), and
 * {@code .invalid}, the field's message when its value does not match its pattern (in every language:
 * form-js would show the regular expression). A field of a dynamic list is {@code <list>.<field>}.
 * The schema is translated before the viewer renders it; a text the bundle lacks stays English, and
 * {@code FormTranslationsTest} fails for any field of forms/ without Korean. Task names are
 * {@code task.<task id>}, with {@code ${variable}} for a part the playbook writes.
 */
@Component
class FormTranslations {

  /** One text of a form to translate, with where it goes in the component. */
  record Text(String key, String english) {}

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9_]*)}");

  private final Map<String, Properties> bundles = new ConcurrentHashMap<>();

  /** The schema with its texts in the locale's language, and our pattern messages (a copy; the schema is kept). */
  ObjectNode translate(JsonNode schema, Locale locale) {
    ObjectNode copy = schema.deepCopy();
    String formId = copy.path("id").asText();
    Properties own = bundle(locale.getLanguage());
    Properties base = bundle("");
    walk(formId, copy.path("components"), "", (component, name) -> {
      String type = component.path("type").asText();
      String prefix = formId + "." + name + ".";
      if ("text".equals(type)) {
        set(component, "text", own.getProperty(prefix + "text"));
      }
      set(component, "datetime".equals(type) ? "dateLabel" : "label", own.getProperty(prefix + "label"));
      set(component, "description", own.getProperty(prefix + "description"));
      if (component.path("values") instanceof ArrayNode values) {
        values.forEach(v -> set((ObjectNode) v, "label", own.getProperty(prefix + "values." + v.path("value").asText())));
      }
      if (component.path("validate").hasNonNull("pattern")) {
        String invalid = own.getProperty(prefix + "invalid", base.getProperty(prefix + "invalid"));
        if (invalid != null) {
          component.putObject("cspMessages").put("pattern", invalid);
        }
      }
    });
    return copy;
  }

  /** Every text of the form that a person reads, by its key in the bundle. */
  static List<Text> texts(JsonNode schema) {
    String formId = schema.path("id").asText();
    List<Text> texts = new ArrayList<>();
    walk(formId, schema.path("components"), "", (component, name) -> {
      String type = component.path("type").asText();
      String prefix = formId + "." + name + ".";
      if ("text".equals(type)) {
        texts.add(new Text(prefix + "text", component.path("text").asText()));
      }
      String label = component.path("datetime".equals(type) ? "dateLabel" : "label").asText("");
      if (!label.isEmpty()) {
        texts.add(new Text(prefix + "label", label));
      }
      if (!component.path("description").asText("").isEmpty()) {
        texts.add(new Text(prefix + "description", component.path("description").asText()));
      }
      component.path("values").forEach(v -> texts.add(new Text(prefix + "values." + v.path("value").asText(),
          v.path("label").asText())));
      if (component.path("validate").hasNonNull("pattern")) {
        texts.add(new Text(prefix + "invalid", component.path("validate").path("pattern").asText()));
      }
    });
    return texts;
  }

  /** The task's name in the locale's language; its own (the BPMN's) when the bundle has none. */
  String taskName(String taskDefinitionKey, String name, Map<String, Object> variables, Locale locale) {
    String translated = bundle(locale.getLanguage()).getProperty("task." + taskDefinitionKey);
    if (translated == null) {
      return name;
    }
    Matcher m = VARIABLE.matcher(translated);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Object value = variables.get(m.group(1));
      if (value == null) {
        // The form does not show what the name is made of: the engine's name has it, in the person's words.
        return name;
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value.toString()));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The bundle's text for the key in the language, if it has one. */
  Optional<String> text(String key, Locale locale) {
    return Optional.ofNullable(bundle(locale.getLanguage()).getProperty(key));
  }

  private interface Visitor {
    void visit(ObjectNode component, String name);
  }

  /** Each component with its name in the bundle: its key, a list's path, else its id; a list's fields after the list's path. */
  private static void walk(String formId, JsonNode components, String prefix, Visitor visitor) {
    for (JsonNode node : components) {
      if (!(node instanceof ObjectNode component)) {
        continue;
      }
      String type = component.path("type").asText();
      String own = "dynamiclist".equals(type) && component.hasNonNull("path") ? component.path("path").asText()
          : component.hasNonNull("key") ? component.path("key").asText() : component.path("id").asText();
      String name = prefix + own;
      visitor.visit(component, name);
      if (component.has("components")) {
        walk(formId, component.path("components"), "dynamiclist".equals(type) ? name + "." : prefix, visitor);
      }
    }
  }

  private static void set(ObjectNode component, String field, String text) {
    if (text != null && component.has(field)) {
      component.put(field, text);
    }
  }

  /** forms_<language>.properties, or forms.properties for "" and English (the forms' own language). */
  private Properties bundle(String language) {
    String name = language.isEmpty() || "en".equals(language) ? "i18n/forms.properties"
        : "i18n/forms_" + language + ".properties";
    return bundles.computeIfAbsent(name, FormTranslations::load);
  }

  private static Properties load(String resource) {
    Properties properties = new Properties();
    try (InputStream in = FormTranslations.class.getClassLoader().getResourceAsStream(resource)) {
      if (in != null) {
        properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(resource, e);
    }
    return properties;
  }
}
