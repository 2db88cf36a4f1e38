package io.csplaybooks.feedback;

import com.fasterxml.jackson.annotation.JsonValue;
import io.csplaybooks.security.Groups;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a customer told us, and the team that owns it: bugs to engineering, the rest to product. */
public enum FeedbackKind {
  BUG("bug", Groups.ENGINEERING),
  FEATURE_REQUEST("feature-request", Groups.PRODUCT),
  USABILITY("usability", Groups.PRODUCT);

  private final String code;
  private final String team;

  FeedbackKind(String code, String team) {
    this.code = code;
    this.team = team;
  }

  @JsonValue
  public String code() {
    return code;
  }

  public String team() {
    return team;
  }

  public static Optional<FeedbackKind> fromCode(String code) {
    return Arrays.stream(values()).filter(k -> k.code.equalsIgnoreCase(code == null ? "" : code.trim())).findFirst();
  }

  public static String codes() {
    return Arrays.stream(values()).map(FeedbackKind::code).collect(Collectors.joining(", "));
  }
}
