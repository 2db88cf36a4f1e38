package io.csplaybooks.studio;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.handoff.HandoffApiTestData;
import io.csplaybooks.support.IntegrationTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The paths out of gateways stay as long as the engine keeps the history of their playbook, and no longer. */
class PlaybookPathRetentionTest extends IntegrationTest {

  @Autowired PlaybookPathRetention retention;
  @Autowired JdbcClient jdbc;

  @Test
  void pathsGoWithTheirPlaybooksHistory() {
    Map<?, ?> created = handOff(HandoffApiTestData.deal(HandoffApiTestData.newContractId()));
    String instance = (String) created.get("processInstanceId");
    long kept = paths(instance);
    assertThat(kept).as("the handoff went through its gateways").isPositive();
    // A playbook whose history the engine cleaned up a while ago, and one that only just started.
    Instant old = Instant.now().minus(Duration.ofDays(200));
    insert("cleaned-up-instance", old);
    insert("starting-instance", Instant.now());

    retention.run();

    assertThat(paths("cleaned-up-instance")).isZero();
    assertThat(paths("starting-instance")).isEqualTo(1);
    assertThat(paths(instance)).isEqualTo(kept);
  }

  private long paths(String instance) {
    return jdbc.sql("select count(*) from playbook_path where process_instance_id = :id").param("id", instance)
        .query(Long.class).single();
  }

  private void insert(String instance, Instant at) {
    jdbc.sql("""
        insert into playbook_path (process_definition_key, process_definition_id, process_instance_id, gateway_id,
                                   flow_id, taken_at)
        values ('sales-handoff', 'sales-handoff:1:x', :id, 'briefCompleteGw', 'f_brief_complete', :at)""")
        .param("id", instance).param("at", Timestamp.from(at)).update();
  }
}
