package io.csplaybooks.account;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The customer's tier; it decides the CS motion (touch model, QBR cadence, pod). */
public enum Segment {
  STRATEGIC("strategic"),
  ENTERPRISE("enterprise"),
  MID_MARKET("mid-market"),
  SCALED("scaled");

  private final String code;

  Segment(String code) {
    this.code = code;
  }

  @JsonValue
  public String code() {
    return code;
  }

  public static Optional<Segment> fromCode(String code) {
    return Arrays.stream(values()).filter(s -> s.code.equalsIgnoreCase(code == null ? "" : code.trim())).findFirst();
  }

  public static String codes() {
    return Arrays.stream(values()).map(Segment::code).collect(Collectors.joining(", "));
  }
}
