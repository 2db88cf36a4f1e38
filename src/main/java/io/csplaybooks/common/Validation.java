package io.csplaybooks.common;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
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

  /** An email address, if given: the shape of one, and at most 320 characters (what the columns hold). */
  public void email(String field, String value) {
    if (value != null && value.length() > 320) {
      reject(field, "must be at most 320 characters");
    } else if (value != null && !value.isBlank() && !EMAIL.matcher(value.trim()).matches()) {
      reject(field, "must be an email address");
    }
  }

  /** A whole number, if given, between min and max. */
  public void range(String field, Number value, long min, long max) {
    if (value != null && (value.longValue() < min || value.longValue() > max)) {
      reject(field, "must be between " + min + " and " + max);
    }
  }

  /** A list, if given, of at most max entries. */
  public void maxSize(String field, Collection<?> values, int max) {
    if (values != null && values.size() > max) {
      reject(field, "must have at most " + max + " entries");
    }
  }

  /**
   * An amount of money, if given: not negative, at most {@code integerDigits} digits before the point
   * and {@code decimals} after it (a {@code numeric(p, s)} column).
   */
  public void money(String field, BigDecimal value, int integerDigits, int decimals) {
    if (value == null) {
      return;
    }
    if (value.signum() < 0) {
      reject(field, "must not be negative");
    } else if (value.stripTrailingZeros().scale() > decimals) {
      reject(field, "must have at most " + decimals + " decimals");
    } else if (value.precision() - value.scale() > integerDigits) {
      reject(field, "must be less than " + String.format(Locale.ROOT, "%,d", BigDecimal.TEN.pow(integerDigits).toBigInteger()));
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
