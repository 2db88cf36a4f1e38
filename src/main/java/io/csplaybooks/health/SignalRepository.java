package io.csplaybooks.health;

import io.csplaybooks.common.Batches;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;

/** The customers' signals (customer_signal): stored once each, and read by renewal risk. */
@Repository
class SignalRepository {

  private final NamedParameterJdbcTemplate jdbc;

  public SignalRepository(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Which of these signal ids are stored already. */
  Set<String> existing(Collection<String> signalIds) {
    return Batches.findInChunks(signalIds, chunk -> jdbc.queryForList(
        "select signal_id from customer_signal where signal_id in (:ids)", new MapSqlParameterSource("ids", chunk),
        String.class));
  }

  void insert(List<Signal> signals, Instant receivedAt) {
    Timestamp now = Timestamp.from(receivedAt);
    SqlParameterSource[] rows = signals.stream().map(s -> new MapSqlParameterSource()
        .addValue("id", s.signalId()).addValue("account", s.accountId()).addValue("type", s.type())
        .addValue("at", Timestamp.from(s.occurredAt().toInstant()))
        .addValue("active", s.activeUsers()).addValue("seats", s.licensedSeats())
        .addValue("used", s.featuresUsed()).addValue("total", s.featuresTotal())
        .addValue("opened", s.ticketsOpened()).addValue("escalated", s.ticketsEscalated())
        .addValue("severity", s.severity()).addValue("nps", s.npsScore()).addValue("meeting", s.meetingHeld())
        .addValue("sentiment", s.sentiment()).addValue("comment", s.comment()).addValue("now", now))
        .toArray(SqlParameterSource[]::new);
    jdbc.batchUpdate("""
        insert into customer_signal (signal_id, account_id, type, occurred_at, active_users, licensed_seats,
            features_used, features_total, tickets_opened, tickets_escalated, severity, nps_score, meeting_held,
            sentiment, comment, received_at)
        values (:id, :account, :type, :at, :active, :seats, :used, :total, :opened, :escalated, :severity, :nps,
            :meeting, :sentiment, :comment, :now)""", rows);
  }

  /** Active users as a share of seats (%), from the latest usage signal dated between the two days. */
  public Integer adoption(long accountId, LocalDate oldest, LocalDate newest) {
    return jdbc.query("""
            select active_users * 100 / licensed_seats from customer_signal
            where account_id = :a and type = 'usage' and occurred_at <= :until and occurred_at >= :oldest
            order by occurred_at desc limit 1""",
        new MapSqlParameterSource("a", accountId)
            .addValue("until", Timestamp.valueOf(newest.plusDays(1).atStartOfDay()))
            .addValue("oldest", Timestamp.valueOf(oldest.atStartOfDay())),
        (rs, n) -> nullableInt(rs.getObject(1))).stream().filter(java.util.Objects::nonNull).findFirst().orElse(null);
  }

  /** Support tickets escalated since the day. */
  public int escalatedSince(long accountId, LocalDate since) {
    Integer sum = jdbc.queryForObject("""
            select coalesce(sum(tickets_escalated), 0) from customer_signal
            where account_id = :a and type = 'support' and occurred_at >= :since""",
        new MapSqlParameterSource("a", accountId).addValue("since", Timestamp.valueOf(since.atStartOfDay())),
        Integer.class);
    return sum == null ? 0 : sum;
  }

  /** The latest NPS answer, if any. */
  public Integer latestNps(long accountId) {
    return jdbc.query("""
            select nps_score from customer_signal where account_id = :a and type = 'nps'
            order by occurred_at desc limit 1""",
        new MapSqlParameterSource("a", accountId), (rs, n) -> nullableInt(rs.getObject(1))).stream().filter(java.util.Objects::nonNull).findFirst().orElse(null);
  }

  /** Deletes the signals that occurred before the instant, a batch per statement; how many. */
  public long deleteBefore(Instant cutoff, int batch) {
    return Batches.deleteInBatches(batch, () -> jdbc.update("""
        delete from customer_signal where signal_id in
          (select signal_id from customer_signal where occurred_at < :cutoff order by occurred_at limit :batch)""",
        new MapSqlParameterSource("cutoff", Timestamp.from(cutoff)).addValue("batch", batch)));
  }

  private static Integer nullableInt(Object value) {
    return value == null ? null : ((Number) value).intValue();
  }
}
