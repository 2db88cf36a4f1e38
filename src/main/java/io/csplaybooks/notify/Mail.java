package io.csplaybooks.notify;

import java.util.List;

/** A plain-text email. replyTo may be null. */
public record Mail(List<String> to, String replyTo, String subject, String body) {

  public Mail {
    if (to == null || to.isEmpty()) {
      throw new IllegalArgumentException("a mail needs at least one recipient");
    }
    to = List.copyOf(to);
  }
}
