package io.csplaybooks.handoff;

import io.csplaybooks.account.Segment;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

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
  // The assign-csm decision: its inputs and its result.
  public static final String SEGMENT = "segment";
  public static final String REGION = "region";
  public static final String ARR = "arr";
  public static final String CS_POD_DECISION = "csPodDecision";
  // The start form ("Contract closed", as sales enters it) beside the brief's fields.
  public static final String CRM_ACCOUNT_ID = "crmAccountId";
  public static final String CONTRACT_START = "contractStart";
  public static final String CONTRACT_END = "contractEnd";
  public static final String PROMISED_ITEMS_ROWS = "promisedItemsRows";
  // What the CSM records on the handoff's tasks.
  public static final String KICKOFF_HELD_ON = "kickoffHeldOn";
  public static final String KICKOFF_NOTES = "kickoffNotes";
  public static final String FOLLOW_UP_NOTES = "followUpNotes";
  public static final String EXPANSION_NOTES = "expansionNotes";

  /** The regions the start form offers and the assign-csm table routes. */
  public static final List<String> REGIONS = List.of("AMER", "EMEA", "APAC");

  /** The values each variable may hold, where the BPMN, a decision table or a form compares them. */
  public static final Map<String, List<String>> VALUE_SETS = Map.of(
      SEGMENT, Arrays.stream(Segment.values()).map(Segment::code).toList(),
      REGION, REGIONS);

  private HandoffVariables() {}
}
