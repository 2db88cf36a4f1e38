package io.csplaybooks.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.account.Accounts;
import io.csplaybooks.account.LifecycleStage;
import io.csplaybooks.account.Stakeholder;
import io.csplaybooks.account.StakeholderRole;
import io.csplaybooks.onboarding.SuccessPlans;
import io.csplaybooks.support.IntegrationTest;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * A customer's contracts over its life, on PostgreSQL: a cross-sell for an onboarded account, an
 * amendment, a conflicting resend, who may add a contract, a churn and the contract that wins the
 * customer back.
 */
class ContractsJourneyTest extends IntegrationTest {

  @Autowired Accounts accounts;
  @Autowired SuccessPlans plans;

  @Test
  void aCrossSellForAnOnboardedAccountAddsItsArrAndStakeholdersAndStartsTheExpansionHandoff() {
    String crm = "CRM-" + UUID.randomUUID().toString().substring(0, 8);
    long account = onboardedCustomer(crm);
    assertThat(accounts.findById(account).orElseThrow().lifecycleStage()).isEqualTo(LifecycleStage.ONBOARDING);
    long handoffsBefore = runtime.createProcessInstanceQuery().processDefinitionKey("sales-handoff").count();

    String crossSell = HandoffApiTestData.newContractId();
    Map<String, Object> deal = crossSell(crossSell, crm);
    ResponseEntity<Map> created = as("ada").postForEntity("/api/handoffs", deal, Map.class);

    assertThat(created.getStatusCode()).as(String.valueOf(created.getBody())).isEqualTo(HttpStatus.CREATED);
    assertThat(((Number) created.getBody().get("accountId")).longValue()).isEqualTo(account);
    // ARR is the sum of the account's contracts; the stage and the new-customer handoff are untouched.
    assertThat(accounts.findById(account).orElseThrow().arr()).isEqualByComparingTo("150000");
    assertThat(accounts.findById(account).orElseThrow().lifecycleStage()).isEqualTo(LifecycleStage.ONBOARDING);
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("sales-handoff").count())
        .isEqualTo(handoffsBefore);
    // The champion the add-on names takes the role; the former one stays, as a user, and both are recorded.
    assertThat(accounts.stakeholdersOf(account)).extracting(Stakeholder::name, Stakeholder::role)
        .contains(org.assertj.core.groups.Tuple.tuple("Nina Park", StakeholderRole.CHAMPION),
            org.assertj.core.groups.Tuple.tuple("Hank Scorpio", StakeholderRole.USER),
            org.assertj.core.groups.Tuple.tuple("Mindy Simmons", StakeholderRole.EXECUTIVE_SPONSOR));
    List<Map<String, Object>> timeline = as("carl").getForObject("/api/accounts/" + account + "/timeline", List.class);
    assertThat(timeline).extracting(e -> e.get("summary")).contains(
        "cross-sell contract " + crossSell + ": 30000 USD ARR, " + deal.get("contractStart") + " to "
            + deal.get("contractEnd"),
        "Hank Scorpio: champion to user", "Nina Park joined as champion");

    ProcessInstance expansion = runtime.createProcessInstanceQuery().processDefinitionKey("expansion-handoff")
        .processInstanceBusinessKey(String.valueOf(account)).singleResult();
    assertThat(expansion).isNotNull();
    runPlaybooksOf(account);
    Task review = tasks.createTaskQuery().processInstanceId(expansion.getId()).taskDefinitionKey("reviewExpansion")
        .singleResult();
    assertThat(review.getAssignee()).isEqualTo(accounts.findById(account).orElseThrow().csmId());
    Task setup = tasks.createTaskQuery().processInstanceId(expansion.getId()).taskDefinitionKey("setUpNewRequirement")
        .singleResult();
    assertThat(setup.getName()).isEqualTo("Set up Forecasting module with the ERP");
    assertThat(visibleTasks("ed", expansion.getId())).containsExactly("Set up Forecasting module with the ERP");
    // The add-on's goals and its setup are in the success plan; its term ends with the first one's, so it
    // joined the renewal of that date (one renewal per renewal date) and its own renewal playbook ended.
    assertThat(plans.find(account).orElseThrow().goals()).contains("Cut support costs by 15%",
        "Plan demand a quarter ahead");
    assertThat(plans.find(account).orElseThrow().milestones()).extracting(m -> m.name())
        .contains("Set up: Forecasting module with the ERP");
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("renewal")
        .processInstanceBusinessKey(String.valueOf(account)).variableValueEquals("contractId", crossSell).count()).isZero();
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("renewal")
        .processInstanceBusinessKey(String.valueOf(account)).count()).isOne();

    assertThat(submitTask("ed", setup, Map.of("setupNotes", "Connected")).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(plans.find(account).orElseThrow().milestones()).filteredOn(m -> m.name().endsWith("with the ERP"))
        .extracting(m -> m.status()).containsExactly("done");
    assertThat(submitTask(review.getAssignee(), review, Map.of("expansionNotes", "EU rollout in January"))
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    runPlaybooksOf(account);
    assertThat(tasks.createTaskQuery().processInstanceId(expansion.getId()).taskDefinitionKey("updateSuccessPlan")
        .count()).isOne();

    // The customer leaves: every playbook of the account, the expansion too, ends through its own BPMN.
    assertThat(as("mia").postForEntity("/api/accounts/" + account + "/churn", Map.of("reason", "moved to a competitor"),
        Map.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    runPlaybooksOf(account);
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(String.valueOf(account)).count()).isZero();
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(String.valueOf(account)).list())
        .extracting(p -> p.getProcessDefinitionKey())
        .contains("expansion-handoff", "onboarding", "renewal")
        .allSatisfy(key -> assertThat(key).isNotNull());
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(expansion.getId())
        .activityId("endAccountChurned").count()).isOne();
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(String.valueOf(account)).count()).isZero();
  }

  @Test
  void theSameContractAgainAnswersItsHandoffAndAChangedOneNamesWhatDiffers() {
    String crm = "CRM-" + UUID.randomUUID().toString().substring(0, 8);
    String contract = HandoffApiTestData.newContractId();
    Map<String, Object> deal = newLogo(contract, crm);
    assertThat(as("ada").postForEntity("/api/handoffs", deal, Map.class).getStatusCode()).isEqualTo(HttpStatus.CREATED);

    Map<String, Object> again = new HashMap<>(deal);
    again.put("arr", new BigDecimal("120000.00"));
    assertThat(as("ada").postForEntity("/api/handoffs", again, Map.class).getStatusCode()).isEqualTo(HttpStatus.OK);

    Map<String, Object> changed = new HashMap<>(deal);
    changed.put("arr", 135000);
    changed.put("account", Map.of("name", "Globex Holdings", "segment", "enterprise", "region", "EMEA",
        "crmAccountId", crm));
    ResponseEntity<Map> conflict = as("ada").postForEntity("/api/handoffs", changed, Map.class);

    assertThat(conflict.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat((List<String>) conflict.getBody().get("fields")).containsExactly("account.name", "arr");
    assertThat((String) conflict.getBody().get("detail")).contains("/api/contracts/" + contract + "/amendments");
    long account = accounts.findByCrmAccountId(crm).orElseThrow().id();
    assertThat(accounts.findById(account).orElseThrow().arr()).isEqualByComparingTo("120000");
  }

  @Test
  void anAmendmentChangesTheContractWithItsHistoryAndOnlyTheAccountsPeopleMayMakeIt() {
    String crm = "CRM-" + UUID.randomUUID().toString().substring(0, 8);
    String contract = HandoffApiTestData.newContractId();
    Map<?, ?> created = handOff(newLogo(contract, crm));
    long account = ((Number) created.get("accountId")).longValue();

    ResponseEntity<Map> refused = as("sol").postForEntity("/api/contracts/" + contract + "/amendments",
        Map.of("arr", 130000, "reason", "10 more seats"), Map.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat((String) refused.getBody().get("detail")).contains("executive of record of account " + account + " (ada)");
    ResponseEntity<Map> invalid = as("ada").postForEntity("/api/contracts/" + contract + "/amendments",
        Map.of("arr", -5), Map.class);
    assertThat(invalid.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((List<Map<String, String>>) invalid.getBody().get("errors")).extracting(e -> e.get("field"))
        .containsExactlyInAnyOrder("reason", "arr");

    ResponseEntity<Map> tooMuch = as("root").postForEntity("/api/contracts/" + contract + "/amendments",
        Map.of("arr", new java.math.BigDecimal("1E+400"), "reason", "typo"), Map.class);
    assertThat(tooMuch.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((String) tooMuch.getBody().get("detail")).contains("arr: must be less than 1,000,000,000,000");
    ResponseEntity<Map> amended = as("ada").postForEntity("/api/contracts/" + contract + "/amendments",
        Map.of("arr", 130000, "reason", "10 more seats"), Map.class);

    assertThat(amended.getStatusCode()).as(String.valueOf(amended.getBody())).isEqualTo(HttpStatus.OK);
    assertThat(accounts.findContract(contract).orElseThrow().arr()).isEqualByComparingTo("130000");
    assertThat(accounts.findById(account).orElseThrow().arr()).isEqualByComparingTo("130000");
    Map<?, ?> view = as("carl").getForObject("/api/contracts/" + contract, Map.class);
    List<Map<String, Object>> history = (List<Map<String, Object>>) view.get("amendments");
    assertThat(history).hasSize(1);
    assertThat(history.get(0)).containsEntry("by", "ada").containsEntry("reason", "10 more seats");
    assertThat((String) history.get(0).get("changes")).isEqualTo("{\"arr\":{\"from\":120000.00,\"to\":130000}}");
    // The renewal of this term runs on its end date: a new end date goes through the renewal.
    ResponseEntity<Map> endDate = as("mia").postForEntity("/api/contracts/" + contract + "/amendments",
        Map.of("endDate", java.time.LocalDate.now().plusYears(2).toString(), "reason", "two-year term"), Map.class);
    assertThat(endDate.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat((List<String>) endDate.getBody().get("fields")).containsExactly("endDate");
  }

  @Test
  void onlyTheExecutiveOfRecordTheSalesManagerOrCsManagersAddAContractToAnAccount() {
    String crm = "CRM-" + UUID.randomUUID().toString().substring(0, 8);
    long account = ((Number) handOff(newLogo(HandoffApiTestData.newContractId(), crm)).get("accountId")).longValue();

    ResponseEntity<Map> refused = as("sol").postForEntity("/api/handoffs",
        crossSell(HandoffApiTestData.newContractId(), crm), Map.class);

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(accounts.findById(account).orElseThrow().arr()).isEqualByComparingTo("120000");
    assertThat(accounts.contractsOf(account)).hasSize(1);
    assertThat(as("sam").postForEntity("/api/handoffs", crossSell(HandoffApiTestData.newContractId(), crm), Map.class)
        .getStatusCode()).isEqualTo(HttpStatus.CREATED);
    Map<String, Object> upsellAsNewLogo = crossSell(HandoffApiTestData.newContractId(), crm);
    upsellAsNewLogo.put("kind", "new-logo");
    ResponseEntity<Map> wrongKind = as("mia").postForEntity("/api/handoffs", upsellAsNewLogo, Map.class);
    assertThat(wrongKind.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((List<Map<String, String>>) wrongKind.getBody().get("errors")).extracting(e -> e.get("field"))
        .containsExactly("kind");
  }

  @Test
  void aChurnedAccountRefusesRiskFlagsUntilANewContractWinsItBack() {
    String crm = "CRM-" + UUID.randomUUID().toString().substring(0, 8);
    long account = ((Number) handOff(newLogo(HandoffApiTestData.newContractId(), crm)).get("accountId")).longValue();
    assertThat(as("mia").postForEntity("/api/accounts/" + account + "/churn", Map.of("reason", "acquired"), Map.class)
        .getStatusCode()).isEqualTo(HttpStatus.OK);
    runPlaybooksOf(account);

    ResponseEntity<Map> flag = as("carl").postForEntity("/api/accounts/" + account + "/risk",
        Map.of("reason", "no logins"), Map.class);
    assertThat(flag.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(accounts.findById(account).orElseThrow().lifecycleStage()).isEqualTo(LifecycleStage.CHURNED);
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("churn-intervention")
        .processInstanceBusinessKey(String.valueOf(account)).count()).isZero();

    Map<String, Object> winBack = newLogo(HandoffApiTestData.newContractId(), crm);
    ResponseEntity<Map> won = as("ada").postForEntity("/api/handoffs", winBack, Map.class);

    assertThat(won.getStatusCode()).as(String.valueOf(won.getBody())).isEqualTo(HttpStatus.CREATED);
    assertThat(((Number) won.getBody().get("accountId")).longValue()).isEqualTo(account);
    assertThat(accounts.findById(account).orElseThrow().lifecycleStage()).isEqualTo(LifecycleStage.HANDOFF);
    List<Map<String, Object>> timeline = as("mia").getForObject("/api/accounts/" + account + "/timeline", List.class);
    assertThat(timeline).filteredOn(e -> "lifecycle".equals(e.get("kind"))).extracting(e -> e.get("summary"))
        .containsExactly("became a customer in handoff: contract " + ((Map<?, ?>) timeline.get(0).get("details"))
                .get("reason").toString().substring("contract ".length()),
            "moved from handoff to churned: acquired",
            "moved from churned to handoff: won back with contract " + winBack.get("contractId"));
  }

  /** A customer of ours, its kickoff held: onboarding runs. */
  private long onboardedCustomer(String crm) {
    Map<?, ?> created = as("ada").postForObject("/api/handoffs", newLogo(HandoffApiTestData.newContractId(), crm),
        Map.class);
    holdKickoff(created);
    return ((Number) created.get("accountId")).longValue();
  }

  private static Map<String, Object> newLogo(String contractId, String crm) {
    Map<String, Object> deal = HandoffApiTestData.deal(contractId);
    deal.put("account", Map.of("name", "Globex Corporation", "segment", "enterprise", "region", "EMEA",
        "crmAccountId", crm));
    return deal;
  }

  private static Map<String, Object> crossSell(String contractId, String crm) {
    Map<String, Object> deal = HandoffApiTestData.deal(contractId);
    deal.put("account", Map.of("name", "Globex Corporation", "segment", "enterprise", "region", "EMEA",
        "crmAccountId", crm));
    deal.put("kind", "cross-sell");
    deal.put("arr", 30000);
    deal.put("businessGoals", List.of("Plan demand a quarter ahead"));
    deal.put("successCriteria", List.of("Forecast error under 10% by month 6"));
    deal.put("useCases", List.of("Demand forecasting"));
    deal.put("technicalRequirements", List.of("Forecasting module with the ERP"));
    deal.put("promisedItems", List.of());
    deal.put("knownRisks", List.of());
    deal.put("stakeholders", List.of(Map.of("name", "Nina Park", "role", "champion", "email", "nina@globex.example")));
    return deal;
  }
}
