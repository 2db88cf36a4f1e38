package io.csplaybooks.handoff;

/** The handoff playbook's own process variables: what its gateways read. The shared ids are {@link io.csplaybooks.playbook.PlaybookVariables}. */
public final class HandoffVariables {

  public static final String KICKOFF_DUE_DATE = "kickoffDueDate";
  public static final String BRIEF_SCORE = "briefScore";
  public static final String BRIEF_COMPLETE = "briefComplete";
  public static final String BRIEF_MISSING = "briefMissing";
  public static final String CS_POD = "csPod";
  public static final String REVIEW_REQUIRED = "reviewRequired";
  // What the handoff's tasks show beside the brief (BriefForm's fields), filled when each task is created.
  public static final String ACCOUNT_SUMMARY = "accountSummary";
  public static final String CONTRACT_TERM = "contractTerm";
  public static final String ACCOUNT_EXECUTIVE_NAME = "accountExecutiveName";

  private HandoffVariables() {}
}
