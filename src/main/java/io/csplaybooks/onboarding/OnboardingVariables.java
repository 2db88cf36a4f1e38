package io.csplaybooks.onboarding;

import java.util.ArrayList;
import java.util.List;
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

  private OnboardingVariables() {}

  /** The technical requirements engineering sets up, one task each: a list the BPMN runs over, stored as JSON. */
  public static TypedValue setupItems(List<String> requirements) {
    return Variables.objectValue(new ArrayList<>(requirements))
        .serializationDataFormat(Variables.SerializationDataFormats.JSON).create();
  }
}
