package io.csplaybooks.advocacy;

import io.csplaybooks.playbook.PlaybookEvent;
import java.util.List;
import java.util.Map;

/**
 * The advocacy playbook's contract: every process variable its BPMN, forms and steps share, the
 * events it hears, and the values its gateways and forms compare ({@code PlaybookContractTest}
 * checks it against bpmn/advocacy.bpmn and the forms its tasks use).
 */
public final class AdvocacyVariables {

  /** A green promoter with a CSM, not asked lately and not in a save play. */
  public static final String ADVOCATE_CANDIDATE = "advocateCandidate";
  public static final String ADVOCACY_ANSWER = "advocacyAnswer";
  public static final String ADVOCACY_KIND = "advocacyKind";
  public static final String ADVOCACY_NOTES = "advocacyNotes";
  public static final String STORY_NOTES = "storyNotes";

  /** The customer's answer to the ask. */
  public static final class Answer {
    public static final String AGREED = "agreed";
    public static final String DECLINED = "declined";
    public static final String LATER = "later";

    private Answer() {}
  }

  public static final List<String> ANSWERS = List.of(Answer.AGREED, Answer.DECLINED, Answer.LATER);
  /** What a customer who agreed will do. */
  public static final List<String> KINDS = List.of("reference", "testimonial", "case-study");

  /** The values each variable may hold, where the BPMN or a form compares them. */
  public static final Map<String, List<String>> VALUE_SETS = Map.of(
      ADVOCACY_ANSWER, ANSWERS,
      ADVOCACY_KIND, KINDS);

  /** The events the advocacy playbook waits for. */
  public static final List<PlaybookEvent> HEARS = List.of(PlaybookEvent.PROMOTER_ANSWERED,
      PlaybookEvent.ACCOUNT_CHURNED);

  private AdvocacyVariables() {}
}
