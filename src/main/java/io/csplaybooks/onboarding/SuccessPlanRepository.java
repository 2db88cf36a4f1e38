package io.csplaybooks.onboarding;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.csplaybooks.common.EngineClock;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class SuccessPlanRepository {

  private final JdbcClient jdbc;
  private final ObjectMapper json;

  public SuccessPlanRepository(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  public Optional<SuccessPlan> find(long accountId) {
    record Header(int version, Instant updatedAt, String updatedBy) {}
    Optional<Header> header = jdbc.sql("select version, updated_at, updated_by from success_plan where account_id = :id")
        .param("id", accountId)
        .query((rs, n) -> new Header(rs.getInt("version"), rs.getTimestamp("updated_at").toInstant(),
            rs.getString("updated_by")))
        .optional();
    if (header.isEmpty()) {
      return Optional.empty();
    }
    List<String> goals = new ArrayList<>();
    List<String> challenges = new ArrayList<>();
    jdbc.sql("select kind, description from success_plan_item where account_id = :id order by kind, position")
        .param("id", accountId)
        .query((rs, n) -> ("goal".equals(rs.getString("kind")) ? goals : challenges).add(rs.getString("description")))
        .list();
    List<SuccessPlan.Kpi> kpis = jdbc.sql("""
            select name, unit, baseline, target, current_value, due_date from success_plan_kpi
            where account_id = :id order by position""")
        .param("id", accountId)
        .query((rs, n) -> new SuccessPlan.Kpi(rs.getString("name"), rs.getString("unit"), rs.getBigDecimal("baseline"),
            rs.getBigDecimal("target"), rs.getBigDecimal("current_value"), rs.getDate("due_date").toLocalDate()))
        .list();
    List<SuccessPlan.Milestone> milestones = jdbc.sql("""
            select name, owner_team, due_date, status from success_plan_milestone
            where account_id = :id order by position""")
        .param("id", accountId)
        .query((rs, n) -> new SuccessPlan.Milestone(rs.getString("name"), rs.getString("owner_team"),
            rs.getDate("due_date").toLocalDate(), rs.getString("status")))
        .list();
    Header h = header.get();
    return Optional.of(new SuccessPlan(accountId, h.version(), h.updatedAt(), h.updatedBy(), goals, challenges, kpis,
        milestones));
  }

  /** Replaces the plan and keeps the new version in its history; returns the new version number. */
  public int save(long accountId, SuccessPlan.Content plan, String user, String reason, int previousVersion) {
    Timestamp now = Timestamp.from(EngineClock.now());
    int version = previousVersion + 1;
    if (previousVersion == 0) {
      jdbc.sql("insert into success_plan (account_id, version, updated_at, updated_by) values (:id, 1, :now, :user)")
          .param("id", accountId).param("now", now).param("user", user)
          .update();
    } else {
      int updated = jdbc.sql("""
              update success_plan set version = :version, updated_at = :now, updated_by = :user
              where account_id = :id and version = :previous""")
          .param("version", version).param("now", now).param("user", user).param("id", accountId)
          .param("previous", previousVersion)
          .update();
      if (updated == 0) {
        throw new StalePlanException(accountId, previousVersion);
      }
      for (String table : List.of("success_plan_item", "success_plan_kpi", "success_plan_milestone")) {
        jdbc.sql("delete from " + table + " where account_id = :id").param("id", accountId).update();
      }
    }
    items(accountId, "goal", plan.goals());
    items(accountId, "challenge", plan.challenges());
    int position = 0;
    for (SuccessPlan.Kpi kpi : plan.kpis()) {
      jdbc.sql("""
              insert into success_plan_kpi (account_id, position, name, unit, baseline, target, current_value, due_date)
              values (:id, :position, :name, :unit, :baseline, :target, :current, :due)""")
          .param("id", accountId).param("position", position++).param("name", kpi.name()).param("unit", kpi.unit())
          .param("baseline", kpi.baseline()).param("target", kpi.target()).param("current", kpi.currentValue())
          .param("due", kpi.dueDate())
          .update();
    }
    position = 0;
    for (SuccessPlan.Milestone milestone : plan.milestones()) {
      jdbc.sql("""
              insert into success_plan_milestone (account_id, position, name, owner_team, due_date, status)
              values (:id, :position, :name, :team, :due, :status)""")
          .param("id", accountId).param("position", position++).param("name", milestone.name())
          .param("team", milestone.ownerTeam()).param("due", milestone.dueDate()).param("status", milestone.status())
          .update();
    }
    SuccessPlan.Content saved = new SuccessPlan.Content(version, plan.goals(), plan.challenges(), plan.kpis(),
        plan.milestones());
    jdbc.sql("""
            insert into success_plan_history (account_id, version, changed_at, changed_by, reason, plan_json)
            values (:id, :version, :now, :user, :reason, :plan)""")
        .param("id", accountId).param("version", version).param("now", now).param("user", user)
        .param("reason", reason).param("plan", write(saved))
        .update();
    return version;
  }

  public List<SuccessPlan.Change> history(long accountId) {
    return jdbc.sql("""
            select version, changed_at, changed_by, reason, plan_json from success_plan_history
            where account_id = :id order by version""")
        .param("id", accountId)
        .query((rs, n) -> new SuccessPlan.Change(rs.getInt("version"), rs.getTimestamp("changed_at").toInstant(),
            rs.getString("changed_by"), rs.getString("reason"), read(rs.getString("plan_json"))))
        .list();
  }

  private void items(long accountId, String kind, List<String> descriptions) {
    int position = 0;
    for (String description : descriptions) {
      jdbc.sql("insert into success_plan_item (account_id, kind, position, description) values (:id, :kind, :p, :d)")
          .param("id", accountId).param("kind", kind).param("p", position++).param("d", description)
          .update();
    }
  }

  private String write(SuccessPlan.Content plan) {
    try {
      return json.writeValueAsString(plan);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private SuccessPlan.Content read(String plan) {
    try {
      return json.readValue(plan, SuccessPlan.Content.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One training session of the onboarding, as the CSM recorded it. */
  public void recordTrainingSession(long accountId, int session, java.time.LocalDate heldOn, Integer attendees,
      String notes, String recordedBy) {
    jdbc.sql("""
            insert into onboarding_training (account_id, session_no, held_on, attendees, notes, recorded_by)
            values (:account, :session, :held, :attendees, :notes, :by)""")
        .param("account", accountId)
        .param("session", session)
        .param("held", heldOn)
        .param("attendees", attendees)
        .param("notes", notes)
        .param("by", recordedBy)
        .update();
  }
}
