package io.csplaybooks.health;

import com.fasterxml.jackson.annotation.JsonValue;

public enum HealthBand {
  RED("red"),
  YELLOW("yellow"),
  GREEN("green");

  private final String code;

  HealthBand(String code) {
    this.code = code;
  }

  @JsonValue
  public String code() {
    return code;
  }

  public static HealthBand fromCode(String code) {
    for (HealthBand band : values()) {
      if (band.code.equals(code)) {
        return band;
      }
    }
    throw new IllegalArgumentException("unknown band " + code);
  }
}
