package io.csplaybooks.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.doThrow;

import io.csplaybooks.handoff.HandoffApiTestData;
import io.csplaybooks.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * A batch of signals does all its work or none: when scoring fails, nothing of the batch is kept,
 * and the CRM's retry of the same batch stores it, scores the account and asks the promoter, once.
 */
// A context of its own (other properties, a spy) stays open beside the shared one for the rest of the
// run, so it keeps a small connection pool: the cluster test's two nodes need PostgreSQL's
// connections. (Closing it would unregister the engine named "default" the shared context's REST
// API looks up.)
@TestPropertySource(properties = {"spring.datasource.hikari.maximum-pool-size=4",
    "spring.datasource.hikari.minimum-idle=1"})
class SignalAtomicityTest extends IntegrationTest {

  @MockitoSpyBean HealthScoring scoring;
  @Autowired JdbcClient jdbc;

  @Test
  void aBatchWhoseScoringFailsIsDoneWholeByItsRetry() {
    long account = ((Number) handOff(HandoffApiTestData.deal(HandoffApiTestData.newContractId()))
        .get("accountId")).longValue();
    List<Map<String, Object>> batch = SignalsAndHealthTest.healthy(account);
    doThrow(new IllegalStateException("scoring is down")).doCallRealMethod().when(scoring).score(any(), anyString());

    ResponseEntity<Map> failed = as("carl").postForEntity("/api/signals", batch, Map.class);

    assertThat(failed.getStatusCode().is5xxServerError()).isTrue();
    assertThat(count("select count(*) from customer_signal where account_id = :a", account)).isZero();
    assertThat(count("select count(*) from health_score where account_id = :a", account)).isZero();
    assertThat(promoterAsks(account)).isZero();

    ResponseEntity<Map> retried = as("carl").postForEntity("/api/signals", batch, Map.class);
    ResponseEntity<Map> again = as("carl").postForEntity("/api/signals", batch, Map.class);

    assertThat(retried.getBody()).containsEntry("stored", 4).containsEntry("duplicates", 0)
        .containsEntry("accountsScored", 1);
    assertThat(again.getBody()).containsEntry("stored", 0).containsEntry("duplicates", 4);
    assertThat(count("select count(*) from customer_signal where account_id = :a", account)).isEqualTo(4);
    assertThat(count("select count(*) from health_score where account_id = :a", account)).isOne();
    assertThat(promoterAsks(account)).isOne();
  }

  private long promoterAsks(long account) {
    return runtime.createProcessInstanceQuery().processDefinitionKey("advocacy")
        .processInstanceBusinessKey(String.valueOf(account)).count()
        + history.createHistoricProcessInstanceQuery().processDefinitionKey("advocacy")
        .processInstanceBusinessKey(String.valueOf(account)).finished().count();
  }

  private long count(String sql, long account) {
    return jdbc.sql(sql).param("a", account).query(Long.class).single();
  }
}
