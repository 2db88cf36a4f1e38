package io.csplaybooks.intervention;

/** The churn-intervention playbook's process variables. */
final class InterventionVariables {

  static final String RISK_REASON = "riskReason";
  static final String JOINED_OPEN = "joinedOpenIntervention";
  static final String HEALTH_RECOVERED = "healthRecovered";
  static final String MAX_CHECKS_REACHED = "maxChecksReached";
  static final String OUTCOME = "outcome";

  private InterventionVariables() {}
}
