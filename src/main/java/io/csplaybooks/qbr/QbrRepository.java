package io.csplaybooks.qbr;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** QBR packs and outcomes per account and round; reads usage and open save plays for the pack. */
@Repository
class QbrRepository {

  private final JdbcClient jdbc;

  QbrRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores the round's pack; preparing a round again replaces it. */
  public void savePack(long accountId, int round, LocalDate qbrDate, Instant preparedAt, String json) {
    jdbc.sql("delete from qbr_pack where account_id = :account and round = :round")
        .param("account", accountId).param("round", round).update();
    jdbc.sql("""
            insert into qbr_pack (account_id, round, qbr_date, prepared_at, pack_json)
            values (:account, :round, :date, :at, :json)""")
        .param("account", accountId).param("round", round).param("date", qbrDate)
        .param("at", Timestamp.from(preparedAt)).param("json", json)
        .update();
  }

  public Optional<QbrHistory.PackRow> pack(long accountId, int round) {
    return jdbc.sql("select account_id, round, qbr_date, prepared_at, pack_json from qbr_pack"
            + " where account_id = :account and round = :round")
        .param("account", accountId).param("round", round)
        .query((rs, n) -> new QbrHistory.PackRow(rs.getLong("account_id"), rs.getInt("round"), rs.getDate("qbr_date").toLocalDate(),
            rs.getTimestamp("prepared_at").toInstant(), rs.getString("pack_json")))
        .optional();
  }

  public List<QbrHistory.PackRow> packs(long accountId) {
    return jdbc.sql("select account_id, round, qbr_date, prepared_at, null as pack_json from qbr_pack"
            + " where account_id = :account order by round")
        .param("account", accountId)
        .query((rs, n) -> new QbrHistory.PackRow(rs.getLong("account_id"), rs.getInt("round"), rs.getDate("qbr_date").toLocalDate(),
            rs.getTimestamp("prepared_at").toInstant(), null))
        .list();
  }

  public void saveOutcome(QbrHistory.Outcome o) {
    jdbc.sql("delete from qbr_outcome where account_id = :account and round = :round")
        .param("account", o.accountId()).param("round", o.round()).update();
    jdbc.sql("""
            insert into qbr_outcome (account_id, round, held_on, kpi_values, goals, expansion_signals, notes,
                                     recorded_by, recorded_at)
            values (:account, :round, :held, :kpis, :goals, :signals, :notes, :by, :at)""")
        .param("account", o.accountId()).param("round", o.round()).param("held", o.heldOn())
        .param("kpis", o.kpiValues()).param("goals", o.goals()).param("signals", o.expansionSignals())
        .param("notes", o.notes()).param("by", o.recordedBy()).param("at", Timestamp.from(o.recordedAt()))
        .update();
  }

  /** The account's outcomes, newest round first. */
  public List<QbrHistory.Outcome> outcomes(long accountId) {
    return jdbc.sql("""
            select account_id, round, held_on, kpi_values, goals, expansion_signals, notes, recorded_by, recorded_at
            from qbr_outcome where account_id = :account order by round desc""")
        .param("account", accountId)
        .query(QbrRepository::outcome)
        .list();
  }

  /** The account's most recent outcome. */
  public Optional<QbrHistory.Outcome> latestOutcome(long accountId) {
    return jdbc.sql("""
            select account_id, round, held_on, kpi_values, goals, expansion_signals, notes, recorded_by, recorded_at
            from qbr_outcome where account_id = :account order by round desc limit 1""")
        .param("account", accountId)
        .query(QbrRepository::outcome)
        .optional();
  }

  private static QbrHistory.Outcome outcome(ResultSet rs, int n) throws SQLException {
    return new QbrHistory.Outcome(rs.getLong("account_id"), rs.getInt("round"),
        rs.getDate("held_on") == null ? null : rs.getDate("held_on").toLocalDate(), rs.getString("kpi_values"),
        rs.getString("goals"), rs.getString("expansion_signals"), rs.getString("notes"),
        rs.getString("recorded_by"), rs.getTimestamp("recorded_at").toInstant());
  }

  /** The latest usage signal of the account. */
  public Optional<QbrPack.Usage> latestUsage(long accountId) {
    return jdbc.sql("""
            select active_users, licensed_seats, features_used, features_total, occurred_at from customer_signal
            where account_id = :account and type = 'usage' order by occurred_at desc, signal_id desc limit 1""")
        .param("account", accountId)
        .query((rs, n) -> {
          Integer active = (Integer) rs.getObject("active_users");
          Integer seats = (Integer) rs.getObject("licensed_seats");
          Integer adoption = active == null || seats == null || seats == 0 ? null : Math.round(100f * active / seats);
          return new QbrPack.Usage(active, seats, adoption, (Integer) rs.getObject("features_used"),
              (Integer) rs.getObject("features_total"), rs.getTimestamp("occurred_at").toInstant());
        })
        .optional();
  }

  /** The account's open save play, if any, as a risk. */
  public List<QbrPack.Risk> openInterventions(long accountId) {
    return jdbc.sql("""
            select i.trigger_kind, i.trigger_reason, i.reasons, i.started_at from open_intervention o
            join intervention i on i.id = o.intervention_id where o.account_id = :account""")
        .param("account", accountId)
        .query((rs, n) -> new QbrPack.Risk("save play",
            rs.getString("trigger_kind") + (rs.getString("trigger_reason") == null ? "" : ": " + rs.getString("trigger_reason"))
                + (rs.getString("reasons") == null ? "" : " (diagnosed: " + rs.getString("reasons").replace(",", ", ") + ")"),
            rs.getTimestamp("started_at").toInstant()))
        .list();
  }
}
