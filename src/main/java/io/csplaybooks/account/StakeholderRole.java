package io.csplaybooks.account;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

public enum StakeholderRole {
  CHAMPION("champion"),
  EXECUTIVE_SPONSOR("executive-sponsor"),
  ADMIN("admin"),
  USER("user");

  private final String code;

  StakeholderRole(String code) {
    this.code = code;
  }

  @JsonValue
  public String code() {
    return code;
  }

  public static Optional<StakeholderRole> fromCode(String code) {
    return Arrays.stream(values()).filter(r -> r.code.equalsIgnoreCase(code == null ? "" : code.trim())).findFirst();
  }

  public static String codes() {
    return Arrays.stream(values()).map(StakeholderRole::code).collect(Collectors.joining(", "));
  }
}
