package io.csplaybooks.activity;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What kind of conversation with the customer an activity was. */
public enum ActivityKind {
  NOTE("note", false),
  CALL("call", true),
  MEETING("meeting", true),
  EMAIL("email", false);

  public static final List<String> CODES = Arrays.stream(values()).map(ActivityKind::code).toList();

  private final String code;
  private final boolean contact;

  ActivityKind(String code, boolean contact) {
    this.code = code;
    this.contact = contact;
  }

  @JsonValue
  public String code() {
    return code;
  }

  /**
   * Whether it is contact with the customer for the health score's engagement measure ("last
   * contact"): a call or a meeting is a conversation; a note is the CSM's own, and an email may never
   * have been answered.
   */
  public boolean contact() {
    return contact;
  }

  public static Optional<ActivityKind> of(String code) {
    return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst();
  }
}
