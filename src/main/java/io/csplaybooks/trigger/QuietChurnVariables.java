package io.csplaybooks.trigger;

import io.csplaybooks.playbook.PlaybookEvent;
import java.util.List;
import java.util.Map;

/**
 * The quiet churn play's contract: the variables its BPMN and forms share, the events it hears and the
 * values its form offers ({@code PlaybookContractTest} checks it against bpmn/quiet-churn.bpmn).
 */
public final class QuietChurnVariables {

  public static final String FINDING = "quietChurnFinding";
  public static final String ACTION = "quietChurnAction";
  public static final String FOLLOW_UP_NOTES = "followUpNotes";

  /** What the CSM decided after talking to the customer. */
  public static final List<String> ACTIONS = List.of("re-engage", "save-play", "no-risk");

  public static final Map<String, List<String>> VALUE_SETS = Map.of(ACTION, ACTIONS);

  /** The application's events it waits for. */
  public static final List<PlaybookEvent> HEARS = List.of(PlaybookEvent.ACCOUNT_CHURNED);
  /** The declared events it starts on or waits for: the shipped trigger "Quiet churn" (V23) sends QuietChurn. */
  public static final List<String> HEARS_DECLARED = List.of("QuietChurn");

  /** The element ids its Java and tests name. */
  public static final class Elements {
    public static final String REVIEW = "reviewQuietChurn";
    public static final String FOLLOW_UP = "followUpQuietChurn";

    private Elements() {}
  }

  private QuietChurnVariables() {}
}
