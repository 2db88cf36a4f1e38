package io.csplaybooks.common;

import java.time.DayOfWeek;
import java.time.ZonedDateTime;

/** Deadlines counted in business days: Saturdays and Sundays do not count. */
public final class BusinessDays {

  private BusinessDays() {}

  public static ZonedDateTime add(ZonedDateTime from, int businessDays) {
    if (businessDays < 0) {
      throw new IllegalArgumentException("business days must not be negative");
    }
    ZonedDateTime result = from;
    int added = 0;
    while (added < businessDays) {
      result = result.plusDays(1);
      if (!isWeekend(result.getDayOfWeek())) {
        added++;
      }
    }
    // A deadline that starts on a weekend runs from the next Monday.
    while (isWeekend(result.getDayOfWeek())) {
      result = result.plusDays(1);
    }
    return result;
  }

  private static boolean isWeekend(DayOfWeek day) {
    return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
  }
}
