package io.csplaybooks.metrics;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.Collection;
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

  /** Decided renewals of one day, for figures by quarter. */
  record DatedRenewal(LocalDate day, PortfolioValue.Renewal renewal) {

    LocalDate quarter() {
      return day.withDayOfMonth(1).withMonth((day.getMonthValue() - 1) / 3 * 3 + 1);
    }
  }

  /** Accounts (not churned) of one segment, currency, CSM (or none), band and risk, with their ARR. */
  public record AccountGroup(String segment, String currency, String csm, String band, boolean atRisk, int accounts,
      BigDecimal arr) {}

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

  /**
   * The renewals due in the period whose outcome is known, added up by their date, the account's
   * currency (its contracts') and segment, and outcome: at most a few thousand rows however large the
   * portfolio (a plain date groups faster than a computed quarter; the quarters are added up in Java).
   */
  List<DatedRenewal> decidedRenewals(LocalDate from, LocalDate to, PortfolioFilter filter) {
    return jdbc.sql("""
            select r.renewal_date, a.currency, a.segment, r.outcome, count(*) as n, sum(r.arr_before) as arr_before,
                   sum(r.arr_after) as arr_after
            from renewal r
            join account a on a.id = r.account_id
            where r.outcome is not null and r.renewal_date between """ + period(from, to) + filter.where("a") + """
             group by r.renewal_date, a.currency, a.segment, r.outcome""")
        .params(filter.params())
        .query((rs, n) -> new DatedRenewal(rs.getDate("renewal_date").toLocalDate(),
            new PortfolioValue.Renewal(rs.getString("currency"), rs.getString("segment"),
                rs.getBigDecimal("arr_before"), rs.getBigDecimal("arr_after"), rs.getString("outcome"), rs.getInt("n"))))
        .list();
  }

  /**
   * The accounts we serve (not churned), counted with their ARR by segment, currency, CSM, health band
   * and whether they are in the red or at risk: one scan of the accounts for everything the portfolio
   * adds up from them (active ARR, the CSMs' books, health now, how many need saving).
   */
  List<AccountGroup> accountGroups(PortfolioFilter filter) {
    return jdbc.sql("""
            select a.segment, a.currency, a.csm_id, coalesce(a.health_band, 'unscored') as band,
                   case when a.health_band = 'red' or a.lifecycle_stage = 'at-risk' then 1 else 0 end as risk,
                   count(*) as n, sum(a.arr) as arr
            from account a where a.lifecycle_stage <> 'churned'""" + filter.where("a") + """
             group by a.segment, a.currency, a.csm_id, coalesce(a.health_band, 'unscored'),
                     case when a.health_band = 'red' or a.lifecycle_stage = 'at-risk' then 1 else 0 end""")
        .params(filter.params())
        .query((rs, n) -> new AccountGroup(rs.getString("segment"), rs.getString("currency"), rs.getString("csm_id"),
            rs.getString("band"), rs.getInt("risk") == 1, rs.getInt("n"), rs.getBigDecimal("arr")))
        .list();
  }

  /**
   * " date '2025-12-03' and date '2026-12-03'" (a space first, to follow a text block): a period written into the statement rather than bound,
   * so the database plans a year's scan as a year's scan (a prepared statement's generic plan guessed a
   * few rows and looked the accounts up one by one: twice as slow at 100,000 accounts). Safe to write
   * in: a LocalDate prints only digits and dashes.
   */
  private static String period(LocalDate from, LocalDate to) {
    return " date '" + from + "' and date '" + to + "'";
  }

  /** Open renewals by month of their date and forecast, with their ARR. */
  List<PipelineRow> renewalPipeline(PortfolioFilter filter) {
    return jdbc.sql("""
            select date_trunc('month', r.renewal_date) as m, coalesce(r.forecast, 'not forecast') as f, count(*) as n,
                   sum(r.arr_before) as arr
            from renewal r""" + (filter.isAll() ? " " : " join account a on a.id = r.account_id ") + """
             where r.outcome is null""" + filter.where("a") + """
             group by date_trunc('month', r.renewal_date), coalesce(r.forecast, 'not forecast')
            order by m, f""")
        .params(filter.params())
        .query((rs, n) -> {
          LocalDate month = rs.getTimestamp("m").toLocalDateTime().toLocalDate();
          return new PipelineRow(month.getYear(), month.getMonthValue(), rs.getString("f"), rs.getInt("n"),
              rs.getBigDecimal("arr"));
        })
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
   * The last day of each month of the period with a snapshot (health_snapshot, one a nightly run): a
   * look-up of the key's first column per month, so the months cost the same at any portfolio size.
   */
  List<LocalDate> lastSnapshotOfEachMonth(LocalDate from, LocalDate to) {
    List<LocalDate> days = new java.util.ArrayList<>();
    for (LocalDate month = from.withDayOfMonth(1); !month.isAfter(to); month = month.plusMonths(1)) {
      LocalDate first = month.isBefore(from) ? from : month;
      LocalDate last = month.plusMonths(1).minusDays(1).isAfter(to) ? to : month.plusMonths(1).minusDays(1);
      jdbc.sql("select max(taken_on) from health_snapshot where taken_on between :first and :last")
          .param("first", Date.valueOf(first)).param("last", Date.valueOf(last))
          .query((rs, n) -> java.util.Optional.ofNullable(rs.getDate(1))).single().map(Date::toLocalDate)
          .ifPresent(days::add);
    }
    return days;
  }

  /** The portfolio's health on these days: accounts and ARR by band. */
  List<HealthDay> healthOn(List<LocalDate> days, PortfolioFilter filter) {
    if (days.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("""
            select s.taken_on, s.band, sum(s.accounts) as n, sum(s.arr) as arr from health_snapshot s
            where s.taken_on in (:days)""" + filter.where("s") + """
             group by s.taken_on, s.band order by s.taken_on, s.band""")
        .param("days", days.stream().map(Date::valueOf).toList()).params(filter.params())
        .query((rs, n) -> new HealthDay(rs.getDate("taken_on").toLocalDate(), rs.getString("band"), rs.getInt("n"),
            rs.getBigDecimal("arr")))
        .list();
  }

  /** Time to first value by segment (tier), of the accounts that reached it in the period. */
  List<SegmentDays> timeToFirstValueBySegment(LocalDate from, LocalDate to, PortfolioFilter filter) {
    return jdbc.sql("""
            select a.segment, count(*) as n, avg(cast(a.time_to_first_value_days as double precision)) as days
            from account a where a.first_value_on between """ + period(from, to) + filter.where("a") + """
             group by a.segment order by a.segment""")
        .params(filter.params())
        .query((rs, n) -> new SegmentDays(rs.getString("segment"), rs.getInt("n"), rs.getDouble("days")))
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

  /** A person's open tasks, and how many of them are overdue. */
  public record TaskCount(long open, long overdue) {

    static final TaskCount NONE = new TaskCount(0, 0);
  }

  /**
   * The open tasks assigned to each of these people, and the overdue ones, in one grouped query on the
   * engine's runtime task table (read only; the engine's task query would be two queries a person).
   * Counts every task assigned to them, as {@code TaskService.createTaskQuery().taskAssignee(id).count()}.
   */
  Map<String, TaskCount> tasksOf(Collection<String> assignees, java.time.Instant now) {
    Map<String, TaskCount> counts = new LinkedHashMap<>();
    if (assignees.isEmpty()) {
      return counts;
    }
    jdbc.sql("""
            select assignee_, count(*) as n, sum(case when due_date_ < :now then 1 else 0 end) as overdue
            from act_ru_task where assignee_ in (:assignees) group by assignee_""")
        .param("now", java.sql.Timestamp.from(now)).param("assignees", List.copyOf(assignees))
        .query((rs, n) -> counts.put(rs.getString("assignee_"), new TaskCount(rs.getLong("n"), rs.getLong("overdue"))))
        .list();
    return counts;
  }
}
