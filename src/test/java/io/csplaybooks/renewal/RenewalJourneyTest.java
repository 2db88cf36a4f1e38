package io.csplaybooks.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.account.Account;
import io.csplaybooks.account.Accounts;
import io.csplaybooks.account.Contract;
import io.csplaybooks.account.LifecycleStage;
import io.csplaybooks.handoff.HandoffApiTestData;
import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.PlaybookEvent;
import io.csplaybooks.playbook.PlaybookEvents;
import io.csplaybooks.support.IntegrationTest;
import java.math.BigDecimal;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * On PostgreSQL: the renewal starts with the contract (the closed deal), waits while the account is
 * onboarded ("OnboardingCompleted", as the onboarding playbook announces it), and ends in a renewal
 * with expansion and the next term's renewal, or in a churn.
 */
class RenewalJourneyTest extends IntegrationTest {

  @Autowired Accounts accounts;
  @Autowired PlaybookEvents events;
  @Autowired JdbcClient jdbc;
  @Autowired RenewalFacts renewalFacts;

  @Test
  void anExpansionRenewsTheContractAtTheNewArrAndStartsTheNextTerm() {
    long account = onboardedAccount();
    ProcessInstance renewal = renewalOf(account);
    openWindow(renewal);

    // Enterprise: the account executive owns the renewal, also for a CS manager's own playbook's task.
    assertThat(renewalFacts.owner(account)).isEqualTo("ada");
    assertThat(renewalFacts.owner(Long.MAX_VALUE)).as("no renewal: the task's team takes it").isNull();
    for (int checkpoint = 0; checkpoint < 3; checkpoint++) {
      Task forecast = task(renewal, "updateRenewalForecast");
      assertThat(forecast.getAssignee()).isEqualTo("ada");
      assertThat(submit("ada", forecast, Map.of("forecast", "commit"))).isEqualTo(HttpStatus.NO_CONTENT);
    }
    Task outcome = task(renewal, "recordRenewalOutcome");
    ResponseEntity<Map> refused = submitTask("ada", outcome.getId(), Map.of("renewalOutcome", "expanded", "newArr", 100000));
    assertThat(refused.getBody().get("message")).asString()
        .contains("newArr: an expansion is more than the current ARR (120000.00)");
    assertThat(submit("ada", outcome, Map.of("renewalOutcome", "expanded", "newArr", 150000)))
        .isEqualTo(HttpStatus.NO_CONTENT);

    Account renewed = accounts.findById(account).orElseThrow();
    assertThat(renewed.arr()).isEqualByComparingTo("150000");
    List<Contract> contracts = accounts.contractsOf(account);
    assertThat(contracts).hasSize(2);
    Contract next = contracts.get(1);
    assertThat(next.contractId()).isEqualTo(contracts.get(0).contractId() + "/R1");
    assertThat(next.arr()).isEqualByComparingTo("150000");
    assertThat(next.startDate()).isEqualTo(contracts.get(0).endDate().plusDays(1));
    assertThat(jdbc.sql("select outcome || ' ' || forecast || ' ' || risk_level from renewal where contract_id = :c")
        .param("c", contracts.get(0).contractId()).query(String.class).single()).isEqualTo("expanded commit low");
    ProcessInstance nextTerm = runtime.createProcessInstanceQuery().processDefinitionKey("renewal")
        .processInstanceBusinessKey(String.valueOf(account)).singleResult();
    assertThat(nextTerm.getId()).isNotEqualTo(renewal.getId());
    runJobs(nextTerm.getId());
    assertThat(jdbc.sql("select count(*) from renewal where contract_id = :c").param("c", next.contractId())
        .query(Long.class).single()).isOne();
    assertThat(runtime.getVariable(nextTerm.getId(), "contractId")).isEqualTo(next.contractId());
  }

  @Test
  void aCrossSellCoTermedWithTheRunningRenewalJoinsItInsteadOfStartingASecond() {
    String crm = "CRM-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> newLogo = HandoffApiTestData.deal(HandoffApiTestData.newContractId());
    newLogo.put("account", Map.of("name", "Globex Corporation", "segment", "enterprise", "region", "EMEA",
        "crmAccountId", crm));
    Map<?, ?> created = as("ada").postForObject("/api/handoffs", newLogo, Map.class);
    holdKickoff(created);
    long account = ((Number) created.get("accountId")).longValue();
    ProcessInstance renewal = renewalOf(account);

    // The cross-sell ends with the running term (the same contract end): it is co-termed.
    Map<String, Object> crossSell = HandoffApiTestData.deal(HandoffApiTestData.newContractId());
    crossSell.put("account", newLogo.get("account"));
    crossSell.put("kind", "cross-sell");
    crossSell.put("arr", 30000);
    crossSell.put("stakeholders", List.of());
    ResponseEntity<Map> added = as("ada").postForEntity("/api/handoffs", crossSell, Map.class);
    assertThat(added.getStatusCode()).as(String.valueOf(added.getBody())).isEqualTo(HttpStatus.CREATED);
    runPlaybooksOf(account);

    // One renewal for the date: the add-on's term joined it with its ARR, its own renewal playbook ended.
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("renewal")
        .processInstanceBusinessKey(String.valueOf(account)).list()).extracting(ProcessInstance::getId)
        .containsExactly(renewal.getId());
    assertThat(history.createHistoricActivityInstanceQuery().activityId("endAlreadyRenewing")
        .processDefinitionId(renewal.getProcessDefinitionId()).list().stream()
        .filter(a -> crossSell.get("contractId").equals(history.createHistoricVariableInstanceQuery()
            .processInstanceId(a.getProcessInstanceId()).variableName("contractId").singleResult().getValue()))
        .count()).isOne();
    assertThat(jdbc.sql("select count(*) from renewal where account_id = :a").param("a", account).query(Long.class)
        .single()).isOne();
    assertThat(jdbc.sql("select arr_before from renewal where account_id = :a").param("a", account)
        .query(BigDecimal.class).single()).isEqualByComparingTo("150000");
    assertThat(jdbc.sql("""
            select c.contract_id from renewal_contract c join renewal r on r.id = c.renewal_id
            where r.account_id = :a order by c.contract_id""").param("a", account).query(String.class).list())
        .containsExactlyInAnyOrder((String) newLogo.get("contractId"), (String) crossSell.get("contractId"));

    // The same term announced again changes nothing.
    events.publish(PlaybookEvent.CONTRACT_TERM_STARTED, AccountId.of(account),
        Map.of("contractId", crossSell.get("contractId")));
    runPlaybooksOf(account);
    assertThat(jdbc.sql("select arr_before from renewal where account_id = :a").param("a", account)
        .query(BigDecimal.class).single()).isEqualByComparingTo("150000");

    openWindow(renewal);
    List<Task> forecasts = tasks.createTaskQuery().processInstanceBusinessKey(String.valueOf(account))
        .taskDefinitionKey("updateRenewalForecast").list();
    assertThat(forecasts).extracting(Task::getName).containsExactly("Update renewal forecast");
  }

  @Test
  void aChurnClosesTheAccountAndEndsItsOtherPlaybooks() {
    long account = onboardedAccount();
    ProcessInstance renewal = renewalOf(account);
    as("carl").postForEntity("/api/accounts/" + account + "/risk", Map.of("reason", "budget frozen"), Map.class);
    runJobs(runtime.createProcessInstanceQuery().processDefinitionKey("churn-intervention")
        .processInstanceBusinessKey(String.valueOf(account)).singleResult().getId());
    openWindow(renewal);
    for (int checkpoint = 0; checkpoint < 3; checkpoint++) {
      submit("ada", task(renewal, "updateRenewalForecast"), Map.of("forecast", "lost"));
    }

    submit("ada", task(renewal, "recordRenewalOutcome"), Map.of("renewalOutcome", "churned",
        "churnReason", "Budget frozen after the merger"));

    assertThat(accounts.findById(account).orElseThrow().lifecycleStage()).isEqualTo(LifecycleStage.CHURNED);
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(String.valueOf(account)).count()).isZero();
    // Each other playbook ended itself through its own "Account churned", which Cockpit shows.
    assertThat(endedByChurn(account)).containsExactlyInAnyOrder("churn-intervention", "qbr-cycle");
    assertThat(jdbc.sql("select outcome from intervention where account_id = :a").param("a", account)
        .query(String.class).single()).isEqualTo("churned");
    assertThat(jdbc.sql("select churn_reason from renewal where account_id = :a").param("a", account)
        .query(String.class).single()).isEqualTo("Budget frozen after the merger");
  }

  @Test
  void aChurnRecordedByACsManagerEndsEveryPlaybookOfTheAccountThroughItsOwnBpmn() {
    Map<String, Object> deal = HandoffApiTestData.deal(HandoffApiTestData.newContractId());
    Map<?, ?> created = handOff(deal);
    long account = ((Number) created.get("accountId")).longValue();
    runJobs((String) created.get("processInstanceId"));
    renewalOf(account);
    as("carl").postForEntity("/api/accounts/" + account + "/risk", Map.of("reason", "budget frozen"), Map.class);
    runPlaybooksOf(account);
    assertThat(tasks.createTaskQuery().processInstanceId((String) created.get("processInstanceId"))
        .taskDefinitionKey("holdKickoff").count()).isOne();

    assertThat(as("mia").postForEntity("/api/accounts/" + account + "/churn", Map.of("reason", "acquired by a competitor"),
        Map.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    runPlaybooksOf(account);
    runJobs((String) created.get("processInstanceId"));

    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(String.valueOf(account)).count()).isZero();
    assertThat(runtime.createProcessInstanceQuery().processInstanceId((String) created.get("processInstanceId")).count())
        .isZero();
    assertThat(endedByChurn(account)).containsExactlyInAnyOrder("renewal", "churn-intervention");
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId((String) created.get("processInstanceId"))
        .activityId("endAccountChurned").count()).isOne();
    assertThat(jdbc.sql("select outcome from renewal where account_id = :a").param("a", account).query(String.class)
        .single()).isEqualTo("churned");
    assertThat(jdbc.sql("select outcome from intervention where account_id = :a").param("a", account)
        .query(String.class).single()).isEqualTo("churned");
    assertThat(jdbc.sql("select count(*) from open_intervention where account_id = :a").param("a", account)
        .query(Long.class).single()).isZero();
  }

  /** The playbooks of the account that ended at their "Account churned" end event. */
  private List<String> endedByChurn(long account) {
    return history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(String.valueOf(account)).list().stream()
        .filter(p -> history.createHistoricActivityInstanceQuery().processInstanceId(p.getId())
            .activityId("endAccountChurned").count() > 0)
        .map(p -> p.getProcessDefinitionKey()).toList();
  }

  /** A closed deal whose onboarding completed: the account is in adoption and onboarding says so. */
  private long onboardedAccount() {
    Map<?, ?> created = handOff(HandoffApiTestData.deal(HandoffApiTestData.newContractId()));
    long account = ((Number) created.get("accountId")).longValue();
    accounts.moveToStage(account, LifecycleStage.ONBOARDING, "kickoff held", "test");
    accounts.moveToStage(account, LifecycleStage.ADOPTION, "onboarding completed", "test");
    events.publish(PlaybookEvent.ONBOARDING_COMPLETED, AccountId.of(account), Map.of());
    return account;
  }

  private ProcessInstance renewalOf(long account) {
    ProcessInstance renewal = runtime.createProcessInstanceQuery().processDefinitionKey("renewal")
        .processInstanceBusinessKey(String.valueOf(account)).singleResult();
    runJobs(renewal.getId());
    return renewal;
  }

  /** The test does not wait 245 days: the 120-days-before timer is made due now. */
  private void openWindow(ProcessInstance renewal) {
    Job window = management.createJobQuery().processInstanceId(renewal.getId()).activityId("waitForRenewalWindow")
        .singleResult();
    management.setJobDuedate(window.getId(), new Date());
    runJobs(renewal.getId());
  }

  private Task task(ProcessInstance renewal, String key) {
    return tasks.createTaskQuery().processInstanceId(renewal.getId()).taskDefinitionKey(key).singleResult();
  }

  private HttpStatus submit(String user, Task task, Map<String, Object> fields) {
    return (HttpStatus) submitTask(user, task.getId(), fields).getStatusCode();
  }

}
