package io.csplaybooks.trigger;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a trigger watches, with the numbers each kind reads ({@link TriggerCondition}): the kinds a CS
 * team asks for ("health turned yellow", "usage down 20 %", "45 days before renewal").
 */
public enum TriggerKind {
  /** Health fell into the band or a worse one (yellow: yellow or red). */
  HEALTH_BAND("health-band", Set.of("band")),
  /** The score fell {@code points} or more below its highest of the last {@code days} days. */
  SCORE_DROP("score-drop", Set.of("points", "days")),
  /** Usage (active users per seat) down {@code percent} % or more against {@code days} (30) days ago. */
  USAGE_DROP("usage-drop", Set.of("percent", "days")),
  /** The latest NPS answer of the last {@code days} (30) days is a detractor's (0-6). */
  NPS_DETRACTOR("nps-detractor", Set.of("days")),
  /** An open renewal is {@code days} days away or nearer. */
  RENEWAL_NEAR("renewal-near", Set.of("days")),
  /** No call or meeting for {@code days} days. */
  NO_CONTACT("no-contact", Set.of("days")),
  /** The champion or executive sponsor ({@code role}) changed or left in the last {@code days} (30) days. */
  STAKEHOLDER_CHANGED("stakeholder-changed", Set.of("role", "days"));

  private final String code;
  private final Set<String> parameters;

  TriggerKind(String code, Set<String> parameters) {
    this.code = code;
    this.parameters = parameters;
  }

  @JsonValue
  public String code() {
    return code;
  }

  /** The numbers and words of a condition this kind reads. */
  public Set<String> parameters() {
    return parameters;
  }

  public static Optional<TriggerKind> fromCode(String code) {
    return Arrays.stream(values()).filter(k -> k.code.equals(code == null ? "" : code.trim())).findFirst();
  }

  public static String codes() {
    return Arrays.stream(values()).map(TriggerKind::code).collect(Collectors.joining(", "));
  }
}
