package io.csplaybooks.handoff;

/** The handoff playbook's process variables: identifiers and what its gateways read. */
public final class HandoffVariables {

  public static final String HANDOFF_ID = "handoffId";
  public static final String CONTRACT_ID = "contractId";
  public static final String ACCOUNT_EXECUTIVE = "accountExecutive";
  public static final String KICKOFF_DUE_DATE = "kickoffDueDate";
  public static final String BRIEF_SCORE = "briefScore";
  public static final String BRIEF_COMPLETE = "briefComplete";
  public static final String BRIEF_MISSING = "briefMissing";
  public static final String CS_POD = "csPod";
  public static final String REVIEW_REQUIRED = "reviewRequired";
  public static final String CSM_ID = "csmId";

  private HandoffVariables() {}
}
