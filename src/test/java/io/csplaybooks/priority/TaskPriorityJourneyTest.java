package io.csplaybooks.priority;

import static io.csplaybooks.handoff.HandoffApiTestData.deal;
import static io.csplaybooks.handoff.HandoffApiTestData.newContractId;
import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.common.EngineClock;
import io.csplaybooks.health.HealthChanged;
import io.csplaybooks.support.IntegrationTest;
import io.csplaybooks.support.TestMailServer;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Task priority on PostgreSQL: a new task of a playbook gets the table's priority from its account
 * at once, and a change of the account's health ranks its open tasks again (and nobody else's).
 */
class TaskPriorityJourneyTest extends IntegrationTest {

  @Autowired TaskPriorities priorities;
  @Autowired JdbcClient jdbc;

  @Test
  void aNewTaskGetsItsPriorityAndAHealthChangeRanksTheAccountsOpenTasksAgain() throws Exception {
    String contractId = newContractId();
    Map<?, ?> first = handOff(deal(contractId));
    Map<?, ?> second = handOff(deal(newContractId()));
    Task kickoff = kickoffWaiting(first);
    Task otherKickoff = kickoffWaiting(second);

    // 120,000 USD is a large account, not scored yet: 80 when due within 3 days, 70 later.
    int days = PriorityRule.daysToDue(kickoff.getDueDate().toInstant(), EngineClock.now());
    assertThat(days).as("the kickoff is not overdue yet").isGreaterThanOrEqualTo(0);
    int expected = days <= 3 ? 80 : 70;
    assertThat(kickoff.getPriority()).as("the kickoff's priority, due in " + days + " days").isEqualTo(expected);
    assertThat(otherKickoff.getPriority()).isEqualTo(expected);

    long account = ((Number) first.get("accountId")).longValue();
    ResponseEntity<Map> overridden = as("carl").postForEntity("/api/accounts/" + account + "/health/override",
        Map.of("score", 30, "reason", "Champion left", "until", LocalDate.now().plusDays(30).toString()), Map.class);
    assertThat(overridden.getStatusCode()).isEqualTo(HttpStatus.OK);

    assertThat(tasks.createTaskQuery().taskId(kickoff.getId()).singleResult().getPriority())
        .as("red health: every open task of the account is urgent").isEqualTo(90);
    assertThat(priorities.urgent(90)).isTrue();
    assertThat(tasks.createTaskQuery().taskId(otherKickoff.getId()).singleResult().getPriority())
        .as("another account's task").isEqualTo(expected);

    // The same scoring again changes no band, and no task.
    assertThat(priorities.refresh(List.of(account))).isZero();

    // Its mail says so: the kickoff given to another CSM is urgent now.
    String other = "carl".equals(kickoff.getAssignee()) ? "cleo" : "carl";
    tasks.setAssignee(kickoff.getId(), other);
    runJobs(kickoff.getProcessInstanceId());
    assertThat(TestMailServer.subjectsTo(other + "@example.com"))
        .contains("Urgent: Task: Hold kickoff [" + contractId + "]");
  }

  @Test
  void theNightlyRunRanksEveryOpenTaskAgainAsItsDueDateComesNearer() {
    Map<?, ?> created = handOff(deal(newContractId()));
    Task kickoff = kickoffWaiting(created);
    // The kickoff slipped: three days overdue (the engine's own command, as a CS manager moving it would).
    tasks.setDueDate(kickoff.getId(), java.util.Date.from(EngineClock.now().minus(java.time.Duration.ofDays(3))));
    assertThat(tasks.createTaskQuery().taskId(kickoff.getId()).singleResult().getPriority())
        .as("not ranked again until the night").isEqualTo(kickoff.getPriority());

    priorities.onHealthChanged(new HealthChanged(List.of(), true));

    assertThat(tasks.createTaskQuery().taskId(kickoff.getId()).singleResult().getPriority())
        .as("a large account, overdue").isEqualTo(95);
  }

  @Test
  void aTaskOfAPriorityFromTheThresholdIsUrgent() {
    assertThat(priorities.urgent(85)).as("csp.priority.urgent-from: red health or overdue").isTrue();
    assertThat(priorities.urgent(84)).isFalse();
    assertThat(priorities.urgent(80)).as("a large account due soon is important, not urgent").isFalse();
  }
}
