package io.csplaybooks.onboarding;

import io.csplaybooks.account.Segment;
import io.csplaybooks.security.Groups;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;

/** The onboarding playbook's process variables. */
public final class OnboardingVariables {

  public static final String PLAN_DECISION = "onboardingPlanDecision";
  public static final String SETUP_ITEMS = "setupItems";
  public static final String SETUP_ITEM = "setupItem";
  public static final String TRAINING_SESSIONS = "trainingSessions";
  public static final String TRAINING_CADENCE_DAYS = "trainingCadenceDays";
  public static final String FIRST_VALUE_DUE_DATE = "firstValueDueDate";
  public static final String CONTRACT_START = "contractStart";
  public static final String ALL_MILESTONES_DONE = "allMilestonesDone";
  // "Run training session" and "Confirm first value": what the CSM records.
  public static final String TRAINING_HELD_ON = "trainingHeldOn";
  public static final String TRAINING_ATTENDEES = "trainingAttendees";
  public static final String TRAINING_NOTES = "trainingNotes";
  public static final String FIRST_VALUE_REACHED_ON = "firstValueReachedOn";
  public static final String FIRST_VALUE_OUTCOME = "firstValueOutcome";
  // The onboarding-plan decision's input and output.
  public static final String SEGMENT = "segment";
  public static final String TIME_TO_VALUE_DAYS = "timeToValueDays";
  // What engineering and the CSM record on the other tasks (kept in the history).
  public static final String SETUP_NOTES = "setupNotes";
  public static final String UNBLOCK_NOTES = "unblockNotes";
  public static final String TIME_TO_VALUE_REVIEW = "timeToValueReview";
  // The success plan form's row counts (its dynamic lists are SuccessPlanForm's).
  public static final String PLAN_KPIS_ROWS = "planKpisRows";
  public static final String PLAN_MILESTONES_ROWS = "planMilestonesRows";

  /** The values each variable (or a list's row field) may hold, where a decision table or a form compares them. */
  public static final Map<String, List<String>> VALUE_SETS = Map.of(
      SEGMENT, Arrays.stream(Segment.values()).map(Segment::code).toList(),
      "planMilestones.ownerTeam", Groups.TEAMS,
      "planMilestones.status", List.of(SuccessPlan.Milestone.OPEN, SuccessPlan.Milestone.DONE));

  private OnboardingVariables() {}

  /** The technical requirements engineering sets up, one task each: a list the BPMN runs over, stored as JSON. */
  public static TypedValue setupItems(List<String> requirements) {
    return Variables.objectValue(new ArrayList<>(requirements))
        .serializationDataFormat(Variables.SerializationDataFormats.JSON).create();
  }
}
