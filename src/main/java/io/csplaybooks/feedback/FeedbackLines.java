package io.csplaybooks.feedback;

import io.csplaybooks.common.Validation;
import io.csplaybooks.playbook.FormValues;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Feedback as the CSM enters it into the QBR outcome form: one row per item in a dynamic list
 * ({@link #FIELDS}), or, in the form of an earlier playbook version, one line per item,
 * {@code kind | theme | description}; kind one of bug, feature-request, usability. Themes are
 * compared in lower case so that "Reporting" and "reporting " count as one.
 */
public final class FeedbackLines {

  /** The fields of a feedback row, as the form's dynamic list names them. */
  public static final List<String> FIELDS = List.of("kind", "theme", "description");

  private FeedbackLines() {}

  /** The items of the form's list, or of the text lines of an older form; each refusal names its row. */
  public static List<FeedbackItem.New> read(String field, Object value, Validation v) {
    if (value == null || FormValues.isLines(value)) {
      return parse(field, FormValues.text(value), v);
    }
    List<String> kinds = Arrays.stream(FeedbackKind.values()).map(FeedbackKind::code).toList();
    List<FeedbackItem.New> items = new ArrayList<>();
    for (FormValues.Row row : FormValues.rows(value, field, FIELDS, v)) {
      String kind = row.requiredChoice("kind", kinds, v);
      String theme = row.requiredText("theme", 100, v);
      String description = row.requiredText("description", 2000, v);
      if (kind != null && theme != null && description != null) {
        items.add(new FeedbackItem.New(FeedbackKind.fromCode(kind).orElseThrow(), normalizeTheme(theme), description));
      }
    }
    return items;
  }

  public static List<FeedbackItem.New> parse(String field, String text, Validation v) {
    List<FeedbackItem.New> items = new ArrayList<>();
    if (text == null) {
      return items;
    }
    for (FormValues.Line numbered : FormValues.lines(text)) {
      String line = numbered.text();
      String where = numbered.where();
      String[] parts = line.split("\\|", 3);
      if (parts.length < 3) {
        v.reject(field, where + "write 'kind | theme | description'");
        continue;
      }
      var kind = FeedbackKind.fromCode(parts[0]);
      String theme = normalizeTheme(parts[1]);
      String description = parts[2].trim();
      if (kind.isEmpty()) {
        v.reject(field, where + "kind '" + parts[0].trim() + "' must be one of " + FeedbackKind.codes());
      }
      if (theme.isEmpty() || theme.length() > 100) {
        v.reject(field, where + "the theme must be 1-100 characters");
      }
      if (description.isEmpty() || description.length() > 2000) {
        v.reject(field, where + "the description must be 1-2000 characters");
      }
      if (kind.isPresent()) {
        items.add(new FeedbackItem.New(kind.get(), theme, description));
      }
    }
    return items;
  }

  public static String normalizeTheme(String theme) {
    return theme == null ? "" : theme.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }
}
