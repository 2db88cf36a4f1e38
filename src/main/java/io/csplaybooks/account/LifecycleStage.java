package io.csplaybooks.account;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

public enum LifecycleStage {
  HANDOFF("handoff"),
  ONBOARDING("onboarding"),
  ADOPTION("adoption"),
  RENEWAL("renewal"),
  AT_RISK("at-risk"),
  CHURNED("churned");

  private final String code;

  LifecycleStage(String code) {
    this.code = code;
  }

  @JsonValue
  public String code() {
    return code;
  }

  public static LifecycleStage fromCode(String code) {
    return Arrays.stream(values())
        .filter(s -> s.code.equals(code))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown lifecycle stage " + code));
  }
}
