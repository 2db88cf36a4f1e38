package io.csplaybooks.playbook;

import java.util.Set;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The process variables playbooks share, typed. The ids a playbook works on are set by the
 * application's steps from the business key and its own tables; no form may have a field of those
 * names ({@link #PROTECTED}), so nobody who completes a task can point the playbook at another
 * customer, contract or renewal. The account id is {@link AccountId}.
 */
public final class PlaybookVariables {

  public static final String HANDOFF_ID = "handoffId";
  public static final String CONTRACT_ID = "contractId";
  public static final String RENEWAL_ID = "renewalId";
  public static final String INTERVENTION_ID = "interventionId";
  public static final String FEEDBACK_ITEM_ID = "feedbackItemId";
  /** The account's CSM, as a playbook assigns its tasks. */
  public static final String CSM_ID = "csmId";
  /** The account executive (sales) of the account. */
  public static final String ACCOUNT_EXECUTIVE = "accountExecutive";
  /** Why the account churned: what "AccountChurned" carries to every playbook of the account. */
  public static final String CHURN_REASON = "churnReason";
  /** The account's name, which every task of a playbook shows (set task-local when the task is created). */
  public static final String ACCOUNT_NAME = "accountName";
  /** How a playbook ended, for those that record it (a save play, a renewal): the studio's figures count it. */
  public static final String OUTCOME = "outcome";

  /** Variables only the application sets. */
  public static final Set<String> PROTECTED = Set.of(AccountId.VARIABLE, HANDOFF_ID, CONTRACT_ID, RENEWAL_ID,
      INTERVENTION_ID, FEEDBACK_ITEM_ID, "qbrRound", "bugIds", "productFeedbackIds");

  /** The contract id is what sales enters to open a handoff: a start form may ask for it, a task form may not. */
  public static final Set<String> START_INPUTS = Set.of(CONTRACT_ID);

  private PlaybookVariables() {}

  public static long handoffId(VariableScope scope) {
    return longValue(scope, HANDOFF_ID);
  }

  public static long renewalId(VariableScope scope) {
    return longValue(scope, RENEWAL_ID);
  }

  public static long interventionId(VariableScope scope) {
    return longValue(scope, INTERVENTION_ID);
  }

  public static long feedbackItemId(VariableScope scope) {
    return longValue(scope, FEEDBACK_ITEM_ID);
  }

  /** A whole-number variable, however the engine stored it (integer or long). */
  public static long longValue(VariableScope scope, String name) {
    return number(scope.getVariable(name), name).longValue();
  }

  public static int intValue(VariableScope scope, String name) {
    return number(scope.getVariable(name), name).intValue();
  }

  /** A number from a variable or a decision's result, named in the error when it is not one. */
  public static Number number(Object value, String name) {
    if (value instanceof Number number) {
      return number;
    }
    throw new IllegalStateException(value == null ? "the playbook has no '" + name + "'"
        : "'" + name + "' is not a number: " + value);
  }
}
