package io.csplaybooks.health;

import io.csplaybooks.common.Batches;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Which open accounts are in a state a trigger watches (health fell into a band, the score fell,
 * usage fell, a detractor answered, no contact): each one statement over every account, or over the
 * accounts given (those whose signals just arrived), never account by account.
 */
@Repository
class HealthConditions {

  private final NamedParameterJdbcTemplate jdbc;

  HealthConditions(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The open accounts whose current band is the band or a worse one (yellow: yellow or red). */
  Set<Long> atOrBelow(HealthBand band, Collection<Long> among) {
    List<String> bands = band == HealthBand.GREEN ? List.of("green", "yellow", "red")
        : band == HealthBand.YELLOW ? List.of("yellow", "red") : List.of("red");
    return query("select a.id from account a where a.lifecycle_stage <> 'churned' and a.health_band in (:bands)"
        + " /*among*/", "a.id", new MapSqlParameterSource("bands", bands), among);
  }

  /** The open accounts whose current score is {@code points} or more below their highest score since the instant. */
  Set<Long> scoreFell(int points, Instant since, Collection<Long> among) {
    return query("""
        select a.id from account a
        join (select account_id, max(score) as highest from health_score
              where scored_at >= :since and score is not null /*among-scores*/ group by account_id) h
          on h.account_id = a.id
        where a.lifecycle_stage <> 'churned' and a.health_score is not null and h.highest - a.health_score >= :points
        /*among*/""", "a.id",
        new MapSqlParameterSource("since", Timestamp.from(since)).addValue("points", points), among);
  }

  /**
   * The open accounts whose usage (active users as a share of seats, from the latest usage signal) is
   * down by {@code percent} % or more from what it was {@code days} days ago (the latest usage signal
   * at or before then, within another {@code days} days).
   */
  Set<Long> usageFell(int percent, int days, Instant now, Collection<Long> among) {
    Instant then = now.minusSeconds(86_400L * days);
    Instant from = then.minusSeconds(86_400L * days);
    return query("""
        with u as (
          select account_id, occurred_at, signal_id, active_users * 1.0 / licensed_seats as adoption
          from customer_signal
          where type = 'usage' and licensed_seats > 0 and active_users is not null
            and occurred_at >= :from and occurred_at <= :now /*among-signals*/
        ),
        latest as (
          select account_id, adoption,
                 row_number() over (partition by account_id order by occurred_at desc, signal_id desc) as rn
          from u where occurred_at > :then
        ),
        earlier as (
          select account_id, adoption,
                 row_number() over (partition by account_id order by occurred_at desc, signal_id desc) as rn
          from u where occurred_at <= :then
        )
        select a.id from account a
        join latest l on l.account_id = a.id and l.rn = 1
        join earlier e on e.account_id = a.id and e.rn = 1
        where a.lifecycle_stage <> 'churned' and e.adoption > 0
          and (e.adoption - l.adoption) * 100 >= :percent * e.adoption /*among*/""", "a.id",
        new MapSqlParameterSource("from", Timestamp.from(from)).addValue("then", Timestamp.from(then))
            .addValue("now", Timestamp.from(now)).addValue("percent", percent), among);
  }

  /** The open accounts whose latest NPS answer since the instant is a detractor's (0-6). */
  Set<Long> detractors(Instant since, Collection<Long> among) {
    return query("""
        select a.id from account a
        join (select account_id, nps_score,
                     row_number() over (partition by account_id order by occurred_at desc, signal_id desc) as rn
              from customer_signal where type = 'nps' and occurred_at >= :since /*among-signals*/) n
          on n.account_id = a.id and n.rn = 1
        where a.lifecycle_stage <> 'churned' and n.nps_score <= 6 /*among*/""", "a.id",
        new MapSqlParameterSource("since", Timestamp.from(since)), among);
  }

  /**
   * The open accounts with no contact (a call or a meeting, an engagement signal with a meeting held)
   * since the instant, among those that were ours before it (a new account has had no time yet).
   */
  Set<Long> noContactSince(Instant since, Collection<Long> among) {
    return query("""
        select a.id from account a
        where a.lifecycle_stage <> 'churned' and a.created_at < :since
          and not exists (select 1 from customer_signal s where s.account_id = a.id and s.type = 'engagement'
                          and s.meeting_held = true and s.occurred_at >= :since) /*among*/""", "a.id",
        new MapSqlParameterSource("since", Timestamp.from(since)), among);
  }

  /**
   * Runs the statement over every account, or over the given ones a thousand at a time (each
   * {@code among} marker becomes an IN list on the column it names).
   */
  private Set<Long> query(String sql, String idColumn, MapSqlParameterSource params, Collection<Long> among) {
    if (among == null) {
      return new HashSet<>(jdbc.queryForList(clear(sql), params, Long.class));
    }
    if (among.isEmpty()) {
      return Set.of();
    }
    String restricted = sql.replace("/*among*/", "and " + idColumn + " in (:ids)")
        .replace("/*among-scores*/", "and account_id in (:ids)")
        .replace("/*among-signals*/", "and account_id in (:ids)");
    Function<List<Long>, List<Long>> chunk = ids -> jdbc.queryForList(restricted,
        new MapSqlParameterSource(params.getValues()).addValue("ids", ids), Long.class);
    return Batches.findInChunks(among, chunk);
  }

  private static String clear(String sql) {
    return sql.replace("/*among*/", "").replace("/*among-scores*/", "").replace("/*among-signals*/", "");
  }
}
