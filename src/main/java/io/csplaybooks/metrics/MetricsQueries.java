package io.csplaybooks.metrics;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The read model behind the metrics: set-based queries over the renewals (renewal package), the
 * accounts and contracts (account package), made for reporting. It only reads; the owning packages write.
 */
@Repository
public class MetricsQueries {

  public record PipelineRow(int year, int month, String forecast, int renewals, BigDecimal arr) {}

  private final JdbcClient jdbc;

  MetricsQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The renewals due in the period whose outcome is known, with their currency and the account's segment. */
  List<PortfolioValue.Renewal> decidedRenewals(LocalDate from, LocalDate to) {
    return jdbc.sql("""
            select c.currency, a.segment, r.arr_before, r.arr_after, r.outcome from renewal r
            join contract c on c.contract_id = r.contract_id
            join account a on a.id = r.account_id
            where r.outcome is not null and r.renewal_date between :from and :to""")
        .param("from", Date.valueOf(from)).param("to", Date.valueOf(to))
        .query((rs, n) -> new PortfolioValue.Renewal(rs.getString("currency"), rs.getString("segment"),
            rs.getBigDecimal("arr_before"), rs.getBigDecimal("arr_after"), rs.getString("outcome")))
        .list();
  }

  /** The accounts we serve (not churned) and their ARR, by segment and currency. */
  List<PortfolioValue.ActiveArr> activeArr() {
    return jdbc.sql("""
            select segment, currency, count(*) as n, sum(arr) as arr from account
            where lifecycle_stage <> 'churned' group by segment, currency order by segment, currency""")
        .query((rs, n) -> new PortfolioValue.ActiveArr(rs.getString("segment"), rs.getString("currency"),
            rs.getInt("n"), rs.getBigDecimal("arr")))
        .list();
  }

  /** The currencies of the accounts and contracts. */
  List<String> currencies() {
    return jdbc.sql("select distinct currency from contract order by currency").query(String.class).list();
  }

  /** Open renewals by month of their date and forecast, with their ARR. */
  List<PipelineRow> renewalPipeline() {
    return jdbc.sql("""
            select extract(year from renewal_date) as y, extract(month from renewal_date) as m,
                   coalesce(forecast, 'not forecast') as f, count(*) as n, sum(arr_before) as arr
            from renewal where outcome is null
            group by extract(year from renewal_date), extract(month from renewal_date), coalesce(forecast, 'not forecast')
            order by y, m, f""")
        .query((rs, n) -> new PipelineRow(rs.getInt("y"), rs.getInt("m"), rs.getString("f"), rs.getInt("n"),
            rs.getBigDecimal("arr")))
        .list();
  }

  /** Accounts not churned, by health band. */
  Map<String, Integer> healthDistribution() {
    Map<String, Integer> health = new LinkedHashMap<>();
    jdbc.sql("""
            select coalesce(health_band, 'unscored') as band, count(*) as n from account
            where lifecycle_stage <> 'churned' group by coalesce(health_band, 'unscored') order by band""")
        .query((rs, n) -> health.put(rs.getString("band"), rs.getInt("n"))).list();
    return health;
  }

  /** Average days from contract start to first value, of the accounts that reached it in the period. */
  Double averageTimeToFirstValueDays(LocalDate from, LocalDate to) {
    return jdbc.sql("""
            select avg(cast(time_to_first_value_days as double precision)) from account
            where first_value_on between :from and :to""")
        .param("from", Date.valueOf(from)).param("to", Date.valueOf(to))
        .query(Double.class).optional().orElse(null);
  }

  /** Accounts not churned, per CSM. */
  Map<String, Integer> accountsPerCsm() {
    Map<String, Integer> accountsPerCsm = new LinkedHashMap<>();
    jdbc.sql("select csm_id, count(*) as n from account where csm_id is not null and lifecycle_stage <> 'churned'"
            + " group by csm_id")
        .query((rs, n) -> accountsPerCsm.put(rs.getString("csm_id"), rs.getInt("n"))).list();
    return accountsPerCsm;
  }
}
