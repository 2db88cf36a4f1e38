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
 * The read model behind the metrics and the portfolio page: set-based queries over the renewals
 * (renewal package), the accounts and contracts (account package), the save plays (intervention) and
 * the daily health of the portfolio (health), made for reporting, each narrowed by a
 * {@link PortfolioFilter}. It only reads; the owning packages write.
 */
@Repository
public class MetricsQueries {

  public record PipelineRow(int year, int month, String forecast, int renewals, BigDecimal arr) {

    /** "2027-01". */
    public String label() {
      return String.format("%04d-%02d", year, month);
    }
  }

  /** A decided renewal and its date, for figures by quarter. */
  record DatedRenewal(LocalDate date, PortfolioValue.Renewal renewal) {}

  /** Accounts (not churned) of one CSM, with their ARR in each currency. */
  public record BookRow(String csm, String currency, int accounts, BigDecimal arr) {}

  /** The portfolio's health on one day: accounts and ARR by band. */
  public record HealthDay(LocalDate day, String band, int accounts, BigDecimal arr) {}

  public record SegmentDays(String segment, int accounts, double averageDays) {}

  /** An account in the red or at risk, with why (the save play's reasons, else its latest score's) and its open save play. */
  public record AtRisk(long id, String name, String segment, String region, String csm, BigDecimal arr,
      String currency, Integer healthScore, String healthBand, String lifecycleStage, Long interventionId,
      String interventionReason, LocalDate interventionSince) {}

  private final JdbcClient jdbc;

  MetricsQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The renewals due in the period whose outcome is known, with their date, currency and the account's segment. */
  List<DatedRenewal> decidedRenewals(LocalDate from, LocalDate to, PortfolioFilter filter) {
    return jdbc.sql("""
            select r.renewal_date, c.currency, a.segment, r.arr_before, r.arr_after, r.outcome from renewal r
            join contract c on c.contract_id = r.contract_id
            join account a on a.id = r.account_id
            where r.outcome is not null and r.renewal_date between :from and :to""" + filter.where("a"))
        .param("from", Date.valueOf(from)).param("to", Date.valueOf(to)).params(filter.params())
        .query((rs, n) -> new DatedRenewal(rs.getDate("renewal_date").toLocalDate(),
            new PortfolioValue.Renewal(rs.getString("currency"), rs.getString("segment"),
                rs.getBigDecimal("arr_before"), rs.getBigDecimal("arr_after"), rs.getString("outcome"))))
        .list();
  }

  /** The accounts we serve (not churned) and their ARR, by segment and currency. */
  List<PortfolioValue.ActiveArr> activeArr(PortfolioFilter filter) {
    return jdbc.sql("""
            select a.segment, a.currency, count(*) as n, sum(a.arr) as arr from account a
            where a.lifecycle_stage <> 'churned'""" + filter.where("a") + """
             group by a.segment, a.currency order by a.segment, a.currency""")
        .params(filter.params())
        .query((rs, n) -> new PortfolioValue.ActiveArr(rs.getString("segment"), rs.getString("currency"),
            rs.getInt("n"), rs.getBigDecimal("arr")))
        .list();
  }

  /** The currencies of the accounts and contracts. */
  List<String> currencies() {
    return jdbc.sql("select distinct currency from contract order by currency").query(String.class).list();
  }

  /** Open renewals by month of their date and forecast, with their ARR. */
  List<PipelineRow> renewalPipeline(PortfolioFilter filter) {
    return jdbc.sql("""
            select extract(year from r.renewal_date) as y, extract(month from r.renewal_date) as m,
                   coalesce(r.forecast, 'not forecast') as f, count(*) as n, sum(r.arr_before) as arr
            from renewal r""" + (filter.isAll() ? " " : " join account a on a.id = r.account_id ") + """
             where r.outcome is null""" + filter.where("a") + """
             group by extract(year from r.renewal_date), extract(month from r.renewal_date), coalesce(r.forecast, 'not forecast')
            order by y, m, f""")
        .params(filter.params())
        .query((rs, n) -> new PipelineRow(rs.getInt("y"), rs.getInt("m"), rs.getString("f"), rs.getInt("n"),
            rs.getBigDecimal("arr")))
        .list();
  }

  /** Accounts not churned, by health band. */
  Map<String, Integer> healthDistribution(PortfolioFilter filter) {
    Map<String, Integer> health = new LinkedHashMap<>();
    jdbc.sql("""
            select coalesce(a.health_band, 'unscored') as band, count(*) as n from account a
            where a.lifecycle_stage <> 'churned'""" + filter.where("a") + """
             group by coalesce(a.health_band, 'unscored') order by band""")
        .params(filter.params())
        .query((rs, n) -> health.put(rs.getString("band"), rs.getInt("n"))).list();
    return health;
  }

  /**
   * The portfolio's health at the end of each month of the period: the last day of the month with a
   * snapshot (health_snapshot, one per nightly run).
   */
  List<HealthDay> healthByMonth(LocalDate from, LocalDate to, PortfolioFilter filter) {
    return jdbc.sql("""
            select s.taken_on, s.band, sum(s.accounts) as n, sum(s.arr) as arr from health_snapshot s
            where s.taken_on in (select max(taken_on) from health_snapshot where taken_on between :from and :to
                                 group by extract(year from taken_on), extract(month from taken_on))""" + filter.where("s") + """
             group by s.taken_on, s.band order by s.taken_on, s.band""")
        .param("from", Date.valueOf(from)).param("to", Date.valueOf(to)).params(filter.params())
        .query((rs, n) -> new HealthDay(rs.getDate("taken_on").toLocalDate(), rs.getString("band"), rs.getInt("n"),
            rs.getBigDecimal("arr")))
        .list();
  }

  /** Average days from contract start to first value, of the accounts that reached it in the period. */
  Double averageTimeToFirstValueDays(LocalDate from, LocalDate to, PortfolioFilter filter) {
    return jdbc.sql("""
            select avg(cast(a.time_to_first_value_days as double precision)) from account a
            where a.first_value_on between :from and :to""" + filter.where("a"))
        .param("from", Date.valueOf(from)).param("to", Date.valueOf(to)).params(filter.params())
        .query(Double.class).optional().orElse(null);
  }

  /** Time to first value by segment (tier), of the accounts that reached it in the period. */
  List<SegmentDays> timeToFirstValueBySegment(LocalDate from, LocalDate to, PortfolioFilter filter) {
    return jdbc.sql("""
            select a.segment, count(*) as n, avg(cast(a.time_to_first_value_days as double precision)) as days
            from account a where a.first_value_on between :from and :to""" + filter.where("a") + """
             group by a.segment order by a.segment""")
        .param("from", Date.valueOf(from)).param("to", Date.valueOf(to)).params(filter.params())
        .query((rs, n) -> new SegmentDays(rs.getString("segment"), rs.getInt("n"), rs.getDouble("days")))
        .list();
  }

  /** Accounts not churned and their ARR, per CSM and currency. */
  List<BookRow> books(PortfolioFilter filter) {
    return jdbc.sql("""
            select a.csm_id, a.currency, count(*) as n, sum(a.arr) as arr from account a
            where a.csm_id is not null and a.lifecycle_stage <> 'churned'""" + filter.where("a") + """
             group by a.csm_id, a.currency order by a.csm_id, a.currency""")
        .params(filter.params())
        .query((rs, n) -> new BookRow(rs.getString("csm_id"), rs.getString("currency"), rs.getInt("n"),
            rs.getBigDecimal("arr")))
        .list();
  }

  /** The accounts in the red or at risk, largest ARR first, with the open save play's reason. */
  List<AtRisk> redOrAtRisk(PortfolioFilter filter, int limit) {
    return jdbc.sql("""
            select a.id, a.name, a.segment, a.region, a.csm_id, a.arr, a.currency, a.health_score, a.health_band,
                   a.lifecycle_stage, i.id as intervention_id, i.started_at,
                   coalesce(i.reasons, i.trigger_reason,
                            (select h.reason from health_score h where h.account_id = a.id
                             order by h.scored_at desc, h.id desc limit 1)) as reason
            from account a
            left join open_intervention o on o.account_id = a.id
            left join intervention i on i.id = o.intervention_id
            where a.lifecycle_stage <> 'churned' and (a.health_band = 'red' or a.lifecycle_stage = 'at-risk')"""
            + filter.where("a") + """
             order by a.arr desc, a.id limit :limit""")
        .params(filter.params()).param("limit", limit)
        .query((rs, n) -> new AtRisk(rs.getLong("id"), rs.getString("name"), rs.getString("segment"),
            rs.getString("region"), rs.getString("csm_id"), rs.getBigDecimal("arr"), rs.getString("currency"),
            (Integer) rs.getObject("health_score", Integer.class), rs.getString("health_band"),
            rs.getString("lifecycle_stage"), (Long) rs.getObject("intervention_id", Long.class),
            rs.getString("reason"),
            rs.getTimestamp("started_at") == null ? null : rs.getTimestamp("started_at").toLocalDateTime().toLocalDate()))
        .list();
  }

  /** How many accounts are in the red or at risk. */
  int redOrAtRiskCount(PortfolioFilter filter) {
    return jdbc.sql("""
            select count(*) from account a
            where a.lifecycle_stage <> 'churned' and (a.health_band = 'red' or a.lifecycle_stage = 'at-risk')"""
            + filter.where("a"))
        .params(filter.params()).query(Integer.class).single();
  }

  /** The segments, regions and CSMs accounts have, for the filters' choices. */
  List<String> distinct(String column) {
    if (!List.of("segment", "region", "csm_id").contains(column)) {
      throw new IllegalArgumentException(column);
    }
    return jdbc.sql("select distinct " + column + " from account where " + column + " is not null order by " + column)
        .query(String.class).list();
  }
}
