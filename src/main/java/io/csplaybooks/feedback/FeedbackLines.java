package io.csplaybooks.feedback;

import io.csplaybooks.common.Validation;
import io.csplaybooks.playbook.FormValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Feedback as the CSM types it into the QBR outcome form, one item per line:
 * {@code kind | theme | description}, kind one of bug, feature-request, usability. Themes are
 * compared in lower case so that "Reporting" and "reporting " count as one.
 */
public final class FeedbackLines {

  private FeedbackLines() {}

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
