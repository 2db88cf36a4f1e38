package io.csplaybooks.intervention;

import io.csplaybooks.common.EngineClock;
import io.csplaybooks.common.UniqueInsert;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class InterventionRepository {

  public record Open(long interventionId, String processInstanceId) {}

  public record Row(long id, long accountId, String triggerKind, String triggerReason, int triggers, String reasons,
      String bugList, String missingFeature, String notes, int healthChecks, String outcome, String previousStage) {}

  private final JdbcClient jdbc;
  private final UniqueInsert unique;

  public InterventionRepository(JdbcClient jdbc, UniqueInsert unique) {
    this.jdbc = jdbc;
    this.unique = unique;
  }

  /** Whether the account is in a save play now. */
  public boolean isOpen(long accountId) {
    return jdbc.sql("select count(*) from open_intervention where account_id = :a").param("a", accountId)
        .query(Integer.class).single() > 0;
  }

  public Optional<Open> findOpen(long accountId) {
    return jdbc.sql("""
            select o.intervention_id, i.process_instance_id from open_intervention o
            join intervention i on i.id = o.intervention_id where o.account_id = :account""")
        .param("account", accountId)
        .query((rs, n) -> new Open(rs.getLong("intervention_id"), rs.getString("process_instance_id")))
        .optional();
  }

  /**
   * Opens the account's intervention: its id, or empty when another one is open. The account's
   * primary key in open_intervention lets one of two concurrent openings through, on any node (the
   * second waits for the first to commit, then fails); the loser's rows are undone to a savepoint,
   * so its transaction goes on and can join the open one.
   */
  public Optional<Long> open(long accountId, String processInstanceId, String triggerKind, String triggerReason,
      String previousStage) {
    return unique.unlessPresent(() -> {
      var keys = new GeneratedKeyHolder();
      jdbc.sql("""
              insert into intervention (account_id, process_instance_id, trigger_kind, trigger_reason, triggers,
                                        health_checks, previous_stage, started_at)
              values (:account, :pi, :kind, :reason, 1, 0, :previous, :now)""")
          .param("account", accountId).param("pi", processInstanceId).param("kind", triggerKind)
          .param("reason", triggerReason).param("previous", previousStage)
          .param("now", Timestamp.from(EngineClock.now()))
          .update(keys, "id");
      long id = keys.getKey().longValue();
      jdbc.sql("insert into open_intervention (account_id, intervention_id) values (:account, :id)")
          .param("account", accountId).param("id", id)
          .update();
      return id;
    });
  }

  public void recordTrigger(long interventionId) {
    jdbc.sql("update intervention set triggers = triggers + 1 where id = :id").param("id", interventionId).update();
  }

  public void saveDiagnosis(long interventionId, List<RiskReason> reasons, String bugList, String missingFeature,
      String notes) {
    jdbc.sql("""
            update intervention set reasons = :reasons, bug_list = :bugs, missing_feature = :feature,
                                    diagnosis_notes = :notes where id = :id""")
        .param("reasons", String.join(",", reasons.stream().map(RiskReason::code).toList()))
        .param("bugs", bugList).param("feature", missingFeature).param("notes", notes).param("id", interventionId)
        .update();
  }

  public int countCheck(long interventionId) {
    jdbc.sql("update intervention set health_checks = health_checks + 1 where id = :id").param("id", interventionId)
        .update();
    return find(interventionId).orElseThrow().healthChecks();
  }

  public void close(long interventionId, long accountId, String outcome) {
    jdbc.sql("update intervention set outcome = :outcome, ended_at = :now where id = :id")
        .param("outcome", outcome).param("now", Timestamp.from(EngineClock.now())).param("id", interventionId)
        .update();
    jdbc.sql("delete from open_intervention where account_id = :account and intervention_id = :id")
        .param("account", accountId).param("id", interventionId)
        .update();
  }

  /** Ends an intervention that is still open, with an outcome or (cancelled by an administrator) none. */
  public void endIfOpen(long interventionId, long accountId, String outcome) {
    jdbc.sql("update intervention set outcome = :outcome, ended_at = :now where id = :id and ended_at is null")
        .param("outcome", outcome).param("now", Timestamp.from(EngineClock.now())).param("id", interventionId)
        .update();
    jdbc.sql("delete from open_intervention where account_id = :account and intervention_id = :id")
        .param("account", accountId).param("id", interventionId)
        .update();
  }

  public Optional<Row> find(long interventionId) {
    return jdbc.sql("""
            select id, account_id, trigger_kind, trigger_reason, triggers, reasons, bug_list, missing_feature,
                   diagnosis_notes, health_checks, outcome, previous_stage from intervention where id = :id""")
        .param("id", interventionId)
        .query((rs, n) -> new Row(rs.getLong("id"), rs.getLong("account_id"), rs.getString("trigger_kind"),
            rs.getString("trigger_reason"), rs.getInt("triggers"), rs.getString("reasons"), rs.getString("bug_list"),
            rs.getString("missing_feature"), rs.getString("diagnosis_notes"), rs.getInt("health_checks"),
            rs.getString("outcome"), rs.getString("previous_stage")))
        .optional();
  }

  /** Closed interventions: their reasons and outcome, for save rates per reason. */
  public List<Row> closed() {
    return jdbc.sql("""
            select id, account_id, trigger_kind, trigger_reason, triggers, reasons, bug_list, missing_feature,
                   diagnosis_notes, health_checks, outcome, previous_stage from intervention where outcome is not null""")
        .query((rs, n) -> new Row(rs.getLong("id"), rs.getLong("account_id"), rs.getString("trigger_kind"),
            rs.getString("trigger_reason"), rs.getInt("triggers"), rs.getString("reasons"), null, null, null,
            rs.getInt("health_checks"), rs.getString("outcome"), rs.getString("previous_stage")))
        .list();
  }
}
