package io.csplaybooks.handoff;

import java.util.List;
import java.util.Optional;

/** What sales hands to CS so the customer never has to ask "what now?". */
public record HandoffBrief(
    List<String> businessGoals,
    List<String> successCriteria,
    List<String> useCases,
    List<String> technicalRequirements,
    List<PromisedItem> promisedItems,
    List<String> knownRisks,
    List<BriefStakeholder> stakeholders) {

  public HandoffBrief {
    businessGoals = clean(businessGoals);
    successCriteria = clean(successCriteria);
    useCases = clean(useCases);
    technicalRequirements = clean(technicalRequirements);
    knownRisks = clean(knownRisks);
    promisedItems = promisedItems == null ? List.of() : List.copyOf(promisedItems);
    stakeholders = stakeholders == null ? List.of() : List.copyOf(stakeholders);
  }

  public HandoffBrief withStakeholders(List<BriefStakeholder> others) {
    return new HandoffBrief(businessGoals, successCriteria, useCases, technicalRequirements, promisedItems, knownRisks,
        others);
  }

  public Optional<BriefStakeholder> inRole(String role) {
    return stakeholders.stream().filter(s -> role.equals(s.role())).findFirst();
  }

  private static List<String> clean(List<String> items) {
    return items == null ? List.of() : items.stream().filter(i -> i != null && !i.isBlank()).map(String::trim).toList();
  }
}
