package io.csplaybooks.advocacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.handoff.HandoffApiTestData;
import io.csplaybooks.support.IntegrationTest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/** On PostgreSQL: a green promoter is asked once; the agreed story lands in product's queue. */
class AdvocacyJourneyTest extends IntegrationTest {

  @Autowired JdbcClient jdbc;

  @Test
  void aGreenPromoterIsAskedOnceAndAnAgreedStoryGoesToProduct() {
    Map<?, ?> created = handOff(HandoffApiTestData.deal(HandoffApiTestData.newContractId()));
    long account = ((Number) created.get("accountId")).longValue();

    as("carl").postForObject("/api/signals", List.of(
        signal(account, "usage", Map.of("activeUsers", 95, "licensedSeats", 100)),
        signal(account, "nps", Map.of("npsScore", 10))), Map.class);
    runPlaybooksOf(account);
    // A second promoter answer the same day does not ask again.
    as("carl").postForObject("/api/signals", List.of(signal(account, "nps", Map.of("npsScore", 9))), Map.class);
    runPlaybooksOf(account);

    List<Task> asks = tasks.createTaskQuery().processDefinitionKey("advocacy").taskDefinitionKey("askForAdvocacy")
        .processVariableValueEquals("accountId", account).list();
    assertThat(asks).hasSize(1);
    String csm = asks.get(0).getAssignee();
    assertThat(submitTask(csm, asks.get(0).getId(), Map.of("advocacyAnswer", "agreed", "advocacyKind", "case-study"))
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

    assertThat(jdbc.sql("select advocacy_answer || '/' || advocacy_kind from account where id = :id").param("id", account)
        .query(String.class).single()).isEqualTo("agreed/case-study");
    List<Map<String, Object>> product = as("pat").getForObject("/engine-rest/task?candidateGroup=product"
        + "&processInstanceId=" + asks.get(0).getProcessInstanceId(), List.class);
    assertThat(product).extracting(t -> t.get("name")).containsExactly("Prepare customer story");
  }

  private static Map<String, Object> signal(long account, String type, Map<String, Object> fields) {
    Map<String, Object> signal = new HashMap<>(fields);
    signal.put("signalId", "SIG-" + UUID.randomUUID());
    signal.put("accountId", account);
    signal.put("type", type);
    signal.put("occurredAt", OffsetDateTime.now(ZoneOffset.UTC).minusHours(2).toString());
    return signal;
  }
}
