package io.csplaybooks.common;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;

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

  /** A deadline N business days from the engine's clock (which process tests move). */
  public static Date fromNow(int businessDays, ZoneId zone) {
    ZonedDateTime now = ZonedDateTime.ofInstant(EngineClock.now(), zone);
    return Date.from(add(now, businessDays).toInstant());
  }

  private static boolean isWeekend(DayOfWeek day) {
    return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
  }
}
