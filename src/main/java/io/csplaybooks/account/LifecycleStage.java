package io.csplaybooks.account;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a customer is in its life, and the moves allowed between the stages, declared here and
 * nowhere else. Churned is final until a new contract wins the customer back (a new handoff).
 */
public enum LifecycleStage {
  HANDOFF("handoff"),
  ONBOARDING("onboarding"),
  ADOPTION("adoption"),
  RENEWAL("renewal"),
  AT_RISK("at-risk"),
  CHURNED("churned");

  private static final Map<LifecycleStage, Set<LifecycleStage>> MOVES = Map.of(
      HANDOFF, EnumSet.of(ONBOARDING, AT_RISK, CHURNED),
      ONBOARDING, EnumSet.of(ADOPTION, AT_RISK, CHURNED),
      ADOPTION, EnumSet.of(RENEWAL, AT_RISK, CHURNED),
      RENEWAL, EnumSet.of(ADOPTION, AT_RISK, CHURNED),
      // A save play that saved the account returns it to where it was.
      AT_RISK, EnumSet.of(HANDOFF, ONBOARDING, ADOPTION, RENEWAL, CHURNED),
      CHURNED, EnumSet.of(HANDOFF));

  private final String code;

  LifecycleStage(String code) {
    this.code = code;
  }

  @JsonValue
  public String code() {
    return code;
  }

  public boolean canMoveTo(LifecycleStage to) {
    return MOVES.get(this).contains(to);
  }

  public static LifecycleStage fromCode(String code) {
    return Arrays.stream(values())
        .filter(s -> s.code.equals(code))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown lifecycle stage " + code));
  }
}
