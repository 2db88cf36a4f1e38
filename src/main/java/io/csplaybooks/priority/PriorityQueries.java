package io.csplaybooks.priority;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The open tasks with what their priority is decided on, in one query: the engine's tasks, the
 * account id of their playbook and the account's health band and ARR. It only reads.
 */
@Repository
class PriorityQueries {

  /** An open task and its account's facts (null for a task about no account). */
  record OpenTask(String id, int priority, Instant due, String healthBand, BigDecimal arr, String currency) {}

  private static final String SELECT = """
      select t.id_ as task_id, t.priority_ as priority, t.due_date_ as due, a.health_band, a.arr, a.currency
      from act_ru_task t
      left join act_ru_variable v on v.proc_inst_id_ = t.proc_inst_id_ and v.execution_id_ = t.proc_inst_id_
                                 and v.name_ = 'accountId'
      left join account a on a.id = v.long_
      """;

  private static final RowMapper<OpenTask> ROW = (rs, n) -> new OpenTask(rs.getString("task_id"),
      rs.getInt("priority"), rs.getTimestamp("due") == null ? null : rs.getTimestamp("due").toInstant(),
      rs.getString("health_band"), rs.getBigDecimal("arr"), rs.getString("currency"));

  private final JdbcClient jdbc;

  PriorityQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The open tasks of the playbooks of these accounts (at most {@code Batches.IN_LIST} ids). */
  List<OpenTask> ofAccounts(Collection<Long> accountIds) {
    return jdbc.sql(SELECT + " where a.id in (:ids)").param("ids", accountIds).query(ROW).list();
  }

  /** Every open task, a page of them in the order of their ids (tasks after {@code afterId}). */
  List<OpenTask> page(String afterId, int size) {
    return jdbc.sql(SELECT + " where t.id_ > :after order by t.id_ limit :size")
        .param("after", afterId).param("size", size).query(ROW).list();
  }
}
