package io.csplaybooks.renewal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.csplaybooks.support.TestDatabase;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * V21 on a database that has renewals from before it, on H2 (the zero-setup default) and PostgreSQL:
 * each renewal's contract term becomes its first term in renewal_contract, two renewals started for
 * one account and date before it stay (numbered, so their playbooks finish), and from then on a
 * second renewal for an account and date is refused by the database.
 */
class RenewalPerDateMigrationTest {

  @Test
  void onH2() {
    migrate(new DriverManagerDataSource("jdbc:h2:mem:v21-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", ""), "h2");
  }

  @Test
  void onPostgresql() {
    String url = TestDatabase.recreateSibling("_v21");
    migrate(new DriverManagerDataSource(url, TestDatabase.user(), TestDatabase.password()), "postgresql");
  }

  private static void migrate(DriverManagerDataSource data, String vendor) {
    Flyway.configure().dataSource(data).locations("classpath:db/migration", "classpath:db/vendor/" + vendor)
        .table("csp_schema_history").target("18").load().migrate();
    JdbcClient jdbc = JdbcClient.create(data);
    jdbc.sql("""
        insert into account (id, name, segment, region, arr, lifecycle_stage, created_at, updated_at)
        values (1, 'Globex', 'enterprise', 'EMEA', 150000, 'adoption', current_timestamp, current_timestamp),
               (2, 'Initech', 'mid-market', 'AMER', 50000, 'adoption', current_timestamp, current_timestamp)""").update();
    jdbc.sql("""
        insert into contract (contract_id, account_id, start_date, end_date, arr, created_at, kind)
        values ('G-1', 1, date '2026-01-01', date '2026-12-31', 120000, current_timestamp, 'new-logo'),
               ('G-2', 1, date '2026-06-01', date '2026-12-31', 30000, current_timestamp, 'cross-sell'),
               ('I-1', 2, date '2026-01-01', date '2026-12-31', 50000, current_timestamp, 'new-logo')""").update();
    // Before V21 (V18 is the last before it here; others may come between), the co-termed cross-sell G-2
    // started a renewal of its own for the same date.
    jdbc.sql("""
        insert into renewal (contract_id, account_id, process_instance_id, renewal_date, arr_before, started_at)
        values ('G-1', 1, 'pi-g1', date '2026-12-31', 120000, timestamp '2026-01-02 09:00:00'),
               ('G-2', 1, 'pi-g2', date '2026-12-31', 30000, timestamp '2026-06-02 09:00:00'),
               ('I-1', 2, 'pi-i1', date '2026-12-31', 50000, timestamp '2026-01-02 09:00:00')""").update();

    Flyway.configure().dataSource(data).locations("classpath:db/migration", "classpath:db/vendor/" + vendor)
        .table("csp_schema_history").target("21").load().migrate();

    assertThat(jdbc.sql("select contract_id || ' ' || renewal_id from renewal_contract order by contract_id")
        .query(String.class).list()).containsExactly("G-1 " + id(jdbc, "G-1"), "G-2 " + id(jdbc, "G-2"),
            "I-1 " + id(jdbc, "I-1"));
    List<Map<String, Object>> numbered = jdbc.sql("select contract_id, duplicate_no from renewal order by contract_id")
        .query().listOfRows();
    assertThat(numbered).extracting(row -> row.get("contract_id") + " " + ((Number) row.get("duplicate_no")).intValue())
        .containsExactly("G-1 0", "G-2 1", "I-1 0");
    // A new renewal for Globex's date: refused by the key (the application joins the running one instead).
    assertThatThrownBy(() -> jdbc.sql("""
        insert into renewal (contract_id, account_id, process_instance_id, renewal_date, arr_before, started_at)
        values ('G-2', 1, 'pi-new', date '2026-12-31', 30000, current_timestamp)""").update())
        .isInstanceOf(DuplicateKeyException.class);
  }

  private static long id(JdbcClient jdbc, String contractId) {
    return jdbc.sql("select id from renewal where contract_id = :c").param("c", contractId).query(Long.class).single();
  }
}
