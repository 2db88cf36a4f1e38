package io.csplaybooks.account;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a contract is in the customer's life. An amendment changes a contract; it is not one. */
public enum ContractKind {
  /** The first contract of a customer, or the contract that wins a churned customer back. */
  NEW_LOGO("new-logo"),
  /** More of what the customer has: seats, volume, a higher tier. */
  UPSELL("upsell"),
  /** Another product. */
  CROSS_SELL("cross-sell"),
  /** The next term of a contract, which it replaces. */
  RENEWAL("renewal");

  private final String code;

  ContractKind(String code) {
    this.code = code;
  }

  @JsonValue
  public String code() {
    return code;
  }

  public boolean isAddOn() {
    return this == UPSELL || this == CROSS_SELL;
  }

  public static Optional<ContractKind> fromCode(String code) {
    return Arrays.stream(values()).filter(k -> k.code.equals(code == null ? null : code.trim())).findFirst();
  }

  /** The kinds a CRM sends (a renewal term is made by the renewal playbook). */
  public static String salesCodes() {
    return Arrays.stream(values()).filter(k -> k != RENEWAL).map(ContractKind::code).collect(Collectors.joining(", "));
  }
}
