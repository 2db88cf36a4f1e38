package io.csplaybooks.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.csplaybooks.benchmark.PortfolioData.Counts;
import io.csplaybooks.benchmark.PortfolioData.Portfolio;
import io.csplaybooks.support.IntegrationTest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The benchmark's portfolio generator, small (1,000 accounts), in the normal test run: what it
 * makes is coherent across tables (the snapshot agrees with the accounts and their history, the
 * accounts' health with their latest score, each score with its measures), and delete takes all of
 * it away while a snapshot row it shared keeps its own count.
 */
class PortfolioDataTest extends IntegrationTest {

  static final int ACCOUNTS = 1_000;

  @Autowired DataSource dataSource;
  @Autowired JdbcClient jdbc;

  @Test
  void fillsAYearOfAPortfolioThatAddsUpAndDeletesIt() throws Exception {
    LocalDate today = LocalDate.now();
    // A snapshot row the application made for a group the generator also fills.
    Map<String, Object> shared = Map.of("day", today, "segment", "mid-market", "region", "EMEA", "csm", "csm-7",
        "band", "green");
    jdbc.sql("insert into health_snapshot values (:day, :segment, :region, :csm, :band, 3, 300)").params(shared)
        .update();
    PortfolioData data = new PortfolioData(dataSource);
    // Other tests' snapshots of the same days stay as they are.
    Map<LocalDate, Long> snapshotBefore = snapshotByDay(today);
    Map<String, Long> bandsBefore = bandsOn(today);
    List<String> healthScoreSchema = schemaOf("health_score");
    assertThat(healthScoreSchema).anyMatch(def -> def.startsWith("FOREIGN KEY (account_id) REFERENCES account(id)"))
        .anyMatch(def -> def.contains("health_score_account_idx"));

    long started = System.nanoTime();
    Portfolio portfolio = data.fill(ACCOUNTS, today);
    double seconds = (System.nanoTime() - started) / 1e9;
    String mine = " where id between " + portfolio.firstAccountId() + " and " + portfolio.lastAccountId()
        + " and crm_account_id like '" + portfolio.prefix() + "%'";
    String mineAccountId = " account_id in (select id from account" + mine + ")";

    try {
      // The bulk insert took health_score's indexes and foreign key off; they are back as they were.
      assertThat(schemaOf("health_score")).isEqualTo(healthScoreSchema);
      Counts counts = data.count(portfolio);
      long churned = single("select count(*) from account" + mine + " and lifecycle_stage = 'churned'");
      long renewedInTheYear = single("select count(*) from renewal where" + mineAccountId + " and outcome <> 'churned'");
      assertThat(counts.accounts()).isEqualTo(ACCOUNTS);
      assertThat(portfolio.accounts()).isEqualTo(ACCOUNTS);
      // A contract each, and the term before it where the renewal was decided in the year.
      assertThat(counts.contracts()).isEqualTo(ACCOUNTS + renewedInTheYear);
      assertThat(counts.openRenewals()).isEqualTo(ACCOUNTS - churned);
      assertThat(counts.decidedRenewals()).isEqualTo(renewedInTheYear + churned);
      assertThat(churned).isBetween(10L, 60L);
      System.out.printf("portfolio data: %d accounts filled in %.1f s: %s%n", ACCOUNTS, seconds, counts);

      // The mix the pages filter and group by.
      assertThat(strings("select distinct segment from account" + mine))
          .containsExactlyInAnyOrder("strategic", "enterprise", "mid-market", "scaled");
      assertThat(strings("select distinct region from account" + mine)).containsExactlyInAnyOrder("AMER", "EMEA", "APAC");
      assertThat(strings("select distinct lifecycle_stage from account" + mine))
          .containsExactlyInAnyOrder("handoff", "onboarding", "adoption", "renewal", "at-risk", "churned");
      assertThat(strings("select distinct csm_id from account" + mine + " and csm_id is not null"))
          .hasSize(PortfolioData.CSMS).allMatch(csm -> csm.matches("csm-([1-9]|[1-4][0-9]|50)"));
      assertThat(single("select count(*) from account" + mine + " and csm_id is null")).isPositive();
      assertThat(strings("select distinct currency from account" + mine)).containsExactly("USD");

      // Renewals: open ones in the next 12 months with a forecast, decided ones in the last year.
      assertThat(single("select count(*) from renewal where" + mineAccountId + " and outcome is null"
          + " and (renewal_date <= current_date or renewal_date > current_date + 365 or forecast is null)")).isZero();
      assertThat(single("select count(*) from renewal where" + mineAccountId + " and outcome is not null"
          + " and (renewal_date > current_date or renewal_date < current_date - 364 or decided_on > renewal_date"
          + " or arr_after is null)")).isZero();
      assertThat(strings("select distinct outcome from renewal where" + mineAccountId + " and outcome is not null"))
          .containsExactlyInAnyOrder("renewed", "expanded", "contracted", "churned");
      assertThat(single("select count(*) from renewal where" + mineAccountId
          + " and ((outcome = 'expanded' and arr_after <= arr_before) or (outcome = 'contracted' and arr_after >= arr_before)"
          + " or (outcome = 'renewed' and arr_after <> arr_before) or (outcome = 'churned' and arr_after <> 0))")).isZero();

      // Health: a score a week, the account's current health its latest, all three bands.
      assertThat(single("select max(c) from (select count(*) c from health_score where" + mineAccountId
          + " group by account_id) x")).isEqualTo(53);
      assertThat(single("select count(*) from account a" + mine.replace("where id", "where a.id")
          + " and a.health_score is distinct from (select h.score from health_score h where h.account_id = a.id"
          + " order by h.scored_at desc limit 1)")).isZero();
      assertThat(strings("select distinct health_band from account" + mine + " and health_band is not null"))
          .containsExactlyInAnyOrder("red", "yellow", "green");
      Map<String, Object> row = jdbc.sql("select score, measures_json, reason, model_version from health_score where"
          + mineAccountId + " order by id desc limit 1").query().singleRow();
      JsonNode measures = new ObjectMapper().readTree((String) row.get("measures_json"));
      assertThat(measures).hasSize(6);
      double weighted = 0;
      for (JsonNode measure : measures) {
        weighted += measure.get("value").asInt() * measure.get("weight").asDouble();
        assertThat(measure.get("inputs").asText()).isNotBlank();
      }
      assertThat((int) Math.round(weighted / 100)).isEqualTo(row.get("score"));
      assertThat(row.get("reason")).isEqualTo("portfolio run");

      // The snapshot: every day of the year counts the accounts present that day...
      Map<LocalDate, Long> present = jdbc.sql("""
              select d::date as day, count(a.id) from generate_series(current_date - 364, current_date, interval '1 day') d
              left join account a on a.created_at::date <= d and (a.churned_on is null or a.churned_on > d)
                and a.id between :lo and :hi and a.crm_account_id like :like
              group by d order by d""")
          .param("lo", portfolio.firstAccountId()).param("hi", portfolio.lastAccountId())
          .param("like", portfolio.prefix() + "%")
          .query((rs, n) -> Map.entry(rs.getDate(1).toLocalDate(), rs.getLong(2))).list().stream()
          .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
      snapshotBefore.forEach((day, accounts) -> present.merge(day, accounts, Long::sum));
      assertThat(snapshotByDay(today)).hasSize(PortfolioData.DAYS).isEqualTo(present);
      // ...and today's bands are the accounts' current ones.
      Map<String, Long> accountBands = jdbc.sql("select coalesce(health_band, 'unscored'), count(*) from account" + mine
              + " and lifecycle_stage <> 'churned' group by 1")
          .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
          .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
      assertThat(accountBands).containsKeys("red", "yellow", "green", "unscored");
      bandsBefore.forEach((band, accounts) -> accountBands.merge(band, accounts, Long::sum));
      assertThat(bandsOn(today)).isEqualTo(accountBands);
      long sharedMine = single("select count(*) from account" + mine + " and segment = 'mid-market' and region = 'EMEA'"
          + " and csm_id = 'csm-7' and health_band = 'green' and lifecycle_stage <> 'churned'");
      assertThat(sharedRow(shared)).isEqualTo(3 + sharedMine);
    } finally {
      data.delete(portfolio);
    }

    assertThat(data.count(portfolio)).isEqualTo(new Counts(0, 0, 0, 0, 0,
        jdbc.sql("select count(*) from health_snapshot where taken_on between :first and :today")
            .param("first", portfolio.firstDay()).param("today", today).query(Long.class).single()));
    assertThat(snapshotByDay(today)).isEqualTo(snapshotBefore);
    assertThat(sharedRow(shared)).isEqualTo(3);
    assertThat(jdbc.sql("select arr from health_snapshot where taken_on = :day and segment = :segment and region = :region"
        + " and csm_id = :csm and band = :band").params(shared).query(BigDecimal.class).single())
        .isEqualByComparingTo("300");
    jdbc.sql("delete from health_snapshot where taken_on = :day and segment = :segment and region = :region"
        + " and csm_id = :csm and band = :band").params(shared).update();
  }

  @Test
  void refusesAPortfolioOfNoAccounts() {
    assertThatThrownBy(() -> new PortfolioData(dataSource).fill(0, LocalDate.now()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("accounts");
  }

  /** The table's indexes and constraints, as PostgreSQL defines them. */
  private List<String> schemaOf(String table) {
    return jdbc.sql("""
            select indexdef from pg_indexes where schemaname = current_schema() and tablename = :table
            union all
            select pg_get_constraintdef(oid) from pg_constraint where conrelid = cast(:table as regclass)
            order by 1""").param("table", table).query(String.class).list();
  }

  /** The snapshot's accounts by day over the year to today. */
  private Map<LocalDate, Long> snapshotByDay(LocalDate today) {
    return jdbc.sql("select taken_on, sum(accounts) from health_snapshot where taken_on between :first and :today group by taken_on")
        .param("first", today.minusDays(PortfolioData.DAYS - 1)).param("today", today)
        .query((rs, n) -> Map.entry(rs.getDate(1).toLocalDate(), rs.getLong(2))).list().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  private Map<String, Long> bandsOn(LocalDate day) {
    return jdbc.sql("select band, sum(accounts) from health_snapshot where taken_on = :day group by band").param("day", day)
        .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  private long sharedRow(Map<String, Object> shared) {
    return jdbc.sql("select accounts from health_snapshot where taken_on = :day and segment = :segment and region = :region"
        + " and csm_id = :csm and band = :band").params(shared).query(Long.class).single();
  }

  private long single(String sql) {
    return jdbc.sql(sql).query(Long.class).single();
  }

  private List<String> strings(String sql) {
    return jdbc.sql(sql).query(String.class).list();
  }
}
