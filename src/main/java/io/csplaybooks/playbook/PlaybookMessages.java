package io.csplaybooks.playbook;

import java.util.List;

/**
 * The business events this application sends, as BPMN message names. A playbook may wait for one of
 * these (a message start or catch event); a message that nothing sends would leave it waiting
 * forever, so deploy-time validation refuses it. Add the name here when new code sends a new event.
 */
public final class PlaybookMessages {

  /** A contract closed in the CRM: POST /api/handoffs. */
  public static final String CONTRACT_CLOSED = "ContractClosed";
  /** The CSM held the kickoff: the handoff starts onboarding. */
  public static final String KICKOFF_HELD = "KickoffHeld";
  /** Onboarding reached first value with every milestone done. */
  public static final String ONBOARDING_COMPLETED = "OnboardingCompleted";
  /** An account became at risk: onboarding stalled, or a CSM flagged it (POST /api/accounts/{id}/risk). */
  public static final String ACCOUNT_AT_RISK = "AccountAtRisk";
  /** An account's health band fell into red (health scoring). */
  public static final String HEALTH_TURNED_RED = "HealthTurnedRed";
  /** Another alarm for an account already in a save play joins the open one. */
  public static final String INTERVENTION_TRIGGERED = "InterventionTriggered";
  /** A customer answered NPS 9 or 10 (signals intake). */
  public static final String PROMOTER_ANSWERED = "PromoterAnswered";

  /** A contract term started (a closed deal or a renewal): its renewal playbook starts. */
  public static final String CONTRACT_TERM_STARTED = "ContractTermStarted";
  /**
   * The account churned, at renewal or as a CS manager recorded it (POST /api/accounts/{id}/churn):
   * its QBR cycle ends.
   */
  public static final String ACCOUNT_CHURNED = "AccountChurned";

  public static final List<String> SENT = List.of(CONTRACT_CLOSED, KICKOFF_HELD, ONBOARDING_COMPLETED, ACCOUNT_AT_RISK,
      HEALTH_TURNED_RED, INTERVENTION_TRIGGERED, PROMOTER_ANSWERED, CONTRACT_TERM_STARTED, ACCOUNT_CHURNED);

  private PlaybookMessages() {}
}
