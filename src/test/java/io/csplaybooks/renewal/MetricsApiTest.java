package io.csplaybooks.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * GET /api/metrics on PostgreSQL against a small portfolio whose renewals fall in 2031, a year no
 * other test touches, so the figures can be checked by hand (see RetentionTest for the arithmetic).
 */
class MetricsApiTest extends IntegrationTest {

  @Autowired JdbcClient jdbc;

  @Test
  void retentionPipelineAndTimeToFirstValueFromStoredOutcomes() {
    String run = Long.toString(System.nanoTime(), 36);
    renewal(run, "A", "100000", "100000", "renewed", null, "2031-03-01");
    renewal(run, "B", "50000", "80000", "expanded", null, "2031-03-05");
    renewal(run, "C", "40000", "30000", "contracted", null, "2031-03-10");
    renewal(run, "D", "20000", "0", "churned", null, "2031-03-15");
    renewal(run, "E", "90000", "90000", "renewed", null, "2031-03-20");
    renewal(run, "F", "70000", null, null, "commit", "2031-04-10");
    renewal(run, "G", "30000", null, null, "at-risk", "2031-04-20");
    jdbc.sql("update account set first_value_on = :d, time_to_first_value_days = :t where name = :n")
        .param("d", java.sql.Date.valueOf("2031-01-10")).param("t", 20).param("n", run + "-A").update();
    jdbc.sql("update account set first_value_on = :d, time_to_first_value_days = :t where name = :n")
        .param("d", java.sql.Date.valueOf("2031-01-20")).param("t", 40).param("n", run + "-B").update();

    Map<String, Object> metrics = as("mia").getForObject("/api/metrics?from=2031-01-01&to=2031-12-31", Map.class);

    Map<String, Object> retention = (Map<String, Object>) metrics.get("retention");
    assertThat(retention).containsEntry("renewals", 5).containsEntry("churnedLogos", 1).containsEntry("expansions", 1);
    assertThat(((Number) retention.get("grossRetention")).doubleValue()).isEqualTo(0.9);
    assertThat(((Number) retention.get("netRetention")).doubleValue()).isEqualTo(1.0);
    assertThat(((Number) retention.get("logoChurnRate")).doubleValue()).isEqualTo(0.2);
    assertThat(((Number) retention.get("expansionArr")).doubleValue()).isEqualTo(30000.0);
    assertThat(metrics.get("averageTimeToFirstValueDays")).isEqualTo(30.0);
    List<Map<String, Object>> pipeline = ((List<Map<String, Object>>) metrics.get("renewalPipeline")).stream()
        .filter(row -> ((Number) row.get("year")).intValue() == 2031).toList();
    assertThat(pipeline).extracting(row -> row.get("month") + " " + row.get("forecast") + " " + row.get("renewals"))
        .containsExactly("4 at-risk 1", "4 commit 1");
    Map<String, Integer> health = (Map<String, Integer>) metrics.get("healthDistribution");
    long open = jdbc.sql("select count(*) from account where lifecycle_stage <> 'churned'").query(Long.class).single();
    assertThat(health.values().stream().mapToLong(Integer::longValue).sum()).isEqualTo(open);
    assertThat((List<Map<String, Object>>) metrics.get("csmWorkload")).extracting(w -> w.get("csm"))
        .contains("carl", "cleo");

    assertThat(as("mia").getForEntity("/api/metrics?from=2031-13-01", Map.class).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(as("mia").getForEntity("/api/metrics?from=2031-02-01&to=2031-01-01", Map.class).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(as("ed").getForEntity("/api/metrics", Map.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  private void renewal(String run, String name, String before, String after, String outcome, String forecast,
      String date) {
    jdbc.sql("""
            insert into account (name, segment, region, arr, lifecycle_stage, created_at, updated_at)
            values (:n, 'mid-market', 'EMEA', :arr, :stage, current_timestamp, current_timestamp)""")
        .param("n", run + "-" + name).param("arr", new java.math.BigDecimal(before))
        .param("stage", "churned".equals(outcome) ? "churned" : "adoption")
        .update();
    long account = jdbc.sql("select id from account where name = :n").param("n", run + "-" + name).query(Long.class).single();
    String contract = run + "-" + name;
    java.time.LocalDate end = java.time.LocalDate.parse(date);
    jdbc.sql("""
            insert into contract (contract_id, account_id, start_date, end_date, arr, created_at)
            values (:c, :a, :start, :end, :arr, current_timestamp)""")
        .param("c", contract).param("a", account).param("start", java.sql.Date.valueOf(end.minusYears(1)))
        .param("end", java.sql.Date.valueOf(end)).param("arr", new java.math.BigDecimal(before)).update();
    jdbc.sql("""
            insert into renewal (contract_id, account_id, process_instance_id, renewal_date, arr_before, forecast,
                                 outcome, arr_after, started_at)
            values (:c, :a, 'test', :date, :before, :forecast, :outcome, :after, current_timestamp)""")
        .param("c", contract).param("a", account).param("date", java.sql.Date.valueOf(end))
        .param("before", new java.math.BigDecimal(before)).param("forecast", forecast).param("outcome", outcome)
        .param("after", after == null ? null : new java.math.BigDecimal(after))
        .update();
  }
}
