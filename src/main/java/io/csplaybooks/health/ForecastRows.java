package io.csplaybooks.health;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the renewal forecast in money reads: each renewal due in a period with its ARR, currency,
 * outcome, the forecast category the renewal's owner gave (as it stood at a moment) and the account's
 * health band at that moment (the renewal package's and this package's tables, read only).
 */
@Repository
class ForecastRows {

  /**
   * @param forecast commit, likely, at-risk, lost, or null when none was given by then
   * @param band red, yellow, green, or null when the account was not scored by then
   * @param outcome renewed, expanded, contracted, churned, or null while open
   */
  record Due(long renewalId, LocalDate renewalDate, BigDecimal arr, String currency, String forecast, String band,
      String outcome, LocalDate decidedOn) {

    boolean decided() {
      return outcome != null;
    }

    boolean stayed() {
      return outcome != null && !"churned".equals(outcome);
    }
  }

  private record Renewal(long id, long accountId, LocalDate renewalDate, BigDecimal arr, String currency, String outcome,
      String forecast, LocalDate decidedOn) {}

  /** Renewals per query when their category and band are looked up. */
  static final int SLICE = 1_000;

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate named;

  ForecastRows(JdbcClient jdbc, NamedParameterJdbcTemplate named) {
    this.jdbc = jdbc;
    this.named = named;
  }

  /**
   * Renewals due from the first day to the last, each with its forecast category and health band as
   * they stood {@code daysBefore} days before its renewal date, or now if that is still ahead.
   */
  List<Due> due(LocalDate from, LocalDate to, int daysBefore, LocalDate today) {
    List<Renewal> renewals = jdbc.sql("""
            select r.id, r.account_id, r.renewal_date, r.arr_before, coalesce(c.currency, 'USD') as currency, r.outcome,
                   r.forecast, coalesce(r.decided_on, r.renewal_date) as decided_on
              from renewal r left join contract c on c.contract_id = r.contract_id
             where r.renewal_date >= :from and r.renewal_date <= :to
             order by r.renewal_date, r.id""")
        .param("from", Date.valueOf(from)).param("to", Date.valueOf(to))
        .query((rs, n) -> new Renewal(rs.getLong("id"), rs.getLong("account_id"), rs.getDate("renewal_date").toLocalDate(),
            rs.getBigDecimal("arr_before"), rs.getString("currency"), rs.getString("outcome"), rs.getString("forecast"),
            // A decided renewal without its day of decision (rows written outside the app): its renewal date.
            rs.getString("outcome") == null ? null : rs.getDate("decided_on").toLocalDate()))
        .list();
    List<Due> due = new ArrayList<>(renewals.size());
    for (int start = 0; start < renewals.size(); start += SLICE) {
      due.addAll(asOf(renewals.subList(start, Math.min(renewals.size(), start + SLICE)), daysBefore, today));
    }
    return due;
  }

  /**
   * Each renewal's forecast category and band as they stood at its moment (its date less the days, or
   * now if that is still ahead): one query per slice, an index probe per renewal for each.
   */
  private List<Due> asOf(List<Renewal> slice, int daysBefore, LocalDate today) {
    StringBuilder values = new StringBuilder();
    MapSqlParameterSource params = new MapSqlParameterSource();
    Map<Long, Renewal> byId = new HashMap<>();
    for (int i = 0; i < slice.size(); i++) {
      Renewal r = slice.get(i);
      byId.put(r.id(), r);
      LocalDate asOf = r.renewalDate().minusDays(daysBefore);
      boolean now = !asOf.isBefore(today);
      values.append(i == 0 ? "" : ", ").append("(cast(:r").append(i).append(" as bigint), cast(:a").append(i)
          .append(" as bigint), cast(:u").append(i).append(" as timestamp), cast(:n").append(i).append(" as integer))");
      params.addValue("r" + i, r.id()).addValue("a" + i, r.accountId())
          .addValue("u" + i, Timestamp.valueOf((now ? today : asOf).plusDays(1).atStartOfDay())).addValue("n" + i, now ? 1 : 0);
    }
    List<Due> due = new ArrayList<>(slice.size());
    named.query("""
        select c.renewal_id, c.now_,
               (select f.forecast from renewal_forecast f where f.renewal_id = c.renewal_id and f.updated_at < c.until_
                 order by f.updated_at desc, f.id desc fetch first 1 rows only) as forecast,
               (select s.band from health_score s where s.account_id = c.account_id and s.scored_at < c.until_
                 order by s.scored_at desc, s.id desc fetch first 1 rows only) as band
          from (values """ + values + """
          ) as c(renewal_id, account_id, until_, now_)
         order by c.renewal_id""", params, rs -> {
          Renewal r = byId.get(rs.getLong("renewal_id"));
          String forecast = rs.getString("forecast");
          // No history: the category on the renewal counts only for now.
          if (forecast == null && rs.getInt("now_") == 1) {
            forecast = r.forecast();
          }
          due.add(new Due(r.id(), r.renewalDate(), r.arr(), r.currency(), forecast, rs.getString("band"), r.outcome(),
              r.decidedOn()));
        });
    return due;
  }
}
