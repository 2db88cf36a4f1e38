package io.csplaybooks.handoff;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A closed deal as the CRM (or a person in sales) sends it. {@code kind} is new-logo for a new
 * customer (the default) or upsell/cross-sell for one we serve (its {@code account.crmAccountId});
 * {@code currency} is ISO 4217 (default from configuration).
 */
public record HandoffRequest(
    String contractId,
    AccountDetails account,
    BigDecimal arr,
    LocalDate contractStart,
    LocalDate contractEnd,
    String accountExecutive,
    List<String> businessGoals,
    List<String> successCriteria,
    List<String> useCases,
    List<String> technicalRequirements,
    List<PromisedItem> promisedItems,
    List<String> knownRisks,
    List<BriefStakeholder> stakeholders,
    String kind,
    String currency) {

  public HandoffBrief brief() {
    return new HandoffBrief(
        orEmpty(businessGoals), orEmpty(successCriteria), orEmpty(useCases), orEmpty(technicalRequirements),
        orEmpty(promisedItems), orEmpty(knownRisks), orEmpty(stakeholders));
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
