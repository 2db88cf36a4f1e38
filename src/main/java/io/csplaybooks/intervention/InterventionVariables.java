package io.csplaybooks.intervention;

import io.csplaybooks.playbook.PlaybookVariables;

/** The churn-intervention playbook's process variables. */
final class InterventionVariables {

  static final String RISK_REASON = "riskReason";
  static final String JOINED_OPEN = "joinedOpenIntervention";
  static final String HEALTH_RECOVERED = "healthRecovered";
  static final String MAX_CHECKS_REACHED = "maxChecksReached";
  /** How the save play ended, under the name every playbook records it by. */
  static final String OUTCOME = PlaybookVariables.OUTCOME;

  private InterventionVariables() {}
}
