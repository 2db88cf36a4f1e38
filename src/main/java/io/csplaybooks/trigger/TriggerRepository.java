package io.csplaybooks.trigger;

import io.csplaybooks.common.Batches;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The triggers (playbook_trigger, playbook_trigger_condition) and their episodes (trigger_episode). */
@Repository
class TriggerRepository {

  /** A trigger as stored, before its figures are added. */
  record Stored(long id, String name, String message, List<TriggerCondition> conditions, List<String> segments,
      boolean enabled, String createdBy, Instant createdAt, String updatedBy, Instant updatedAt) {}

  /** How often a trigger fired. */
  record Figures(int firedSince, Instant lastFiredAt, int holdingNow) {
    static final Figures NONE = new Figures(0, null, 0);
  }

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate named;

  TriggerRepository(JdbcClient jdbc, NamedParameterJdbcTemplate named) {
    this.jdbc = jdbc;
    this.named = named;
  }

  List<Stored> all() {
    Map<Long, List<TriggerCondition>> conditions = new HashMap<>();
    jdbc.sql("select trigger_id, kind, band, points, days, percent_down, role from playbook_trigger_condition"
            + " order by trigger_id, seq")
        .query(rs -> {
          conditions.computeIfAbsent(rs.getLong("trigger_id"), id -> new ArrayList<>()).add(condition(rs));
        });
    return jdbc.sql("select * from playbook_trigger order by lower(name), id")
        .query((rs, n) -> stored(rs, conditions.getOrDefault(rs.getLong("id"), List.of()))).list();
  }

  Optional<Stored> find(long id) {
    return all().stream().filter(t -> t.id() == id).findFirst();
  }

  /** The messages the triggers send, by trigger name; a light read for the deploy-time validation. */
  Map<String, String> messages() {
    Map<String, String> messages = new LinkedHashMap<>();
    jdbc.sql("select message, name from playbook_trigger order by message")
        .query(rs -> {
          messages.put(rs.getString("message"), rs.getString("name"));
        });
    return messages;
  }

  Optional<String> nameOfMessage(String message) {
    return jdbc.sql("select name from playbook_trigger where lower(message) = lower(:m)").param("m", message)
        .query(String.class).optional();
  }

  long insert(String name, String message, List<TriggerCondition> conditions, List<String> segments, boolean enabled,
      String by, Instant at) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql("""
            insert into playbook_trigger (name, message, segments, enabled, created_by, created_at, updated_by, updated_at)
            values (:name, :message, :segments, :enabled, :by, :at, :by, :at)""")
        .param("name", name).param("message", message).param("segments", String.join(",", segments))
        .param("enabled", enabled).param("by", by).param("at", Timestamp.from(at))
        .update(keys, "id");
    long id = keys.getKey().longValue();
    insertConditions(id, conditions);
    return id;
  }

  void update(long id, String name, List<TriggerCondition> conditions, List<String> segments, boolean enabled,
      String by, Instant at) {
    jdbc.sql("""
            update playbook_trigger set name = :name, segments = :segments, enabled = :enabled, updated_by = :by,
                   updated_at = :at where id = :id""")
        .param("name", name).param("segments", String.join(",", segments)).param("enabled", enabled)
        .param("by", by).param("at", Timestamp.from(at)).param("id", id).update();
    jdbc.sql("delete from playbook_trigger_condition where trigger_id = :id").param("id", id).update();
    insertConditions(id, conditions);
  }

  void enable(long id, boolean enabled, String by, Instant at) {
    jdbc.sql("update playbook_trigger set enabled = :enabled, updated_by = :by, updated_at = :at where id = :id")
        .param("enabled", enabled).param("by", by).param("at", Timestamp.from(at)).param("id", id).update();
  }

  private void insertConditions(long id, List<TriggerCondition> conditions) {
    for (int i = 0; i < conditions.size(); i++) {
      TriggerCondition c = conditions.get(i);
      jdbc.sql("""
              insert into playbook_trigger_condition (trigger_id, seq, kind, band, points, days, percent_down, role)
              values (:id, :seq, :kind, :band, :points, :days, :percent, :role)""")
          .param("id", id).param("seq", i).param("kind", c.kind()).param("band", c.band())
          .param("points", c.points()).param("days", c.days()).param("percent", c.percent()).param("role", c.role())
          .update();
    }
  }

  /** Each trigger's figures: accounts it fired for since the instant, when it last fired, episodes open now. */
  Map<Long, Figures> figures(Instant since) {
    Map<Long, Figures> figures = new HashMap<>();
    jdbc.sql("""
            select trigger_id, sum(case when opened_at >= :since then 1 else 0 end) as fired,
                   max(opened_at) as last_fired, sum(case when closed_at is null then 1 else 0 end) as holding
            from trigger_episode group by trigger_id""")
        .param("since", Timestamp.from(since))
        .query(rs -> {
          Timestamp last = rs.getTimestamp("last_fired");
          figures.put(rs.getLong("trigger_id"), new Figures(rs.getInt("fired"), last == null ? null : last.toInstant(),
              rs.getInt("holding")));
        });
    return figures;
  }

  /** The accounts among those given (all when null) for which the trigger has an open episode. */
  Set<Long> openEpisodes(long triggerId, Collection<Long> among) {
    String sql = "select account_id from trigger_episode where trigger_id = :t and open_key is not null";
    if (among == null) {
      return new HashSet<>(jdbc.sql(sql).param("t", triggerId).query(Long.class).list());
    }
    return Batches.findInChunks(among, chunk -> jdbc.sql(sql + " and open_key in (:ids)").param("t", triggerId)
        .param("ids", chunk).query(Long.class).list());
  }

  /**
   * Opens an episode for each account that has none open: one statement per thousand, each row only
   * where none is open (and the unique key refuses a second one opened at the same moment elsewhere).
   *
   * @return the accounts whose episode this call opened
   */
  List<Long> open(long triggerId, List<Long> accounts, Instant at) {
    if (accounts.isEmpty()) {
      return List.of();
    }
    SqlParameterSource[] rows = accounts.stream().map(account -> new MapSqlParameterSource("t", triggerId)
        .addValue("a", account).addValue("at", Timestamp.from(at))).toArray(SqlParameterSource[]::new);
    int[] inserted = named.batchUpdate("""
        insert into trigger_episode (trigger_id, account_id, opened_at, open_key)
        select :t, :a, cast(:at as timestamp), :a from account where id = :a
          and not exists (select 1 from trigger_episode where trigger_id = :t and open_key = :a)""", rows);
    if (Arrays.stream(inserted).allMatch(n -> n >= 0)) {
      List<Long> opened = new ArrayList<>();
      for (int i = 0; i < inserted.length; i++) {
        if (inserted[i] > 0) {
          opened.add(accounts.get(i));
        }
      }
      return opened;
    }
    // The driver did not say row by row: the episodes opened at this instant are this call's.
    return new ArrayList<>(Batches.findInChunks(accounts, chunk -> jdbc.sql(
            "select account_id from trigger_episode where trigger_id = :t and opened_at = :at and open_key in (:ids)")
        .param("t", triggerId).param("at", Timestamp.from(at)).param("ids", chunk).query(Long.class).list()));
  }

  /** Closes the open episodes of these accounts: what the trigger watches no longer holds for them. */
  int close(long triggerId, Collection<Long> accounts, Instant at) {
    int closed = 0;
    List<Long> all = new ArrayList<>(accounts);
    for (int from = 0; from < all.size(); from += Batches.IN_LIST) {
      closed += jdbc.sql("""
              update trigger_episode set closed_at = :at, open_key = null
              where trigger_id = :t and open_key in (:ids)""")
          .param("at", Timestamp.from(at)).param("t", triggerId)
          .param("ids", all.subList(from, Math.min(all.size(), from + Batches.IN_LIST))).update();
    }
    return closed;
  }

  private static Stored stored(ResultSet rs, List<TriggerCondition> conditions) throws SQLException {
    String segments = rs.getString("segments");
    return new Stored(rs.getLong("id"), rs.getString("name"), rs.getString("message"), conditions,
        segments == null || segments.isBlank() ? List.of() : List.of(segments.split(",")), rs.getBoolean("enabled"),
        rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(), rs.getString("updated_by"),
        rs.getTimestamp("updated_at").toInstant());
  }

  private static TriggerCondition condition(ResultSet rs) throws SQLException {
    return new TriggerCondition(rs.getString("kind"), rs.getString("band"), (Integer) rs.getObject("points", Integer.class),
        rs.getObject("days", Integer.class), rs.getObject("percent_down", Integer.class), rs.getString("role"));
  }
}
