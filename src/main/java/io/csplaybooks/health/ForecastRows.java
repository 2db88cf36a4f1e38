package io.csplaybooks.health;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
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

  private final JdbcClient jdbc;

  ForecastRows(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Renewals due from the first day to the last, each with its forecast category and health band as
   * they stood {@code daysBefore} days before its renewal date, or now if that is still ahead.
   */
  List<Due> due(LocalDate from, LocalDate to, int daysBefore, LocalDate today) {
    List<Renewal> renewals = jdbc.sql("""
            select r.id, r.account_id, r.renewal_date, r.arr_before, coalesce(c.currency, 'USD') as currency, r.outcome,
                   r.forecast, r.decided_on
              from renewal r left join contract c on c.contract_id = r.contract_id
             where r.renewal_date >= :from and r.renewal_date <= :to
             order by r.renewal_date, r.id""")
        .param("from", Date.valueOf(from)).param("to", Date.valueOf(to))
        .query((rs, n) -> new Renewal(rs.getLong("id"), rs.getLong("account_id"), rs.getDate("renewal_date").toLocalDate(),
            rs.getBigDecimal("arr_before"), rs.getString("currency"), rs.getString("outcome"), rs.getString("forecast"),
            rs.getDate("decided_on") == null ? null : rs.getDate("decided_on").toLocalDate()))
        .list();
    List<Due> due = new ArrayList<>(renewals.size());
    for (Renewal r : renewals) {
      LocalDate asOf = r.renewalDate().minusDays(daysBefore);
      boolean now = !asOf.isBefore(today);
      Timestamp until = Timestamp.valueOf((now ? today : asOf).plusDays(1).atStartOfDay());
      String forecast = jdbc.sql("""
              select forecast from renewal_forecast where renewal_id = :r and updated_at < :until
               order by updated_at desc, id desc limit 1""")
          .param("r", r.id()).param("until", until).query(String.class).optional()
          // No history: the category on the renewal counts only for now.
          .orElse(now ? r.forecast() : null);
      String band = jdbc.sql("""
              select band from health_score where account_id = :a and scored_at < :until
               order by scored_at desc, id desc limit 1""")
          .param("a", r.accountId()).param("until", until).query(String.class).optional().orElse(null);
      due.add(new Due(r.id(), r.renewalDate(), r.arr(), r.currency(), forecast, band, r.outcome(), r.decidedOn()));
    }
    return due;
  }
}
