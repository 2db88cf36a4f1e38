package io.csplaybooks.playbook;

import java.util.Arrays;
import java.util.List;

/**
 * Every business event between the playbooks, declared once: the BPMN message, who sends it and
 * which playbooks listen. {@link PlaybookEvents} is the only class that sends them, and deploy-time
 * validation refuses a playbook that waits for a message not in this list (it would wait forever).
 * Add the event here when new code sends a new one.
 */
public enum PlaybookEvent {

  CONTRACT_CLOSED("ContractClosed", "a closed deal: POST /api/handoffs", List.of("sales-handoff")),
  CONTRACT_EXPANDED("ContractExpanded", "an add-on (upsell, cross-sell) for a customer: POST /api/handoffs",
      List.of("expansion-handoff")),
  CONTRACT_TERM_STARTED("ContractTermStarted",
      "sales-handoff (a new contract), expansion-handoff (an add-on), renewal (the next term)",
      List.of("renewal")),
  KICKOFF_HELD("KickoffHeld", "sales-handoff, once the CSM held the kickoff", List.of("onboarding")),
  ONBOARDING_COMPLETED("OnboardingCompleted", "onboarding, at first value with every milestone done",
      List.of("qbr-cycle")),
  ACCOUNT_AT_RISK("AccountAtRisk", "a CSM's flag (POST /api/accounts/{id}/risk), onboarding stalled at 90 days",
      List.of("churn-intervention")),
  HEALTH_TURNED_RED("HealthTurnedRed", "health scoring", List.of("churn-intervention")),
  INTERVENTION_TRIGGERED("InterventionTriggered", "churn-intervention, when another alarm joins the open save play",
      List.of("churn-intervention")),
  PROMOTER_ANSWERED("PromoterAnswered", "signals intake, for an NPS of 9 or 10", List.of("advocacy")),
  ACCOUNT_CHURNED("AccountChurned", "a CS manager (POST /api/accounts/{id}/churn), renewal lost, save play lost",
      List.of("sales-handoff", "expansion-handoff", "onboarding", "churn-intervention", "renewal", "qbr-cycle",
          "advocacy", "one-off-task", "quiet-churn"));

  private final String message;
  private final String sentBy;
  private final List<String> heardBy;

  PlaybookEvent(String message, String sentBy, List<String> heardBy) {
    this.message = message;
    this.sentBy = sentBy;
    this.heardBy = heardBy;
  }

  /** The BPMN message name. */
  public String message() {
    return message;
  }

  public String sentBy() {
    return sentBy;
  }

  /** The playbooks (process keys) that start with it or wait for it. */
  public List<String> heardBy() {
    return heardBy;
  }

  /** Every message name the application sends. */
  public static List<String> messages() {
    return Arrays.stream(values()).map(PlaybookEvent::message).toList();
  }
}
