package io.csplaybooks.health;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The health models, their switches and the shadow models' scores. */
@Repository
class HealthModelRepository {

  /** A stored model: its weights as JSON ({"adoption":30,...}). */
  /** @param segment the segment it scores, or null: every segment without a model of its own */
  record Row(String version, String segment, String weightsJson, int redBelow, int greenAbove, String status,
      String basedOn, String createdBy, Instant createdAt) {}

  record ShadowScore(String version, long accountId, Instant scoredAt, Integer score, String band, String measuresJson) {}

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate named;

  HealthModelRepository(JdbcClient jdbc, NamedParameterJdbcTemplate named) {
    this.jdbc = jdbc;
    this.named = named;
  }

  List<Row> all() {
    return jdbc.sql("""
            select version, segment, weights_json, red_below, green_above, status, based_on, created_by, created_at
              from health_model order by created_at, version""")
        .query((rs, n) -> new Row(rs.getString("version"), rs.getString("segment"), rs.getString("weights_json"),
            rs.getInt("red_below"),
            rs.getInt("green_above"), rs.getString("status"), rs.getString("based_on"), rs.getString("created_by"),
            rs.getTimestamp("created_at").toInstant()))
        .list();
  }

  /** @return false when a model of that version exists already */
  boolean insert(Row row) {
    return jdbc.sql("""
            insert into health_model (version, segment, weights_json, red_below, green_above, status, based_on, created_by,
                                      created_at)
            select :version, :segment, :weights, :red, :green, :status, :basedOn, :by, :at
             where not exists (select 1 from health_model where version = :version)""")
        .param("version", row.version()).param("segment", row.segment()).param("weights", row.weightsJson()).param("red", row.redBelow())
        .param("green", row.greenAbove()).param("status", row.status()).param("basedOn", row.basedOn())
        .param("by", row.createdBy()).param("at", Timestamp.from(row.createdAt()))
        .update() == 1;
  }

  /**
   * Makes the version live and retires the one live in its place (null: none was, as for a segment's
   * first model of its own); false when another switch came first.
   */
  boolean switchLive(String from, String to) {
    if (from != null && jdbc.sql("update health_model set status = 'retired' where version = :from and status = 'live'")
        .param("from", from).update() != 1) {
      return false;
    }
    return jdbc.sql("update health_model set status = 'live' where version = :to and status <> 'live'")
        .param("to", to).update() == 1;
  }

  void retire(String version) {
    jdbc.sql("update health_model set status = 'retired' where version = :version and status = 'shadow'")
        .param("version", version).update();
  }

  void retireLive(String version) {
    jdbc.sql("update health_model set status = 'retired' where version = :version and status = 'live' and segment is not null")
        .param("version", version).update();
  }

  void recordSwitch(HealthModels.Switch change) {
    jdbc.sql("""
            insert into health_model_switch (from_version, to_version, reason, switched_by, switched_at)
            values (:from, :to, :reason, :by, :at)""")
        .param("from", change.fromVersion()).param("to", change.toVersion()).param("reason", change.reason())
        .param("by", change.switchedBy()).param("at", Timestamp.from(change.switchedAt()))
        .update();
  }

  List<HealthModels.Switch> switches() {
    return jdbc.sql("""
            select from_version, to_version, reason, switched_by, switched_at from health_model_switch
             order by switched_at desc, id desc""")
        .query((rs, n) -> new HealthModels.Switch(rs.getString("from_version"), rs.getString("to_version"), rs.getString("reason"),
            rs.getString("switched_by"), rs.getTimestamp("switched_at").toInstant()))
        .list();
  }

  void saveShadowScores(List<ShadowScore> scores) {
    for (int from = 0; from < scores.size(); from += HealthScoring.CHUNK) {
      List<ShadowScore> chunk = scores.subList(from, Math.min(scores.size(), from + HealthScoring.CHUNK));
      SqlParameterSource[] batch = chunk.stream()
          .map(s -> new MapSqlParameterSource()
              .addValue("version", s.version()).addValue("account", s.accountId())
              .addValue("at", Timestamp.from(s.scoredAt())).addValue("score", s.score()).addValue("band", s.band())
              .addValue("measures", s.measuresJson()))
          .toArray(SqlParameterSource[]::new);
      named.batchUpdate("""
          insert into health_shadow_score (model_version, account_id, scored_at, score, band, measures_json)
          values (:version, :account, :at, :score, :band, :measures)""", batch);
    }
  }

  long deleteShadowScoresBefore(Instant cutoff) {
    return jdbc.sql("delete from health_shadow_score where scored_at < :cutoff").param("cutoff", Timestamp.from(cutoff))
        .update();
  }
}
