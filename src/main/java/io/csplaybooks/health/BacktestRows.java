package io.csplaybooks.health;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What a backtest reads: the renewals decided in a period with their outcome (the renewal package's
 * table, read only) and the accounts' scores before them, streamed oldest first.
 */
@Repository
class BacktestRows {

  record Renewal(long id, long accountId, LocalDate renewalDate, boolean churned, BigDecimal arr, String currency) {}

  record Score(long accountId, LocalDateTime scoredAt, int score, String band, String version, String measuresJson) {}

  private final JdbcClient jdbc;

  BacktestRows(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Decided from the first day to the last, both inclusive, by account and date. */
  List<Renewal> renewalsDecided(LocalDate from, LocalDate to) {
    return jdbc.sql("""
            select r.id, r.account_id, r.renewal_date, r.outcome, r.arr_before, coalesce(c.currency, 'USD') as currency
              from renewal r left join contract c on c.contract_id = r.contract_id
             where r.decided_on >= :from and r.decided_on <= :to and r.outcome is not null
             order by r.account_id, r.renewal_date""")
        .param("from", from).param("to", to)
        .query((rs, n) -> new Renewal(rs.getLong("id"), rs.getLong("account_id"), rs.getDate("renewal_date").toLocalDate(),
            "churned".equals(rs.getString("outcome")), rs.getBigDecimal("arr_before"), rs.getString("currency")))
        .list();
  }

  /**
   * The accounts' scores from the first day up to (not including) the last, by account, oldest first:
   * the scores the accounts had (whichever model was live), or those one model made, live or shadow.
   */
  void scores(Collection<Long> accounts, LocalDate from, LocalDate until, String version, Consumer<Score> each) {
    jdbc.sql(version == null ? """
            select account_id, scored_at, score, band, model_version, measures_json
              from health_score
             where account_id in (:accounts) and scored_at >= :from and scored_at < :until and score is not null
             order by account_id, scored_at""" : """
            select account_id, scored_at, computed_score as score, band, model_version, measures_json
              from health_score
             where account_id in (:accounts) and scored_at >= :from and scored_at < :until and computed_score is not null
               and model_version = :version
            union all
            select account_id, scored_at, score, band, model_version, measures_json
              from health_shadow_score
             where account_id in (:accounts) and scored_at >= :from and scored_at < :until and score is not null
               and model_version = :version
             order by account_id, scored_at""")
        .param("accounts", accounts)
        .param("version", version)
        .param("from", Timestamp.valueOf(from.atStartOfDay()))
        .param("until", Timestamp.valueOf(until.atStartOfDay()))
        .query(rs -> {
          each.accept(new Score(rs.getLong("account_id"), rs.getTimestamp("scored_at").toLocalDateTime(), rs.getInt("score"),
              rs.getString("band"), rs.getString("model_version"), rs.getString("measures_json")));
        });
  }
}
