package io.csplaybooks.activity;

import io.csplaybooks.common.EngineClock;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The activity and activity_stakeholder tables. */
@Repository
class ActivityRepository {

  private static final String COLUMNS = """
      select id, account_id, kind, occurred_at, recorded_by, summary, next_step, next_step_due, next_step_assignee,
             next_step_team, task_process_instance_id, external_id, recorded_at from activity""";

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate named;

  ActivityRepository(JdbcClient jdbc, NamedParameterJdbcTemplate named) {
    this.jdbc = jdbc;
    this.named = named;
  }

  /** Stores a checked activity with its stakeholders: its id. */
  long insert(long accountId, ActivityKind kind, Instant occurredAt, String recordedBy, Collection<Long> stakeholders,
      String summary, NewActivity.NextStep next, String externalId) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql("""
            insert into activity (account_id, kind, occurred_at, recorded_by, summary, next_step, next_step_due,
                                  next_step_assignee, next_step_team, external_id, recorded_at)
            values (:account, :kind, :at, :by, :summary, :next, :due, :assignee, :team, :external, :now)""")
        .param("account", accountId).param("kind", kind.code()).param("at", Timestamp.from(occurredAt))
        .param("by", recordedBy).param("summary", summary)
        .param("next", next == null ? null : next.text())
        .param("due", next == null || next.dueDate() == null ? null : Date.valueOf(next.dueDate()))
        .param("assignee", next == null ? null : next.assignee())
        .param("team", next == null ? null : next.team())
        .param("external", externalId).param("now", Timestamp.from(EngineClock.now()))
        .update(keys, "id");
    long id = keys.getKey().longValue();
    for (Long stakeholder : stakeholders) {
      jdbc.sql("insert into activity_stakeholder (activity_id, stakeholder_id) values (:a, :s)")
          .param("a", id).param("s", stakeholder).update();
    }
    return id;
  }

  void attachTask(long activityId, String processInstanceId) {
    jdbc.sql("update activity set task_process_instance_id = :pi where id = :id")
        .param("pi", processInstanceId).param("id", activityId).update();
  }

  Optional<Activity> find(long id) {
    return withStakeholders(jdbc.sql(COLUMNS + " where id = :id").param("id", id).query(ActivityRepository::row).list())
        .stream().findFirst();
  }

  Optional<Activity> byExternalId(String externalId) {
    return withStakeholders(jdbc.sql(COLUMNS + " where external_id = :e").param("e", externalId)
        .query(ActivityRepository::row).list()).stream().findFirst();
  }

  /** The account's activities, newest first. */
  List<Activity> ofAccount(long accountId, int limit) {
    return withStakeholders(jdbc.sql(COLUMNS + " where account_id = :a order by occurred_at desc, id desc limit :n")
        .param("a", accountId).param("n", limit).query(ActivityRepository::row).list());
  }

  private List<Activity> withStakeholders(List<Activity> rows) {
    if (rows.isEmpty()) {
      return rows;
    }
    Map<Long, List<Long>> of = new HashMap<>();
    named.query("select activity_id, stakeholder_id from activity_stakeholder where activity_id in (:ids)"
            + " order by stakeholder_id",
        new MapSqlParameterSource("ids", rows.stream().map(Activity::id).toList()),
        rs -> {
          of.computeIfAbsent(rs.getLong("activity_id"), id -> new ArrayList<>()).add(rs.getLong("stakeholder_id"));
        });
    return rows.stream().map(a -> new Activity(a.id(), a.accountId(), a.kind(), a.occurredAt(), a.recordedBy(),
        of.getOrDefault(a.id(), List.of()), a.summary(), a.nextStep(), a.nextStepDue(), a.nextStepAssignee(),
        a.nextStepTeam(), a.taskProcessInstanceId(), a.externalId(), a.recordedAt())).toList();
  }

  private static Activity row(ResultSet rs, int n) throws SQLException {
    Date due = rs.getDate("next_step_due");
    return new Activity(rs.getLong("id"), rs.getLong("account_id"), ActivityKind.of(rs.getString("kind")).orElseThrow(),
        rs.getTimestamp("occurred_at").toInstant(), rs.getString("recorded_by"), List.of(), rs.getString("summary"),
        rs.getString("next_step"), due == null ? null : due.toLocalDate(), rs.getString("next_step_assignee"),
        rs.getString("next_step_team"), rs.getString("task_process_instance_id"), rs.getString("external_id"),
        rs.getTimestamp("recorded_at").toInstant());
  }
}
