package io.csplaybooks.common;

/** One reason a request was refused, naming the field as the client sent it. */
public record FieldError(String field, String reason) {

  @Override
  public String toString() {
    return field + ": " + reason;
  }
}
