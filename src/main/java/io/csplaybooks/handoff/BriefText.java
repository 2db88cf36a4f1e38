package io.csplaybooks.handoff;

import io.csplaybooks.account.Account;
import io.csplaybooks.account.Contract;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;

/** The brief in plain text, for the CSM's email and for read-only form fields. */
final class BriefText {

  private BriefText() {}

  static String arr(Account account) {
    return NumberFormat.getIntegerInstance(Locale.US).format(account.arr());
  }

  static String render(Account account, Contract contract, HandoffBrief brief) {
    StringBuilder text = new StringBuilder();
    text.append(account.name()).append(" (").append(account.segment().code()).append(", ").append(account.region())
        .append(", ARR ").append(arr(account)).append(")\n");
    if (contract != null) {
      text.append("Contract ").append(contract.contractId()).append(": ").append(contract.startDate())
          .append(" to ").append(contract.endDate()).append("\n");
    }
    section(text, "Business goals", brief.businessGoals());
    section(text, "Success criteria", brief.successCriteria());
    section(text, "Use cases", brief.useCases());
    section(text, "Technical requirements", brief.technicalRequirements());
    section(text, "Promised items", brief.promisedItems().stream()
        .map(p -> p.dueDate() == null ? p.description() : p.description() + " (by " + p.dueDate() + ")")
        .toList());
    section(text, "Known risks", brief.knownRisks());
    section(text, "Stakeholders", brief.stakeholders().stream()
        .map(s -> s.name() + ", " + s.role() + (s.email() == null ? "" : " <" + s.email() + ">"))
        .toList());
    return text.toString();
  }

  private static void section(StringBuilder text, String title, List<String> items) {
    text.append("\n").append(title).append(":\n");
    if (items.isEmpty()) {
      text.append("  (none given)\n");
    }
    items.forEach(item -> text.append("  - ").append(item).append("\n"));
  }
}
