package io.csplaybooks.benchmark;

import java.sql.Connection;
import java.time.LocalDate;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A year of a large portfolio in the application's own tables, for benchmarks of the pages that
 * read it: accounts across segments, regions, 50 CSMs and the lifecycle; a contract each (and the
 * term before it where a renewal was decided in the year); a year of health history; renewals, open
 * for the next 12 months with forecasts and decided over the last year with outcomes; and the daily
 * {@code health_snapshot} computed from that history.
 *
 * <p>Everything is made with set-based SQL ({@code generate_series}), deterministic for an account's
 * number (hashes, not {@code random()}), so two runs of the same size hold the same portfolio.
 *
 * <p>Health is scored <b>once a week</b> per account (53 scores, the last today), not daily: a score
 * row holds its measures as JSON, as the real ones do (about 600 bytes), and 100,000 accounts scored
 * daily would be 36.5 million rows and some 25 GB, where weekly is 5.3 million and fits the
 * benchmark's 2-minute budget. The snapshot is still daily: each day counts the band of the latest
 * score on or before it, as the nightly snapshot would have.
 *
 * <p>The data goes into the application's tables beside whatever else is there, so the pages under
 * test read it through their own queries. It is marked, not walled off: accounts' CRM ids start
 * with the run's prefix, contracts' ids too, and the generated accounts' ids are one range.
 * {@link #delete} removes exactly that, and takes its counts back out of the snapshot rows it added
 * to (a real snapshot of the same day and group keeps its own counts).
 */
public final class PortfolioData {

  public static final int CSMS = 50;
  /** Days of history, today included. */
  public static final int DAYS = 365;
  public static final String MODEL_VERSION = "2026-11";

  /** What one fill made: its marker, its accounts' id range, and the day it was made for. */
  public record Portfolio(String prefix, long firstAccountId, long lastAccountId, LocalDate today, int accounts) {

    public LocalDate firstDay() {
      return today.minusDays(DAYS - 1);
    }
  }

  /** The rows a portfolio has in each table. */
  public record Counts(long accounts, long contracts, long healthScores, long openRenewals, long decidedRenewals,
      long snapshotRows) {}

  private static final Logger LOG = LoggerFactory.getLogger(PortfolioData.class);

  private final DataSource dataSource;

  public PortfolioData(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Fills a portfolio of that many accounts whose history ends today. */
  public Portfolio fill(int accounts, LocalDate today) {
    if (accounts < 1 || accounts > 10_000_000) {
      throw new IllegalArgumentException("accounts: from 1 to 10,000,000, not " + accounts);
    }
    String prefix = "pd-" + Long.toString(System.currentTimeMillis(), 36) + "-";
    return BulkSql.onOneConnection(dataSource, "portfolio data", jdbc -> {
      try {
        BulkSql.Steps steps = new BulkSql.Steps();
        plan(jdbc, prefix, accounts, today);
        Portfolio portfolio = insertAccounts(jdbc, prefix, accounts, today);
        steps.done("accounts");
        insertContractsAndRenewals(jdbc, portfolio);
        steps.done("contracts and decided renewals");
        insertHealth(jdbc, portfolio, steps);
        addSnapshot(jdbc, portfolio, 1);
        steps.done("snapshot");
        for (String table : new String[] {"account", "contract", "renewal", "health_score", "health_snapshot"}) {
          jdbc.sql("analyze " + table).update();
        }
        steps.done("analyze");
        LOG.info("Portfolio data: {} accounts in {}", accounts, steps);
        return portfolio;
      } finally {
        jdbc.sql("drop table if exists pd_plan, pd_term").update();
      }
    });
  }

  /**
   * Each account's plan, by its number n: segment, region, stage, ARR, CSM, when it came and (for
   * churned ones) left, its health level, and which weeks of the year it was scored in (week w is
   * the day firstDay + 7w; week 52 is today).
   */
  private static void plan(JdbcClient jdbc, String prefix, int accounts, LocalDate today) {
    jdbc.sql("drop table if exists pd_plan, pd_term").update();
    jdbc.sql("""
        create temporary table pd_plan as
        select n, c.segment, c.region, c.stage, m.arr, m.csm_id, d.created_on, d.churned_on, d.first_week, d.last_week,
               case c.stage when 'at-risk' then 25 + r5 % 25 when 'churned' then 20 + r5 % 30 else 45 + r5 % 50 end as base,
               case c.segment when 'strategic' then 2000 when 'enterprise' then 500 when 'mid-market' then 100 else 20 end
                 as seats,
               r4, r5, cast(null as bigint) as id
        from generate_series(1, :n) n,
        lateral (select hashint8extended(n, 1) & 2147483647 as r1, hashint8extended(n, 2) & 2147483647 as r2,
                        hashint8extended(n, 3) & 2147483647 as r3, hashint8extended(n, 4) & 2147483647 as r4,
                        hashint8extended(n, 5) & 2147483647 as r5) r,
        lateral (select case when r1 % 1000 < 20 then 'strategic' when r1 % 1000 < 150 then 'enterprise'
                             when r1 % 1000 < 500 then 'mid-market' else 'scaled' end as segment,
                        case when r2 % 100 < 45 then 'AMER' when r2 % 100 < 80 then 'EMEA' else 'APAC' end as region,
                        case when r3 % 1000 < 10 then 'handoff' when r3 % 1000 < 70 then 'onboarding'
                             when r3 % 1000 < 100 then 'churned' when r3 % 1000 < 180 then 'at-risk'
                             when r3 % 1000 < 300 then 'renewal' else 'adoption' end as stage) c,
        lateral (select round(case c.segment when 'strategic' then 500000 + r4 % 1500000
                                             when 'enterprise' then 100000 + r4 % 400000
                                             when 'mid-market' then 20000 + r4 % 80000
                                             else 2000 + r4 % 18000 end, -2) as arr,
                        case when c.stage = 'handoff' or (c.segment = 'scaled' and r5 % 10 < 4) then null
                             else 'csm-' || (1 + r2 % :csms) end as csm_id) m,
        lateral (select cast(:today as date) - (case c.stage when 'handoff' then r4 % 21
                                                             when 'onboarding' then 21 + r4 % 49
                                                             else 800 + r5 % 1400 end)::int as created_on,
                        case when c.stage = 'churned' then cast(:today as date) - (7 + r4 % 350)::int end as churned_on) d0,
        lateral (select d0.created_on, d0.churned_on,
                        case c.stage when 'handoff' then null
                                     when 'onboarding' then (d0.created_on - cast(:first as date)) / 7 + 1
                                     else 0 end as first_week,
                        case c.stage when 'handoff' then null
                                     when 'churned' then (d0.churned_on - cast(:first as date) - 1) / 7
                                     else 52 end as last_week) d
        """)
        .param("n", accounts).param("csms", CSMS).param("today", today).param("first", today.minusDays(DAYS - 1))
        .update();
  }

  private static Portfolio insertAccounts(JdbcClient jdbc, String prefix, int accounts, LocalDate today) {
    jdbc.sql("""
        insert into account (crm_account_id, name, segment, region, arr, currency, lifecycle_stage, csm_id,
                             account_executive_id, renewal_owner_id, created_at, updated_at, churned_on, churn_reason)
        select :prefix || n, 'Portfolio account ' || n, segment, region,
               arr, 'USD', stage, csm_id, 'ae-' || (1 + r4 % 20),
               coalesce(csm_id, 'ae-' || (1 + r4 % 20)), created_on + time '09:00', cast(:today as date) + time '02:00',
               churned_on,
               case when churned_on is null then null
                    else (array['Budget cut', 'Moved to a competitor', 'Champion left', 'Product gaps',
                                'Acquired by another company'])[1 + r5 % 5] end
        from pd_plan order by n
        """).param("prefix", prefix).param("today", today).update();
    jdbc.sql("update pd_plan p set id = a.id from account a where a.crm_account_id = :prefix || p.n")
        .param("prefix", prefix).update();
    jdbc.sql("create index on pd_plan (id)").update();
    jdbc.sql("analyze pd_plan").update();
    return jdbc.sql("select min(id), max(id), count(*) from pd_plan")
        .query((rs, row) -> new Portfolio(prefix, rs.getLong(1), rs.getLong(2), today, rs.getInt(3))).single();
  }

  /**
   * The current term of each account (for churned ones, the last, which ended the day before the
   * churn), the term before it for accounts renewed in the year, and the renewals: the current
   * term's, open, renewing in the next 12 months, and the previous term's (or a churned account's
   * last), decided in the year.
   */
  private static void insertContractsAndRenewals(JdbcClient jdbc, Portfolio portfolio) {
    // Established accounts renewed in the year: renewed (72%), expanded (16%) or contracted (12%);
    // the ARR before follows from today's ARR and the outcome.
    jdbc.sql("""
        create temporary table pd_term as
        select p.id, p.n, p.stage, p.arr, p.csm_id, p.r4, p.r5, p.churned_on,
               case when p.stage in ('handoff', 'onboarding') then p.created_on
                    when p.stage = 'churned' then p.churned_on - interval '1 year'
                    else cast(:today as date) + 1 + (p.r4 % 365)::int - interval '1 year' end::date as term_start,
               case when p.stage in ('handoff', 'onboarding', 'churned') then null
                    when p.r5 % 100 < 72 then 'renewed' when p.r5 % 100 < 88 then 'expanded' else 'contracted' end
                 as outcome
        from pd_plan p
        """).param("today", portfolio.today()).update();
    jdbc.sql("alter table pd_term add column arr_before numeric(14, 2)").update();
    jdbc.sql("""
        update pd_term set arr_before = case outcome when 'expanded' then round(arr / (1.1 + (r4 % 30) / 100.0), -2)
                                                     when 'contracted' then round(arr / (0.95 - (r4 % 25) / 100.0), -2)
                                                     else arr end
        """).update();
    jdbc.sql("""
        insert into contract (contract_id, account_id, start_date, end_date, arr, kind, currency, replaces, created_at)
        select :prefix || n || '-1', id, term_start - interval '1 year', term_start - 1, arr_before, 'new-logo', 'USD',
               null, term_start - interval '1 year'
        from pd_term where outcome is not null
        union all
        select :prefix || n || case when outcome is null then '-1' else '-2' end, id, term_start,
               term_start + interval '1 year' - interval '1 day', arr, case when outcome is null then 'new-logo' else 'renewal' end,
               'USD', case when outcome is null then null else :prefix || n || '-1' end, term_start
        from pd_term
        """).param("prefix", portfolio.prefix()).update();
    // Decided in the year: the previous term's renewal, or a churned account's last.
    jdbc.sql("""
        insert into renewal (contract_id, account_id, process_instance_id, renewal_date, arr_before, owner_role, owner_id,
                             risk_level, forecast, outcome, arr_after, churn_reason, started_at, decided_on)
        select :prefix || t.n || '-1', t.id, 'portfolio-data-' || t.n || '-1',
               case when t.stage = 'churned' then t.churned_on else t.term_start end,
               case when t.stage = 'churned' then t.arr else t.arr_before end,
               case when t.csm_id is null then 'account-executive' else 'csm' end, coalesce(t.csm_id, 'ae-' || (1 + t.r4 % 20)),
               case when t.stage = 'churned' then 'high' when t.outcome = 'contracted' then 'medium' else 'low' end,
               case when t.stage = 'churned' then 'lost' when t.outcome = 'contracted' then 'at-risk' else 'commit' end,
               coalesce(t.outcome, 'churned'), case when t.stage = 'churned' then 0 else t.arr end,
               a.churn_reason,
               case when t.stage = 'churned' then t.term_start else t.term_start - interval '1 year' end + time '09:00',
               case when t.stage = 'churned' then t.churned_on else t.term_start end - (3 + t.r5 % 25)::int
        from pd_term t join account a on a.id = t.id
        where t.outcome is not null or t.stage = 'churned'
        """).param("prefix", portfolio.prefix()).update();
    jdbc.sql("create index on pd_term (id)").update();
    jdbc.sql("analyze pd_term").update();
  }

  /**
   * A score a week for each account in the weeks it was scored, from signals that follow its health
   * level (at-risk accounts slide over their last two months, churned ones before they left), with
   * measures, weights and explanations as {@code HealthScoring} stores them; the account's current
   * score and band are its latest. Then the open renewals, whose risk and forecast follow the band.
   */
  private static void insertHealth(JdbcClient jdbc, Portfolio portfolio, BulkSql.Steps steps) {
    withoutIndexesAndForeignKeys(jdbc, "health_score", () -> jdbc.sql("""
        insert into health_score (account_id, scored_at, score, band, computed_score, model_version, measures_json,
                                  trend_30d, reason)
        select s.account_id, s.day + time '02:00', s.score,
               case when s.score < 50 then 'red' when s.score > 75 then 'green' else 'yellow' end, s.score, :version,
               '[{"name":"adoption","value":' || s.adoption || ',"weight":30.0,"inputs":"' || s.active_users || ' active of '
                 || s.seats || ' licensed seats"},'
               || '{"name":"featureBreadth","value":' || s.breadth || ',"weight":15.0,"inputs":"' || s.features_used
                 || ' of 10 key features used"},'
               || '{"name":"engagement","value":' || s.engagement || ',"weight":15.0,"inputs":"last contact '
                 || s.days_since_contact || ' days ago"},'
               || '{"name":"support","value":' || s.support || ',"weight":15.0,"inputs":"' || s.tickets || ' tickets, '
                 || s.escalated || ' escalated, ' || s.critical || ' critical in 30 days"},'
               || '{"name":"nps","value":' || s.nps || ',"weight":15.0,"inputs":"latest NPS answer ' || s.nps_answer || '"},'
               || '{"name":"sentiment","value":' || s.sentiment_value || ',"weight":10.0,"inputs":"CSM noted '
                 || s.sentiment || '"}]',
               s.score - lag(s.score, 4) over (partition by s.account_id order by s.w), 'portfolio run'
        from (""" + scores("p.first_week", "p.last_week") + """
        ) s
        """).param("first", portfolio.firstDay()).param("version", MODEL_VERSION).update());
    steps.done("health history");
    jdbc.sql("""
        update account a set health_score = s.score,
               health_band = case when s.score < 50 then 'red' when s.score > 75 then 'green' else 'yellow' end
        from (""" + scores("p.last_week", "p.last_week") + """
        ) s
        where a.id = s.account_id
        """).param("first", portfolio.firstDay()).update();
    steps.done("current health");
    jdbc.sql("""
        insert into renewal (contract_id, account_id, process_instance_id, renewal_date, arr_before, owner_role, owner_id,
                             risk_level, forecast, started_at)
        select c.contract_id, a.id, 'portfolio-data-' || t.n || '-open', c.end_date + 1, a.arr,
               case when a.csm_id is null then 'account-executive' else 'csm' end, coalesce(a.csm_id, a.account_executive_id),
               case a.health_band when 'red' then 'high' when 'yellow' then 'medium' when 'green' then 'low' end,
               case when a.health_band = 'red' and t.r5 % 4 = 0 then 'lost' when a.health_band = 'red' then 'at-risk'
                    when a.health_band = 'green' and t.r4 % 3 > 0 then 'commit' else 'likely' end,
               c.start_date + time '09:00'
        from pd_term t join account a on a.id = t.id
        join contract c on c.contract_id = :prefix || t.n || case when t.outcome is null then '-1' else '-2' end
        where t.stage <> 'churned'
        """).param("prefix", portfolio.prefix()).update();
    steps.done("open renewals");
  }

  /**
   * Runs a bulk insert into the table with its secondary indexes and foreign keys taken off, and
   * puts them back as they were (from PostgreSQL's own definitions) afterwards, even when the insert
   * fails. Measured on 2 cores for 4.9 million health scores: 112 s with them, about 50 s without
   * the foreign key's check of every row, 61 s without the indexes, which then build in 9 s; the
   * foreign key comes back checked in one pass. The table is locked meanwhile: for a benchmark's
   * database or a test that runs alone, never for a database in use.
   */
  static void withoutIndexesAndForeignKeys(JdbcClient jdbc, String table, Runnable insert) {
    List<String[]> indexes = jdbc.sql("""
            select i.indexname, i.indexdef from pg_indexes i
            where i.schemaname = current_schema() and i.tablename = :table
              and i.indexname not in (select conname from pg_constraint where conrelid = cast(:table as regclass))""")
        .param("table", table).query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).list();
    List<String[]> foreignKeys = jdbc.sql("""
            select conname, pg_get_constraintdef(oid) from pg_constraint
            where conrelid = cast(:table as regclass) and contype = 'f'""")
        .param("table", table).query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).list();
    for (String[] foreignKey : foreignKeys) {
      jdbc.sql("alter table " + table + " drop constraint " + foreignKey[0]).update();
    }
    for (String[] index : indexes) {
      jdbc.sql("drop index " + index[0]).update();
    }
    try {
      insert.run();
    } finally {
      for (String[] index : indexes) {
        jdbc.sql(index[1]).update();
      }
      for (String[] foreignKey : foreignKeys) {
        jdbc.sql("alter table " + table + " add constraint " + foreignKey[0] + " " + foreignKey[1]).update();
      }
    }
  }

  /**
   * The weekly scores of the planned accounts in the weeks from..to (SQL expressions over the plan
   * {@code p}): the signals follow the account's level t (at-risk accounts slide over their last two
   * months, churned ones before they left) with some noise, one hash a week; each measure is
   * normalized and weighted as {@code Scorecard} does with the default model (integer arithmetic,
   * rounding half up as Math.round). Each step is its own subquery ({@code offset 0}) so that
   * PostgreSQL computes a value once instead of inlining its expression into every use.
   */
  private static String scores(String from, String to) {
    return """
        select p.id as account_id, p.seats, w, cast(:first as date) + 7 * w as day, i.*, v.*,
               (2 * (30 * v.adoption + 15 * v.breadth + 15 * v.engagement + 15 * v.support + 15 * v.nps
                     + 10 * v.sentiment_value) + 100) / 200 as score
        from pd_plan p
        cross join lateral generate_series(%s, %s) w
        cross join lateral (select (hashint8extended(p.id * 64 + w, 6) & 2147483647)::int as h offset 0) r
        cross join lateral (select least(100, greatest(5, p.base + case
                   when p.stage = 'at-risk' then least(20, (52 - w) * 20 / 8)
                   when p.stage = 'churned' then least(20, (p.last_week - w) * 20 / 8) else 0 end
                 + r.h %% 17 - 8)) as t offset 0) l
        cross join lateral (select
                 (p.seats * least(100, greatest(3, l.t + (r.h >> 5) %% 11 - 5)) * 2 + 100) / 200 as active_users,
                 least(10, greatest(1, (greatest(0, l.t + (r.h >> 9) %% 21 - 10) * 2 + 10) / 20)) as features_used,
                 least(90, ((100 - l.t) * 6 + 5) / 10 + (r.h >> 14) %% 7) as days_since_contact,
                 least(12, greatest(0, ((100 - l.t) * 2 + 12) / 24 + (r.h >> 17) %% 3 - 1)) as tickets,
                 case when l.t < 45 and p.r4 %% 3 = 0 then 1 else 0 end as escalated,
                 case when l.t < 35 and p.r5 %% 4 = 0 then 1 else 0 end as critical,
                 least(10, greatest(0, (l.t * 2 + 10) / 20 + (r.h >> 20) %% 3 - 1)) as nps_answer,
                 case when l.t >= 70 then 'positive' when l.t >= 45 then 'neutral' else 'negative' end as sentiment
                 offset 0) i
        cross join lateral (select
                 (200 * least(i.active_users, p.seats) + p.seats) / (2 * p.seats) as adoption,
                 i.features_used * 10 as breadth,
                 case when i.days_since_contact <= 14 then 100 when i.days_since_contact >= 60 then 0
                      else ((60 - i.days_since_contact) * 200 + 46) / 92 end as engagement,
                 greatest(0, 100 - 5 * i.tickets - 10 * i.escalated - 20 * i.critical) as support,
                 i.nps_answer * 10 as nps,
                 case i.sentiment when 'positive' then 100 when 'neutral' then 60 else 20 end as sentiment_value
                 offset 0) v
        where p.first_week is not null
        """.formatted(from, to);
  }

  /**
   * Adds the portfolio's accounts to the daily snapshot ({@code sign} 1) or takes them out (-1):
   * each day of the year, the accounts present that day (from the day they came, until the day
   * they churned) and their ARR, by segment, region, CSM ('' for none) and the band of their latest
   * score on or before the day ('unscored' before the first).
   *
   * <p>Computed from the health history itself, as stretches of days in one band: a stretch adds
   * to its group on its first day and leaves it the day after its last, and a running sum per group
   * gives each day's counts without a row per account and day (36.5 million for 100,000 accounts).
   */
  private static void addSnapshot(JdbcClient jdbc, Portfolio portfolio, int sign) {
    jdbc.sql("""
        insert into health_snapshot (taken_on, segment, region, csm_id, band, accounts, arr)
        with present as (
          select a.id, a.segment, a.region, coalesce(a.csm_id, '') as csm_id, a.arr,
                 greatest(a.created_at::date, cast(:first as date)) as from_day,
                 least(coalesce(a.churned_on - 1, cast(:today as date)), cast(:today as date)) as to_day
          from account a
          where a.id between :lo and :hi and a.crm_account_id like :like
        ),
        scores as (
          select h.account_id, h.scored_at::date as day, coalesce(h.band, 'unscored') as band,
                 lead(h.scored_at::date) over (partition by h.account_id order by h.scored_at, h.id) as next_day,
                 min(h.scored_at::date) over (partition by h.account_id) as first_day
          from health_score h where h.account_id between :lo and :hi
        ),
        stretches as (
          select p.segment, p.region, p.csm_id, p.arr, 'unscored' as band, p.from_day as start_day,
                 least(p.to_day, coalesce(f.first_day - 1, p.to_day)) as end_day
          from present p left join (select distinct account_id, first_day from scores) f on f.account_id = p.id
          union all
          select p.segment, p.region, p.csm_id, p.arr, s.band, greatest(s.day, p.from_day),
                 least(coalesce(s.next_day - 1, p.to_day), p.to_day)
          from present p join scores s on s.account_id = p.id
        ),
        changes as (
          select day, segment, region, csm_id, band, sum(accounts) as accounts, sum(arr) as arr from (
            select start_day as day, segment, region, csm_id, band, 1 as accounts, arr as arr
            from stretches where start_day <= end_day
            union all
            select end_day + 1, segment, region, csm_id, band, -1, -arr
            from stretches where start_day <= end_day and end_day < cast(:today as date)) e
          group by day, segment, region, csm_id, band
        ),
        daily as (
          select d.day, g.segment, g.region, g.csm_id, g.band,
                 sum(coalesce(c.accounts, 0)) over running as accounts, sum(coalesce(c.arr, 0)) over running as arr
          from (select distinct segment, region, csm_id, band from changes) g
          cross join (select day::date as day from generate_series(cast(:first as date), cast(:today as date),
                                                                   interval '1 day') day) d
          left join changes c on c.day = d.day and c.segment = g.segment and c.region = g.region
                             and c.csm_id = g.csm_id and c.band = g.band
          window running as (partition by g.segment, g.region, g.csm_id, g.band order by d.day)
        )
        select day, segment, region, csm_id, band, :sign * accounts, :sign * arr from daily where accounts > 0
        on conflict (taken_on, segment, region, csm_id, band) do update
          set accounts = health_snapshot.accounts + excluded.accounts, arr = health_snapshot.arr + excluded.arr
        """)
        .param("first", portfolio.firstDay()).param("today", portfolio.today())
        .param("lo", portfolio.firstAccountId()).param("hi", portfolio.lastAccountId())
        .param("like", portfolio.prefix() + "%").param("sign", sign)
        .update();
  }

  /** The rows the portfolio has, table by table. */
  public Counts count(Portfolio portfolio) {
    return BulkSql.onOneConnection(dataSource, "portfolio data", jdbc -> {
      String mine = " between :lo and :hi";
      return new Counts(
          count(jdbc, portfolio, "select count(*) from account where id" + mine + " and crm_account_id like :like"),
          count(jdbc, portfolio, "select count(*) from contract where account_id" + mine + " and contract_id like :like"),
          count(jdbc, portfolio, "select count(*) from health_score where account_id" + mine),
          count(jdbc, portfolio, "select count(*) from renewal where account_id" + mine + " and outcome is null"),
          count(jdbc, portfolio, "select count(*) from renewal where account_id" + mine + " and outcome is not null"),
          count(jdbc, portfolio, "select count(*) from health_snapshot where taken_on between :first and :today"));
    });
  }

  private static long count(JdbcClient jdbc, Portfolio portfolio, String sql) {
    return jdbc.sql(sql).param("lo", portfolio.firstAccountId()).param("hi", portfolio.lastAccountId())
        .param("like", portfolio.prefix() + "%").param("first", portfolio.firstDay()).param("today", portfolio.today())
        .query(Long.class).single();
  }

  /**
   * Removes the portfolio: its counts from the snapshot (rows left with no account go), then its
   * renewals, health scores, contracts and accounts.
   */
  public void delete(Portfolio portfolio) {
    BulkSql.onOneConnection(dataSource, "portfolio data", jdbc -> {
      addSnapshot(jdbc, portfolio, -1);
      jdbc.sql("delete from health_snapshot where accounts = 0 and taken_on between :first and :today")
          .param("first", portfolio.firstDay()).param("today", portfolio.today()).update();
      String mine = " where account_id between :lo and :hi and account_id in"
          + " (select id from account where id between :lo and :hi and crm_account_id like :like)";
      for (String table : new String[] {"renewal", "health_score", "contract"}) {
        jdbc.sql("delete from " + table + mine).param("lo", portfolio.firstAccountId())
            .param("hi", portfolio.lastAccountId()).param("like", portfolio.prefix() + "%").update();
        if (table.equals("renewal")) {
          // Each contract deleted looks for renewals of it through the foreign key, and renewal.contract_id
          // has no index: a scan of the whole table, dead rows included (no autovacuum here), per contract
          // (over 2 minutes for 190,000 contracts). Vacuumed, each scan reads only the rows left.
          jdbc.sql("vacuum renewal").update();
        }
      }
      jdbc.sql("delete from account where id between :lo and :hi and crm_account_id like :like")
          .param("lo", portfolio.firstAccountId()).param("hi", portfolio.lastAccountId())
          .param("like", portfolio.prefix() + "%").update();
      return null;
    });
  }
}
