package io.csplaybooks.account;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A contract term; its end date is the renewal date. Its ARR is in its ISO 4217 currency (the
 * account's). A renewal term names the contract it replaces.
 */
public record Contract(String contractId, long accountId, LocalDate startDate, LocalDate endDate, BigDecimal arr,
    ContractKind kind, String currency, String replaces) {

  /** The next term of this contract. */
  public Contract renewedAs(String contractId, LocalDate startDate, LocalDate endDate, BigDecimal arr) {
    return new Contract(contractId, accountId, startDate, endDate, arr, ContractKind.RENEWAL, currency, this.contractId);
  }
}
