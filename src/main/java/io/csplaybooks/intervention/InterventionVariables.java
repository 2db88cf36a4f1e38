package io.csplaybooks.intervention;

import io.csplaybooks.playbook.AccountId;

/** The churn-intervention playbook's process variables. */
final class InterventionVariables {

  static final String INTERVENTION_ID = "interventionId";
  static final String RISK_REASON = "riskReason";
  static final String JOINED_OPEN = "joinedOpenIntervention";
  static final String CSM_ID = "csmId";
  static final String ACCOUNT_EXECUTIVE = "accountExecutive";
  static final String HEALTH_RECOVERED = "healthRecovered";
  static final String MAX_CHECKS_REACHED = "maxChecksReached";
  static final String OUTCOME = "outcome";

  private InterventionVariables() {}

  static long accountId(org.camunda.bpm.engine.delegate.VariableScope scope) {
    return AccountId.from(scope).value();
  }

  static long interventionId(org.camunda.bpm.engine.delegate.VariableScope scope) {
    return ((Number) scope.getVariable(INTERVENTION_ID)).longValue();
  }
}
