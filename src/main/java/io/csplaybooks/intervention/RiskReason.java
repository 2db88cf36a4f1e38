package io.csplaybooks.intervention;

import java.util.Arrays;
import java.util.Optional;

/** Why an account is at risk, and which team owns the cause. */
enum RiskReason {
  LOW_ADOPTION("low-adoption", Route.ENABLEMENT),
  PRODUCT_BUGS("product-bugs", Route.BUGS),
  MISSING_FEATURE("missing-feature", Route.FEATURE),
  CHAMPION_LEFT("champion-left", Route.RELATIONSHIP),
  BUDGET_CUT("budget-cut", Route.RELATIONSHIP),
  COMPETITOR("competitor", Route.RELATIONSHIP),
  POOR_ONBOARDING("poor-onboarding", Route.ENABLEMENT),
  SUPPORT_EXPERIENCE("support-experience", Route.ENABLEMENT);

  /** The work a reason starts: engineering, product, sales and sponsor, or the CSM's enablement plan. */
  public enum Route {
    BUGS("routeBugs"), FEATURE("routeFeature"), RELATIONSHIP("routeRelationship"), ENABLEMENT("routeEnablement");

    private final String variable;

    Route(String variable) {
      this.variable = variable;
    }

    public String variable() {
      return variable;
    }
  }

  private final String code;
  private final Route route;

  RiskReason(String code, Route route) {
    this.code = code;
    this.route = route;
  }

  public String code() {
    return code;
  }

  public Route route() {
    return route;
  }

  /** The form's checkbox for this reason, e.g. reasonProductBugs. */
  public String formField() {
    String camel = Arrays.stream(code.split("-")).map(p -> Character.toUpperCase(p.charAt(0)) + p.substring(1))
        .reduce("", String::concat);
    return "reason" + camel;
  }

  public static Optional<RiskReason> fromCode(String code) {
    return Arrays.stream(values()).filter(r -> r.code.equals(code)).findFirst();
  }
}
