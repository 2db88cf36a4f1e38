package io.csplaybooks.intervention;

import io.csplaybooks.playbook.PlaybookEvent;
import io.csplaybooks.playbook.PlaybookVariables;
import io.csplaybooks.security.Groups;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The churn-intervention playbook's contract: every process variable its BPMN, forms and steps
 * share, the events it hears, and the values its gateways and forms compare. The shared ids are
 * {@link io.csplaybooks.playbook.PlaybookVariables}; {@code PlaybookContractTest} checks this class
 * against bpmn/churn-intervention.bpmn and the forms its tasks use.
 */
public final class InterventionVariables {

  /** Why the account is at risk: what "AccountAtRisk" carries (none when health turned red). */
  public static final String RISK_REASON = "riskReason";
  /** The alarm that joined an open save play: what "InterventionTriggered" carries. */
  public static final String LAST_TRIGGER = "lastTrigger";
  public static final String JOINED_OPEN = "joinedOpenIntervention";
  public static final String HEALTH_RECOVERED = "healthRecovered";
  public static final String MAX_CHECKS_REACHED = "maxChecksReached";
  /** How the save play ended, under the name every playbook records it by. */
  public static final String OUTCOME = PlaybookVariables.OUTCOME;
  /** How a path of the save play ends ({@link #RESULTS}), set on the "Record outcome" step. */
  public static final String RESULT = "result";

  // "Diagnose risk": the reasons are checkboxes (REASON_FIELDS), what engineering and product get.
  public static final String BUG_LIST = "bugList";
  public static final String MISSING_FEATURE = "missingFeature";
  public static final String DIAGNOSIS_NOTES = "diagnosisNotes";
  /** The routes the diagnosis opens, one yes/no each: routeBugs, routeFeature, ... */
  public static final List<String> ROUTES = Arrays.stream(RiskReason.Route.values())
      .map(RiskReason.Route::variable).toList();
  /** The diagnosis form's checkboxes, one per risk reason: reasonLowAdoption, ... */
  public static final List<String> REASON_FIELDS = Arrays.stream(RiskReason.values()).map(RiskReason::formField)
      .toList();

  // What the save play's tasks show, filled when each task is created.
  public static final String HEALTH = "health";
  public static final String TRIGGER = "trigger";
  public static final String DIAGNOSED_REASONS = "diagnosedReasons";
  public static final String DIAGNOSED_BUGS = "diagnosedBugs";
  public static final String DIAGNOSED_FEATURE = "diagnosedFeature";
  public static final String DIAGNOSED_NOTES = "diagnosedNotes";

  // What the teams record on their tasks (kept in the history).
  public static final String AT_RISK_DECISION = "atRiskDecision";
  public static final String DECISION_NOTES = "decisionNotes";
  public static final String FEATURE_DECISION = "featureDecision";
  public static final String FEATURE_NOTES = "featureNotes";
  public static final String BUG_FIX_NOTES = "bugFixNotes";
  public static final String ALIGNMENT_NOTES = "alignmentNotes";
  public static final String SPONSOR_NOTES = "sponsorNotes";
  public static final String ENABLEMENT_NOTES = "enablementNotes";
  public static final String CHASE_NOTES = "chaseNotes";

  /** A CS manager's decision on an account still at risk. */
  public static final class AtRiskDecision {
    public static final String CONTINUE = "continue";
    public static final String ESCALATE = "escalate";
    public static final String ACCEPT = "accept";

    private AtRiskDecision() {}
  }

  /** How a save play ends. */
  public static final class Result {
    public static final String SAVED = "saved";
    public static final String ACCEPTED = "accepted";
    public static final String CHURNED = "churned";

    private Result() {}
  }

  public static final List<String> AT_RISK_DECISIONS = List.of(AtRiskDecision.CONTINUE, AtRiskDecision.ESCALATE,
      AtRiskDecision.ACCEPT);
  public static final List<String> FEATURE_DECISIONS = List.of("roadmap", "workaround", "not-planned");
  public static final List<String> RESULTS = List.of(Result.SAVED, Result.ACCEPTED, Result.CHURNED);

  /** The values each variable may hold, where the BPMN or a form compares them. */
  public static final Map<String, List<String>> VALUE_SETS = Map.of(
      AT_RISK_DECISION, AT_RISK_DECISIONS,
      FEATURE_DECISION, FEATURE_DECISIONS,
      RESULT, RESULTS,
      CorrectiveActions.FIELD + ".ownerTeam", Groups.TEAMS);

  /** The events the save play waits for. */
  public static final List<PlaybookEvent> HEARS = List.of(PlaybookEvent.ACCOUNT_AT_RISK,
      PlaybookEvent.HEALTH_TURNED_RED, PlaybookEvent.INTERVENTION_TRIGGERED, PlaybookEvent.ACCOUNT_CHURNED);

  private InterventionVariables() {}

  /** The "Diagnose risk" form's checkbox for a risk reason ({@code low-adoption}: {@code reasonLowAdoption}). */
  public static String reasonField(String reasonCode) {
    return RiskReason.fromCode(reasonCode)
        .orElseThrow(() -> new IllegalArgumentException("no risk reason " + reasonCode)).formField();
  }
}
