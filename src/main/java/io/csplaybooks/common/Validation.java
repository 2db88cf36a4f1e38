package io.csplaybooks.common;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Collects every problem with a request, so that one answer names them all. */
public class Validation {

  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

  private final List<FieldError> errors = new ArrayList<>();

  public Validation reject(String field, String reason) {
    errors.add(new FieldError(field, reason));
    return this;
  }

  public boolean required(String field, Object value) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      reject(field, "is required");
      return false;
    }
    return true;
  }

  public void maxLength(String field, String value, int max) {
    if (value != null && value.length() > max) {
      reject(field, "must be at most " + max + " characters");
    }
  }

  public void email(String field, String value) {
    if (value != null && !value.isBlank() && !EMAIL.matcher(value.trim()).matches()) {
      reject(field, "must be an email address");
    }
  }

  public static boolean isEmail(String value) {
    return value != null && EMAIL.matcher(value.trim()).matches();
  }

  public List<FieldError> errors() {
    return List.copyOf(errors);
  }

  public void throwIfInvalid() {
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
  }
}
