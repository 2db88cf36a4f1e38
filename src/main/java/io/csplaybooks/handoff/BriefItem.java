package io.csplaybooks.handoff;

import java.util.Arrays;
import java.util.Optional;

/** What a complete brief contains; each item carries a configured weight. */
public enum BriefItem {
  BUSINESS_GOALS("business-goals", "business goals"),
  SUCCESS_CRITERIA("success-criteria", "success criteria"),
  CHAMPION("champion", "champion (name and email)"),
  EXECUTIVE_SPONSOR("executive-sponsor", "executive sponsor (name and email)"),
  USE_CASES("use-cases", "use cases"),
  TECHNICAL_REQUIREMENTS("technical-requirements", "technical requirements"),
  KNOWN_RISKS("known-risks", "known risks (write \"none known\" if there are none)");

  private final String code;
  private final String label;

  BriefItem(String code, String label) {
    this.code = code;
    this.label = label;
  }

  public String code() {
    return code;
  }

  /** How the item is named to the account executive who has to supply it. */
  public String label() {
    return label;
  }

  public static Optional<BriefItem> fromCode(String code) {
    return Arrays.stream(values()).filter(i -> i.code.equals(code)).findFirst();
  }
}
