package io.csplaybooks.playbook;

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

  public String businessKey() {
    return String.valueOf(value);
  }
}
