package io.csplaybooks.crm;

import io.csplaybooks.common.AskedToWait;
import java.time.Duration;
import java.time.Instant;
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
    return now.plus(AskedToWait.read(headers.getFirst(HttpHeaders.RETRY_AFTER), now).orElse(otherwise));
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
