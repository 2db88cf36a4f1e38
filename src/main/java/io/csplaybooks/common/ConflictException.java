package io.csplaybooks.common;

import java.util.List;

/** The request contradicts what is recorded (HTTP 409), naming the fields that differ. */
public class ConflictException extends RuntimeException {

  private final List<String> fields;

  public ConflictException(String message, List<String> fields) {
    super(message);
    this.fields = List.copyOf(fields);
  }

  public List<String> fields() {
    return fields;
  }
}
