package io.csplaybooks.crm;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.springframework.http.HttpHeaders;

/** How a CRM took a write-back. */
sealed interface Delivery {

  /** The CRM took it (Salesforce 204, HubSpot 200). */
  record Sent(int status) implements Delivery {}

  /** 429: try again at the time the CRM gave in {@code Retry-After}, or after the first retry delay. */
  record RateLimited(Instant retryAt, String detail) implements Delivery {}

  /** The CRM was down or answered 5xx (status 0: no answer at all): tried again after the retry delays. */
  record Unavailable(int status, String detail) implements Delivery {}

  /**
   * The CRM refused it (a field it does not know, a record that is gone, credentials it refuses even
   * after a new token): sending it again would not help, so it fails at once.
   */
  record Refused(int status, String detail) implements Delivery {}

  /**
   * When to try again after a 429: {@code Retry-After} is seconds or an HTTP date (RFC 9110); without one,
   * or with one that cannot be read, after {@code otherwise}.
   */
  static Instant retryAt(HttpHeaders headers, Instant now, Duration otherwise) {
    String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
    if (value == null || value.isBlank()) {
      return now.plus(otherwise);
    }
    String text = value.trim();
    try {
      long seconds = Long.parseLong(text);
      return now.plusSeconds(Math.max(0, seconds));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        return at.isBefore(now) ? now : at;
      } catch (DateTimeParseException notADate) {
        return now.plus(otherwise);
      }
    }
  }

  /** A CRM's answer for a log line or an administrator, short (its body may be long). */
  static String shortly(String text) {
    if (text == null) {
      return "";
    }
    String flat = text.replaceAll("\\s+", " ").trim();
    return flat.length() <= 300 ? flat : flat.substring(0, 299) + "…";
  }
}
