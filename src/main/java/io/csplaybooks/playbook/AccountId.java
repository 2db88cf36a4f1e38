package io.csplaybooks.playbook;

import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The account a playbook runs for. It is the playbook's business key (the handoff's is its
 * contract), and every event about an account carries it as the variable {@value #VARIABLE}.
 */
public record AccountId(long value) {

  public static final String VARIABLE = "accountId";

  public static AccountId of(Object value) {
    if (value instanceof Number number) {
      return new AccountId(number.longValue());
    }
    throw new IllegalArgumentException("not an account id: " + value);
  }

  /** The account of the playbook, task or execution in hand. */
  public static AccountId from(VariableScope scope) {
    return of(scope.getVariable(VARIABLE));
  }

  public String businessKey() {
    return String.valueOf(value);
  }
}
