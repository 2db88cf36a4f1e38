package io.csplaybooks.handoff;

import io.csplaybooks.account.Account;
import io.csplaybooks.account.Contract;
import io.csplaybooks.notify.MailMessages;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;

/**
 * The brief in plain text, for the CSM's email, with its headings in the CSM's language; what sales
 * wrote (goals, risks, names) stays as written.
 */
final class BriefText {

  private BriefText() {}

  static String arr(Account account) {
    return NumberFormat.getIntegerInstance(Locale.US).format(account.arr());
  }

  static String render(Account account, Contract contract, HandoffBrief brief, MailMessages texts, Locale language) {
    StringBuilder text = new StringBuilder();
    text.append(texts.text(language, "brief.account", account.name(), account.segment().code(), account.region(),
        arr(account))).append("\n");
    if (contract != null) {
      text.append(texts.text(language, "brief.contract", contract.contractId(), String.valueOf(contract.startDate()),
          String.valueOf(contract.endDate()))).append("\n");
    }
    Section section = (title, items) -> {
      text.append("\n").append(texts.text(language, title)).append(":\n");
      if (items.isEmpty()) {
        text.append("  ").append(texts.text(language, "brief.none")).append("\n");
      }
      items.forEach(item -> text.append("  - ").append(item).append("\n"));
    };
    section.add("brief.businessGoals", brief.businessGoals());
    section.add("brief.successCriteria", brief.successCriteria());
    section.add("brief.useCases", brief.useCases());
    section.add("brief.technicalRequirements", brief.technicalRequirements());
    section.add("brief.promisedItems", brief.promisedItems().stream()
        .map(p -> p.dueDate() == null ? p.description()
            : texts.text(language, "brief.promisedBy", p.description(), String.valueOf(p.dueDate())))
        .toList());
    section.add("brief.knownRisks", brief.knownRisks());
    section.add("brief.stakeholders", brief.stakeholders().stream()
        .map(s -> s.name() + ", " + s.role() + (s.email() == null ? "" : " <" + s.email() + ">"))
        .toList());
    return text.toString();
  }

  private interface Section {
    void add(String title, List<String> items);
  }
}
