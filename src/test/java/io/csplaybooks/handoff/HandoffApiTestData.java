package io.csplaybooks.handoff;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Closed deals as a CRM webhook sends them, for the integration tests. */
public final class HandoffApiTestData {

  private HandoffApiTestData() {}

  public static String newContractId() {
    return "CRM-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A complete closed deal as a CRM webhook sends it. */
  public static Map<String, Object> deal(String contractId) {
    Map<String, Object> deal = new HashMap<>();
    LocalDate start = LocalDate.now().plusDays(10);
    deal.put("contractId", contractId);
    deal.put("account", Map.of("name", "Globex Corporation", "segment", "enterprise", "region", "EMEA"));
    deal.put("arr", 120000);
    deal.put("contractStart", start.toString());
    deal.put("contractEnd", start.plusYears(1).minusDays(1).toString());
    deal.put("accountExecutive", "ada@example.com");
    deal.put("businessGoals", List.of("Cut support costs by 15%"));
    deal.put("successCriteria", List.of("80% of agents active weekly by month 3"));
    deal.put("useCases", List.of("Ticket deflection"));
    deal.put("technicalRequirements", List.of("SSO with Okta", "Salesforce integration"));
    deal.put("promisedItems", List.of(Map.of("description", "Salesforce integration live", "dueDate",
        start.plusMonths(2).toString())));
    deal.put("knownRisks", List.of("Champion is new in role"));
    deal.put("stakeholders", List.of(
        Map.of("name", "Hank Scorpio", "role", "champion", "email", "hank@globex.example"),
        Map.of("name", "Mindy Simmons", "role", "executive-sponsor", "email", "mindy@globex.example")));
    return deal;
  }
}
