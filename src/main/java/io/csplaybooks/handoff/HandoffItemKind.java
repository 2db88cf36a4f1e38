package io.csplaybooks.handoff;

/** The lists a brief is made of, as stored in handoff_item.kind. */
enum HandoffItemKind {
  BUSINESS_GOAL("business-goal"),
  SUCCESS_CRITERION("success-criterion"),
  USE_CASE("use-case"),
  TECHNICAL_REQUIREMENT("technical-requirement"),
  PROMISED_ITEM("promised-item"),
  KNOWN_RISK("known-risk");

  private final String code;

  HandoffItemKind(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
