package io.csplaybooks.renewal;

import io.csplaybooks.account.Segment;
import io.csplaybooks.playbook.PlaybookEvent;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The renewal playbook's contract: every process variable its BPMN, forms and steps share, the
 * events it hears, and the values its gateways, decision table and forms compare. The shared ids
 * ({@code contractId}, {@code renewalId}) are {@link io.csplaybooks.playbook.PlaybookVariables}.
 * {@code PlaybookContractTest} checks this class against bpmn/renewal.bpmn, renewal-owner.dmn and the
 * forms its tasks use.
 */
public final class RenewalVariables {

  /** The renewal of this contract term is already running (a second start ends at once). */
  public static final String ALREADY_RENEWING = "alreadyRenewing";
  public static final String RENEWAL_DATE = "renewalDate";
  public static final String RENEWAL_WINDOW_OPENS = "renewalWindowOpens";
  /** {@link #RISKS}: what "Score renewal risk" wrote, what the BPMN compares with "high". */
  public static final String RENEWAL_RISK = "renewalRisk";
  /** The renewal-owner decision's output: {@link #OWNER_ROLES}. */
  public static final String OWNER_ROLE = "ownerRole";
  public static final String RENEWAL_OWNER = "renewalOwner";
  /** The decision table's input, the account's segment. */
  public static final String SEGMENT = "segment";
  /** Days before the renewal date of a forecast checkpoint (the multi-instance's element). */
  public static final String DAYS_BEFORE = "daysBefore";
  public static final String FORECAST = "forecast";
  public static final String FORECAST_NOTES = "forecastNotes";
  public static final String CHASE_NOTES = "chaseNotes";
  public static final String RENEWAL_OUTCOME = "renewalOutcome";
  public static final String NEW_ARR = "newArr";

  /** The forecast a renewal owner gives at each checkpoint. */
  public static final class Forecast {
    public static final String COMMIT = "commit";
    public static final String LIKELY = "likely";
    public static final String AT_RISK = "at-risk";
    public static final String LOST = "lost";

    private Forecast() {}
  }

  /** How the renewal ended. */
  public static final class Outcome {
    public static final String RENEWED = "renewed";
    public static final String EXPANDED = "expanded";
    public static final String CONTRACTED = "contracted";
    public static final String CHURNED = "churned";

    private Outcome() {}
  }

  /** Who owns the renewal (the renewal-owner decision's output). */
  public static final class OwnerRole {
    public static final String CSM = "csm";
    public static final String ACCOUNT_EXECUTIVE = "account-executive";
    public static final String ACCOUNT_MANAGER = "account-manager";

    private OwnerRole() {}
  }

  public static final List<String> FORECASTS = List.of(Forecast.COMMIT, Forecast.LIKELY, Forecast.AT_RISK,
      Forecast.LOST);
  public static final List<String> OUTCOMES = List.of(Outcome.RENEWED, Outcome.EXPANDED, Outcome.CONTRACTED,
      Outcome.CHURNED);
  public static final List<String> OWNER_ROLES = List.of(OwnerRole.CSM, OwnerRole.ACCOUNT_EXECUTIVE,
      OwnerRole.ACCOUNT_MANAGER);
  public static final List<String> RISKS = Arrays.stream(RenewalRisk.Level.values()).map(RenewalVariables::risk)
      .toList();

  /** The values each variable may hold, where the BPMN, a decision table or a form compares them. */
  public static final Map<String, List<String>> VALUE_SETS = Map.of(
      RENEWAL_RISK, RISKS,
      FORECAST, FORECASTS,
      RENEWAL_OUTCOME, OUTCOMES,
      OWNER_ROLE, OWNER_ROLES,
      SEGMENT, Arrays.stream(Segment.values()).map(Segment::code).toList());

  /** The events the renewal waits for (its start, and its end by churn). */
  public static final List<PlaybookEvent> HEARS = List.of(PlaybookEvent.CONTRACT_TERM_STARTED,
      PlaybookEvent.ACCOUNT_CHURNED);

  private RenewalVariables() {}

  /** A risk level as the process variable and the renewal's row hold it: low, medium, high. */
  public static String risk(RenewalRisk.Level level) {
    return level.name().toLowerCase(Locale.ROOT);
  }

  /** "a, b, c or d", for a refusal that names the accepted values. */
  static String oneOf(List<String> values) {
    return String.join(", ", values.subList(0, values.size() - 1)) + " or " + values.get(values.size() - 1);
  }
}
