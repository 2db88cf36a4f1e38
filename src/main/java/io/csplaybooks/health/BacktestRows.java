package io.csplaybooks.health;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.function.BiConsumer;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What a backtest reads: the renewals decided in a period with their outcome (the renewal package's
 * table, read only) and the accounts' scores before them, streamed oldest first.
 */
@Repository
class BacktestRows {

  record Renewal(long id, long accountId, String segment, LocalDate renewalDate, boolean churned, BigDecimal arr,
      String currency) {}

  record Score(long accountId, LocalDateTime scoredAt, int score, String band, String version, String measuresJson) {}

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate named;

  BacktestRows(JdbcClient jdbc, NamedParameterJdbcTemplate named) {
    this.jdbc = jdbc;
    this.named = named;
  }

  /** Decided from the first day to the last, both inclusive, of one segment's accounts or all (null), by account and date. */
  List<Renewal> renewalsDecided(LocalDate from, LocalDate to, String segment) {
    return jdbc.sql("""
            select r.id, r.account_id, a.segment, r.renewal_date, r.outcome, r.arr_before,
                   coalesce(c.currency, 'USD') as currency
              from renewal r join account a on a.id = r.account_id
              left join contract c on c.contract_id = r.contract_id
             where coalesce(r.decided_on, r.renewal_date) >= :from and coalesce(r.decided_on, r.renewal_date) <= :to
               and r.outcome is not null
               and (cast(:segment as varchar(20)) is null or a.segment = :segment)
             order by r.account_id, r.renewal_date""")
        .param("from", from).param("to", to).param("segment", segment)
        .query((rs, n) -> new Renewal(rs.getLong("id"), rs.getLong("account_id"), rs.getString("segment"),
            rs.getDate("renewal_date").toLocalDate(),
            "churned".equals(rs.getString("outcome")), rs.getBigDecimal("arr_before"), rs.getString("currency")))
        .list();
  }

  /** A renewal's account and the window its score is read in: the latest score from stale up to cutoff. */
  record Cut(long renewalId, long accountId, LocalDateTime stale, LocalDateTime cutoff) {}

  /**
   * Each renewal's latest score in its window, one index probe per renewal: the score the account had
   * (whichever model was live), or the one a model made, live or shadow. A renewal whose latest row
   * has no score (the account was not scored then) gets none.
   */
  void latest(List<Cut> cuts, String version, BiConsumer<Long, Score> each) {
    if (cuts.isEmpty()) {
      return;
    }
    StringBuilder values = new StringBuilder();
    MapSqlParameterSource params = new MapSqlParameterSource();
    for (int i = 0; i < cuts.size(); i++) {
      Cut cut = cuts.get(i);
      values.append(i == 0 ? "" : ", ").append("(cast(:r").append(i).append(" as bigint), cast(:a").append(i)
          .append(" as bigint), cast(:s").append(i).append(" as timestamp), cast(:c").append(i).append(" as timestamp))");
      params.addValue("r" + i, cut.renewalId()).addValue("a" + i, cut.accountId())
          .addValue("s" + i, Timestamp.valueOf(cut.stale())).addValue("c" + i, Timestamp.valueOf(cut.cutoff()));
    }
    String scores = version == null ? "health_score" : """
        (select account_id, scored_at, computed_score as score, band, model_version, measures_json from health_score
          where model_version = :version
         union all
         select account_id, scored_at, score, band, model_version, measures_json from health_shadow_score
          where model_version = :version)""";
    params.addValue("version", version);
    named.query("select c.renewal_id, s.account_id, s.scored_at, s.score, s.band, s.model_version, s.measures_json"
        + " from (values " + values + ") as c(renewal_id, account_id, stale, cutoff)"
        + " join " + scores + " s on s.account_id = c.account_id"
        + " and s.scored_at = (select max(x.scored_at) from " + scores + " x"
        + " where x.account_id = c.account_id and x.scored_at >= c.stale and x.scored_at < c.cutoff)", params, rs -> {
          Object score = rs.getObject("score");
          if (score != null) {
            each.accept(rs.getLong("renewal_id"), new Score(rs.getLong("account_id"),
                rs.getTimestamp("scored_at").toLocalDateTime(), ((Number) score).intValue(), rs.getString("band"),
                rs.getString("model_version"), rs.getString("measures_json")));
          }
        });
  }
}
