package io.csplaybooks.common;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;

/**
 * The calendar every playbook deadline is counted on: the engine's clock (which process tests move),
 * a time zone, business days without weekends.
 */
public record BusinessCalendar(ZoneId zone) {

  /** The server's time zone, as everywhere else in the application. */
  public static BusinessCalendar system() {
    return new BusinessCalendar(ZoneId.systemDefault());
  }

  public ZonedDateTime now() {
    return EngineClock.now().atZone(zone);
  }

  /** N business days from now, at the same time of day. */
  public Date businessDaysFromNow(int businessDays) {
    return Date.from(BusinessDays.add(now(), businessDays).toInstant());
  }

  /** N business days after a moment, at the same time of day. */
  public Date businessDaysAfter(ZonedDateTime from, int businessDays) {
    return Date.from(BusinessDays.add(from, businessDays).toInstant());
  }

  public Date at(LocalDate day, LocalTime time) {
    return Date.from(day.atTime(time).atZone(zone).toInstant());
  }

  public LocalDate day(Date date) {
    return date.toInstant().atZone(zone).toLocalDate();
  }

  public ZonedDateTime zoned(Date date) {
    return date.toInstant().atZone(zone);
  }
}
