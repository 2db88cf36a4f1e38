package io.csplaybooks.workspace;

import io.csplaybooks.common.FieldError;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The playbooks' refusals (the reasons {@code Validation} and the steps' listeners give, in the
 * API's English) in the person's language, for the field they name: {@code form.reason.*} in the
 * pages' messages. A reason without a translation is shown as the playbook wrote it.
 */
@Component
class FieldMessages {

  /** A refusal shown on its field: the field as the playbook named it, the message in the person's language. */
  record Shown(String field, String message) {}

  private record Reason(Pattern pattern, String key) {}

  private static final List<Reason> REASONS = List.of(
      reason("is required|must not be empty", "required"),
      reason("is required when (\\S+) is given", "required-with"),
      reason("must be an email address", "email"),
      reason("must be a number", "number"),
      reason("must be a whole number", "whole-number"),
      reason("must be a date \\(YYYY-MM-DD\\)", "date"),
      reason("must not be in the future.*", "not-future"),
      reason("must be at most (\\d+) characters", "max-length"),
      reason("must have at most (\\d+) (?:rows|entries)", "max-rows"),
      reason("must have at most (\\d+) decimals", "decimals"),
      reason("must be between (\\S+) and (\\S+)", "between"),
      reason("must be less than (\\S+)(?: in size)?", "less-than"),
      reason("must not be negative", "not-negative"),
      reason("must be one of (.+)", "one-of"),
      reason("is not a field of this form", "not-a-field"),
      reason("is needed for a complete brief", "brief-needed"));

  private final MessageSource messages;

  FieldMessages(MessageSource messages) {
    this.messages = messages;
  }

  List<Shown> of(List<FieldError> errors, Locale locale) {
    return errors.stream().map(e -> new Shown(e.field(), message(e.reason(), locale))).toList();
  }

  String message(String reason, Locale locale) {
    for (Reason r : REASONS) {
      Matcher m = r.pattern().matcher(reason);
      if (m.matches()) {
        Object[] arguments = new Object[m.groupCount()];
        for (int i = 0; i < arguments.length; i++) {
          arguments[i] = m.group(i + 1);
        }
        return messages.getMessage("form.reason." + r.key(), arguments, reason, locale);
      }
    }
    return reason;
  }

  private static Reason reason(String pattern, String key) {
    return new Reason(Pattern.compile(pattern), key);
  }
}
