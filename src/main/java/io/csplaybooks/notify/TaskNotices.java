package io.csplaybooks.notify;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code task_notice}: the tasks people have not been told of yet, one row per task and person or
 * team. Written in the engine's transaction (the task's creation or its new assignee), so a task and
 * its notice commit together or not at all.
 */
@Repository
class TaskNotices {

  /** A notice waiting for the sweep, with what the sweep needs of its task (null when the task is gone). */
  record Pending(long id, String taskId, String recipient, boolean team, Instant noticedAt, Integer priority,
      String executionId) {}

  /** An open task that a digest tells its recipient of. */
  record Told(String taskId, String name, boolean assigned, Date due, String description, int priority,
      String playbook, String businessKey) {}

  private final JdbcClient jdbc;

  TaskNotices(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void record(String taskId, String recipient, boolean team, Instant now) {
    jdbc.sql("insert into task_notice (task_id, recipient, team, noticed_at) values (:task, :recipient, :team, :now)")
        .param("task", taskId).param("recipient", recipient).param("team", team).param("now", Timestamp.from(now))
        .update();
  }

  boolean anyPending() {
    return jdbc.sql("select exists (select 1 from task_notice where digest_id is null)").query(Boolean.class).single();
  }

  /** The oldest notices no digest took yet, with their tasks' priority (null: the task is done). */
  List<Pending> pending(int limit) {
    return jdbc.sql("""
            select n.id, n.task_id, n.recipient, n.team, n.noticed_at, t.priority_, t.execution_id_
            from task_notice n left join act_ru_task t on t.id_ = n.task_id
            where n.digest_id is null
            order by n.id
            limit :limit""")
        .param("limit", limit)
        .query((rs, row) -> new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
            rs.getTimestamp(5).toInstant(), (Integer) rs.getObject(6), rs.getString(7)))
        .list();
  }

  void assign(String digestId, Collection<Long> ids) {
    for (List<Long> chunk : chunks(ids)) {
      jdbc.sql("update task_notice set digest_id = :digest where id in (:ids)")
          .param("digest", digestId).param("ids", chunk).update();
    }
  }

  void delete(Collection<Long> ids) {
    for (List<Long> chunk : chunks(ids)) {
      jdbc.sql("delete from task_notice where id in (:ids)").param("ids", chunk).update();
    }
  }

  /** Whom a digest is for: its person or team. */
  record Recipient(String id, boolean team) {}

  Optional<Recipient> recipientOf(String digestId) {
    return jdbc.sql("select recipient, team from task_notice where digest_id = :digest limit 1")
        .param("digest", digestId).query((rs, row) -> new Recipient(rs.getString(1), rs.getBoolean(2))).optional();
  }

  /**
   * The digest's tasks that are still open and still reach its recipient: a person's while assigned
   * to them or to no one (they are among its candidates), a team's while assigned to no one. Soonest
   * due first.
   */
  List<Told> told(String digestId) {
    return jdbc.sql("""
            select distinct t.id_, t.name_, t.assignee_, t.due_date_, t.description_, t.priority_, d.name_, p.business_key_
            from task_notice n
            join act_ru_task t on t.id_ = n.task_id
            left join act_re_procdef d on d.id_ = t.proc_def_id_
            left join act_ru_execution p on p.id_ = t.proc_inst_id_
            where n.digest_id = :digest
              and (t.assignee_ is null or (n.team = false and t.assignee_ = n.recipient))
            order by t.due_date_, t.name_, t.id_""")
        .param("digest", digestId)
        .query((rs, row) -> new Told(rs.getString(1), rs.getString(2), rs.getString(3) != null,
            rs.getTimestamp(4), rs.getString(5), rs.getInt(6), rs.getString(7), rs.getString(8)))
        .list();
  }

  void deleteDigest(String digestId) {
    jdbc.sql("delete from task_notice where digest_id = :digest").param("digest", digestId).update();
  }

  private static List<List<Long>> chunks(Collection<Long> ids) {
    List<Long> all = List.copyOf(ids);
    List<List<Long>> chunks = new ArrayList<>();
    for (int from = 0; from < all.size(); from += 1000) {
      chunks.add(all.subList(from, Math.min(all.size(), from + 1000)));
    }
    return chunks;
  }
}
