package io.csplaybooks.feedback;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The voice of the customer's contract: the variables of a feedback item's triage (the QBR cycle's
 * "Fix reported bug" and "Review product feedback", one task per item). The item's id is
 * {@link io.csplaybooks.playbook.PlaybookVariables#FEEDBACK_ITEM_ID}; the items come from the QBR
 * outcome's {@link #FEEDBACK_ITEMS} rows ({@link FeedbackLines#FIELDS}). {@code PlaybookContractTest}
 * checks it, with the QBR cycle's, against bpmn/qbr-cycle.bpmn and the forms.
 */
public final class FeedbackVariables {

  /** The QBR outcome's rows of feedback: kind, theme, description. */
  public static final String FEEDBACK_ITEMS = "feedbackItems";
  // What the triage task shows, filled when it is created, and what the team answers.
  public static final String FEEDBACK_KIND = "feedbackKind";
  public static final String FEEDBACK_THEME = "feedbackTheme";
  public static final String FEEDBACK_DESCRIPTION = "feedbackDescription";
  public static final String FEEDBACK_RESOLUTION = "feedbackResolution";

  /** The kinds of feedback ({@link FeedbackKind}). */
  public static final List<String> KINDS = Arrays.stream(FeedbackKind.values()).map(FeedbackKind::code).toList();

  /** The values each variable may hold, where the BPMN or a form compares them. */
  public static final Map<String, List<String>> VALUE_SETS = Map.of(FEEDBACK_KIND, KINDS,
      FEEDBACK_ITEMS + ".kind", KINDS);

  private FeedbackVariables() {}
}
