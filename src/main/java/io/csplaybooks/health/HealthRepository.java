package io.csplaybooks.health;

import io.csplaybooks.account.Accounts;
import io.csplaybooks.common.Batches;
import io.csplaybooks.common.EngineClock;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Signals and health scores, read and written set-based: one query for many accounts. */
@Repository
class HealthRepository {

  /** Each account's latest usage, NPS and sentiment, its support load in the window, its last contact. */
  private static final String INPUTS = """
      with recent as (
        select * from customer_signal where occurred_at >= :since /*accounts*/
      ),
      usage_ranked as (
        select account_id, active_users, licensed_seats, features_used, features_total,
               row_number() over (partition by account_id order by occurred_at desc, signal_id desc) as rn
        from recent where type = 'usage'
      ),
      support as (
        select account_id, sum(tickets_opened) as opened, sum(coalesce(tickets_escalated, 0)) as escalated,
               sum(case when severity = 'critical' then tickets_opened else 0 end) as critical
        from recent where type = 'support' group by account_id
      ),
      nps_ranked as (
        select account_id, nps_score,
               row_number() over (partition by account_id order by occurred_at desc, signal_id desc) as rn
        from recent where type = 'nps'
      ),
      sentiment_ranked as (
        select account_id, sentiment,
               row_number() over (partition by account_id order by occurred_at desc, signal_id desc) as rn
        from recent where type = 'sentiment'
      ),
      contact as (
        select account_id, max(occurred_at) as last_contact
        from customer_signal where type = 'engagement' and meeting_held = true /*accounts*/ group by account_id
      )
      select a.id, u.active_users, u.licensed_seats, u.features_used, u.features_total,
             s.opened, s.escalated, s.critical, n.nps_score, se.sentiment, c.last_contact
      from account a
      left join usage_ranked u on u.account_id = a.id and u.rn = 1
      left join support s on s.account_id = a.id
      left join nps_ranked n on n.account_id = a.id and n.rn = 1
      left join sentiment_ranked se on se.account_id = a.id and se.rn = 1
      left join contact c on c.account_id = a.id
      where a.lifecycle_stage <> 'churned' /*where*/
      """;

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate named;

  private final Accounts accounts;

  public HealthRepository(JdbcClient jdbc, NamedParameterJdbcTemplate named, Accounts accounts) {
    this.accounts = accounts;
    this.jdbc = jdbc;
    this.named = named;
  }

  /** Scorecard inputs for the given accounts, or for every open account when ids is null. */
  public List<ScorecardInputs> inputs(Collection<Long> ids, Instant now, int windowDays) {
    String sql = ids == null ? INPUTS
        : INPUTS.replace("/*accounts*/", "and account_id in (:ids)").replace("/*where*/", "and a.id in (:ids)");
    MapSqlParameterSource params = new MapSqlParameterSource("since", Timestamp.from(now.minusSeconds(86_400L * windowDays)));
    if (ids != null) {
      params.addValue("ids", ids);
    }
    return named.query(sql, params, (rs, n) -> {
      Timestamp lastContact = rs.getTimestamp("last_contact");
      return new ScorecardInputs(rs.getLong("id"), integer(rs, "active_users"), integer(rs, "licensed_seats"),
          integer(rs, "features_used"), integer(rs, "features_total"),
          lastContact == null ? null : (int) Math.max(0, (now.getEpochSecond() - lastContact.toInstant().getEpochSecond()) / 86_400),
          integer(rs, "opened"), integer(rs, "escalated"), integer(rs, "critical"), integer(rs, "nps_score"),
          rs.getString("sentiment"));
    });
  }

  /** Each account's latest score at or before the cutoff, for the 30-day trend. */
  public Map<Long, Integer> scoresAt(Collection<Long> ids, Instant cutoff) {
    Map<Long, Integer> scores = new HashMap<>();
    named.query("""
        select account_id, score from (
          select account_id, score, row_number() over (partition by account_id order by scored_at desc, id desc) as rn
          from health_score where scored_at <= :cutoff and account_id in (:ids)) latest
        where rn = 1 and score is not null""",
        new MapSqlParameterSource("cutoff", Timestamp.from(cutoff)).addValue("ids", ids),
        rs -> {
          scores.put(rs.getLong("account_id"), rs.getInt("score"));
        });
    return scores;
  }

  /** An account's segment and its band now, as scoring needs them. */
  public record Standing(String segment, String band) {}

  /** Each account's segment and current band, in one read. */
  public Map<Long, Standing> standing(Collection<Long> ids) {
    Map<Long, Standing> standing = new HashMap<>();
    named.query("select id, segment, health_band from account where id in (:ids)", new MapSqlParameterSource("ids", ids),
        rs -> {
          standing.put(rs.getLong("id"), new Standing(rs.getString("segment"), rs.getString("health_band")));
        });
    return standing;
  }

  public Map<Long, HealthOverride> activeOverrides(Collection<Long> ids, LocalDate today) {
    Map<Long, HealthOverride> overrides = new HashMap<>();
    named.query("select account_id, score, reason, until_date, created_by from health_override"
            + " where until_date >= :today and account_id in (:ids)",
        new MapSqlParameterSource("today", today).addValue("ids", ids),
        rs -> {
          overrides.put(rs.getLong("account_id"), new HealthOverride(rs.getInt("score"), rs.getString("reason"),
              rs.getDate("until_date").toLocalDate(), rs.getString("created_by")));
        });
    return overrides;
  }

  public void saveOverride(long accountId, HealthOverride override) {
    jdbc.sql("delete from health_override where account_id = :id").param("id", accountId).update();
    jdbc.sql("""
            insert into health_override (account_id, score, reason, until_date, created_by, created_at)
            values (:id, :score, :reason, :until, :by, :now)""")
        .param("id", accountId).param("score", override.score()).param("reason", override.reason())
        .param("until", override.until()).param("by", override.by()).param("now", Timestamp.from(EngineClock.now()))
        .update();
  }

  /**
   * Stores the scores (one batch, all scored at the same instant) and puts each account's current
   * score and band on the account.
   */
  public void save(List<HealthRecord> records) {
    if (records.isEmpty()) {
      return;
    }
    List<SqlParameterSource> rows = new ArrayList<>();
    for (HealthRecord r : records) {
      rows.add(new MapSqlParameterSource()
          .addValue("account", r.accountId())
          .addValue("at", Timestamp.from(r.scoredAt()))
          .addValue("score", r.score())
          .addValue("band", r.band() == null ? null : r.band().code())
          .addValue("computed", r.computedScore())
          .addValue("version", r.modelVersion())
          .addValue("measures", r.measuresJson())
          .addValue("trend", r.trend30d())
          .addValue("reason", r.reason())
          .addValue("overrideReason", r.override() == null ? null : r.override().reason())
          .addValue("overrideBy", r.override() == null ? null : r.override().by())
          .addValue("overrideUntil", r.override() == null ? null : r.override().until()));
    }
    SqlParameterSource[] batch = rows.toArray(SqlParameterSource[]::new);
    named.batchUpdate("""
        insert into health_score (account_id, scored_at, score, band, computed_score, model_version, measures_json,
                                  trend_30d, reason, override_reason, override_by, override_until)
        values (:account, :at, :score, :band, :computed, :version, :measures, :trend, :reason, :overrideReason,
                :overrideBy, :overrideUntil)""", batch);
    accounts.refreshCurrentHealth(records.stream().map(HealthRecord::accountId).toList());
  }

  /**
   * Records the portfolio's health of the day (health_snapshot): accounts and ARR by segment, region,
   * CSM and band, replacing what the day had, so a second run on the same day counts once.
   */
  @Transactional
  public void snapshotPortfolio(LocalDate day) {
    jdbc.sql("delete from health_snapshot where taken_on = :day").param("day", Date.valueOf(day)).update();
    jdbc.sql("""
            insert into health_snapshot (taken_on, segment, region, csm_id, band, accounts, arr)
            select :day, segment, region, coalesce(csm_id, ''), coalesce(health_band, 'unscored'), count(*), sum(arr)
            from account where lifecycle_stage <> 'churned'
            group by segment, region, coalesce(csm_id, ''), coalesce(health_band, 'unscored')""")
        .param("day", Date.valueOf(day)).update();
  }

  /** Deletes the portfolio snapshots of the days before this one. */
  public long deleteSnapshotsBefore(LocalDate day) {
    return jdbc.sql("delete from health_snapshot where taken_on < :day").param("day", Date.valueOf(day)).update();
  }

  /** The 30-day trend of the account's latest score, if it has one: one column, for renewal risk. */
  public Optional<Integer> latestTrend(long accountId) {
    return jdbc.sql("select trend_30d from health_score where account_id = :a order by scored_at desc, id desc limit 1")
        .param("a", accountId).query((rs, n) -> (Integer) rs.getObject(1, Integer.class)).optional();
  }

  public Optional<HealthRecord> latest(long accountId) {
    return history(accountId, 1).stream().findFirst();
  }

  /** The account's scores, newest first. */
  public List<HealthRecord> history(long accountId, int limit) {
    return jdbc.sql("""
            select account_id, scored_at, score, band, computed_score, model_version, measures_json, trend_30d, reason,
                   override_reason, override_by, override_until
            from health_score where account_id = :id order by scored_at desc, id desc limit :limit""")
        .param("id", accountId).param("limit", limit)
        .query(HealthRepository::record)
        .list();
  }

  /**
   * The account's scorings whose score moved by at least {@code points} from the scoring before, or
   * whose band changed, newest first, at most {@code limit}: one query on the account's scores
   * (index on account and time), the comparison with the one before done by the database. The
   * account's oldest kept score has nothing to compare with and is never a move.
   */
  public List<ScoreMove> moves(long accountId, int points, int limit) {
    return jdbc.sql("""
            select scored_at, score, band, previous_score, previous_band, reason, override_reason, override_by from (
              select id, scored_at, score, band, reason, override_reason, override_by,
                     lag(score) over (order by scored_at, id) as previous_score,
                     lag(band) over (order by scored_at, id) as previous_band,
                     row_number() over (order by scored_at, id) as position
              from health_score where account_id = :id) scored
            where position > 1
              and (band is distinct from previous_band or abs(score - previous_score) >= :points)
            order by scored_at desc, id desc limit :limit""")
        .param("id", accountId).param("points", points).param("limit", limit)
        .query((rs, n) -> new ScoreMove(rs.getTimestamp("scored_at").toInstant(), integer(rs, "previous_score"),
            integer(rs, "score"), band(rs.getString("previous_band")), band(rs.getString("band")), rs.getString("reason"),
            rs.getString("override_reason"), rs.getString("override_by")))
        .list();
  }

  private static HealthBand band(String code) {
    return code == null ? null : HealthBand.fromCode(code);
  }

  private static HealthRecord record(ResultSet rs, int n) throws SQLException {
    String overrideReason = rs.getString("override_reason");
    return new HealthRecord(rs.getLong("account_id"), rs.getTimestamp("scored_at").toInstant(), integer(rs, "score"),
        rs.getString("band") == null ? null : HealthBand.fromCode(rs.getString("band")), integer(rs, "computed_score"),
        rs.getString("model_version"), rs.getString("measures_json"), integer(rs, "trend_30d"), rs.getString("reason"),
        overrideReason == null ? null : new HealthOverride(integer(rs, "score"), overrideReason,
            rs.getDate("override_until").toLocalDate(), rs.getString("override_by")));
  }

  private static Integer integer(ResultSet rs, String column) throws SQLException {
    Object value = rs.getObject(column);
    return value == null ? null : ((Number) value).intValue();
  }

  /**
   * Deletes the scores taken before the instant, a batch per statement (each its own short
   * transaction), so that a large first run never holds a long lock.
   *
   * @return how many were deleted
   */
  public long deleteScoresBefore(Instant cutoff, int batch) {
    return Batches.deleteInBatches(batch, () -> jdbc.sql("""
            delete from health_score where id in
              (select id from health_score where scored_at < :cutoff order by scored_at limit :batch)""")
        .param("cutoff", Timestamp.from(cutoff)).param("batch", batch).update());
  }
}
