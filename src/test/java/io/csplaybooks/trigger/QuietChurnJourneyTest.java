package io.csplaybooks.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.account.Accounts;
import io.csplaybooks.account.NewAccount;
import io.csplaybooks.account.Segment;
import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.support.IntegrationTest;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The shipped "quiet churn", end to end: usage signals arrive through the API, the account slides from
 * green to yellow with its usage down a third, the trigger fires once, the quiet churn play starts for
 * the account and its CSM gets "Review quiet churn" with its form; more signals while it holds start
 * nothing more.
 */
class QuietChurnJourneyTest extends IntegrationTest {

  @Autowired Accounts accounts;
  @Autowired Triggers triggers;
  @Autowired JdbcClient jdbc;

  @Test
  void aSlideFromGreenToYellowWithFallingUsageGivesTheCsmAReview() {
    long account = accounts.insert(new NewAccount("QC-" + UUID.randomUUID(), "Quietly Leaving GmbH", Segment.MID_MARKET,
        "EMEA", new BigDecimal("60000"), "EUR", "ada"), "test");
    accounts.assignCsm(account, "carl");
    String key = AccountId.of(account).businessKey();

    // Green a month ago: 90 of 100 seats active, before and within the scoring window.
    post(usage(account, 90, 35), usage(account, 90, 20));
    assertThat(band(account)).isEqualTo("green");
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("quiet-churn")
        .processInstanceBusinessKey(key).count()).isZero();

    // Today 60 of 100: yellow, and usage down a third against 30 days before.
    post(usage(account, 60, 1));
    assertThat(band(account)).isEqualTo("yellow");
    ProcessInstance play = runtime.createProcessInstanceQuery().processDefinitionKey("quiet-churn")
        .processInstanceBusinessKey(key).singleResult();
    assertThat(play).isNotNull();
    // The trigger never runs the play's steps: the start waits at its async boundary.
    assertThat(tasks.createTaskQuery().processInstanceId(play.getId()).count()).isZero();
    for (Job job : management.createJobQuery().processInstanceId(play.getId()).list()) {
      management.executeJob(job.getId());
    }
    Task review = tasks.createTaskQuery().processInstanceId(play.getId()).singleResult();
    assertThat(review.getTaskDefinitionKey()).isEqualTo(QuietChurnVariables.Elements.REVIEW);
    assertThat(review.getAssignee()).isEqualTo("carl");
    assertThat(review.getDueDate()).isNotNull();

    // Still sliding: the same episode, no second play and no second fire.
    post(usage(account, 55, 0));
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("quiet-churn")
        .processInstanceBusinessKey(key).count()).isEqualTo(1);
    assertThat(jdbc.sql("""
            select count(*) from trigger_episode e join playbook_trigger t on t.id = e.trigger_id
            where t.message = 'QuietChurn' and e.account_id = :a""").param("a", account).query(Long.class).single())
        .isEqualTo(1);
    Trigger quietChurn = triggers.list().stream().filter(t -> t.message().equals("QuietChurn"))
        .findFirst().orElseThrow();
    assertThat(quietChurn.firedLast30Days()).isPositive();

    // The CSM reviews it: the play ends.
    tasks.complete(review.getId(), Map.of(QuietChurnVariables.FINDING, "Their admin left; nobody runs the rollout",
        QuietChurnVariables.ACTION, "re-engage"));
    for (Job job : management.createJobQuery().processInstanceId(play.getId()).list()) {
      management.executeJob(job.getId());
    }
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(play.getId()).count()).isZero();
  }

  private void post(Map<?, ?>... signals) {
    assertThat(as("carl").postForEntity("/api/signals", List.of(signals), Map.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  private String band(long account) {
    return jdbc.sql("select health_band from account where id = :a").param("a", account).query(String.class).single();
  }

  private static Map<String, Object> usage(long account, int active, int daysAgo) {
    Map<String, Object> signal = new HashMap<>();
    signal.put("signalId", "QC-" + UUID.randomUUID());
    signal.put("accountId", account);
    signal.put("type", "usage");
    signal.put("activeUsers", active);
    signal.put("licensedSeats", 100);
    signal.put("occurredAt", OffsetDateTime.now(ZoneOffset.UTC).minusDays(daysAgo).minusHours(1).toString());
    return signal;
  }
}
