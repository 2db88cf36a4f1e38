package io.csplaybooks.playbook;

import io.csplaybooks.common.BusinessCalendar;
import java.util.Date;

/**
 * Due dates that a CS manager sets in words, for any playbook: "due in 5 business days" is
 * {@code camunda:dueDate="${taskDeadlines.inBusinessDays(dueInBusinessDays)}"}, the number being the
 * task's input parameter {@value #DUE_IN_BUSINESS_DAYS} (what the studio's task templates write), so
 * that nobody types an expression. Counted on the same calendar as every deadline of the shipped
 * playbooks.
 */
@PlaybookFunctions("taskDeadlines")
public class TaskDeadlines {

  /** The task's input parameter that holds the number of business days. */
  public static final String DUE_IN_BUSINESS_DAYS = "dueInBusinessDays";
  /** About a year of business days: a task due later than that is no task. */
  public static final int MAX_BUSINESS_DAYS = 250;

  private final BusinessCalendar calendar;

  public TaskDeadlines(BusinessCalendar calendar) {
    this.calendar = calendar;
  }

  /**
   * N business days from now. N is a whole number from 1 to {@value #MAX_BUSINESS_DAYS}, given as a
   * number or as its digits (an input parameter's text); anything else fails the task's creation, an
   * incident that names the value.
   */
  public Date inBusinessDays(Object businessDays) {
    return calendar.businessDaysFromNow(days(businessDays));
  }

  static int days(Object value) {
    long days;
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      days = ((Number) value).longValue();
    } else if (value instanceof String text && text.trim().matches("[0-9]{1,4}")) {
      days = Long.parseLong(text.trim());
    } else {
      throw new IllegalStateException(value == null ? "the task has no '" + DUE_IN_BUSINESS_DAYS + "'"
          : "'" + DUE_IN_BUSINESS_DAYS + "' is not a whole number of business days: " + value);
    }
    if (days < 1 || days > MAX_BUSINESS_DAYS) {
      throw new IllegalStateException("'" + DUE_IN_BUSINESS_DAYS + "' must be from 1 to " + MAX_BUSINESS_DAYS
          + " business days: " + days);
    }
    return (int) days;
  }
}
