package io.csplaybooks.onboarding;

import io.csplaybooks.common.EngineClock;

import io.csplaybooks.common.Validation;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** A required date a person enters for something that has happened: not in the future. */
final class FormDates {

  private FormDates() {}

  static LocalDate pastDate(Object value, String field, Validation v) {
    if (!v.required(field, value)) {
      return null;
    }
    try {
      String text = value.toString().trim();
      LocalDate date = LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
      LocalDate today = EngineClock.today();
      if (date.isAfter(today)) {
        v.reject(field, "must not be in the future");
      }
      return date;
    } catch (DateTimeParseException e) {
      v.reject(field, "must be a date (YYYY-MM-DD)");
      return null;
    }
  }
}
