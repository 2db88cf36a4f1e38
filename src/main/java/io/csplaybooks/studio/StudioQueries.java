package io.csplaybooks.studio;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The studio's read model: the accounts waiting in a step of a playbook, from the engine's history
 * (the open step, its task's due date and assignee, the playbook's accountId) and the accounts'
 * names (account package). It only reads.
 */
@Repository
class StudioQueries {

  /**
   * An account waiting in a step: since when, until when (a task's due date), and who holds it; the
   * task's name as the engine resolved it for this account ("Set up SSO" of "Set up ${setupItem}").
   */
  record Waiting(String processInstanceId, String businessKey, Long accountId, String accountName, Instant since,
      Instant due, String assignee, int version, String taskName) {}

  private final JdbcClient jdbc;

  StudioQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Those waiting longest first, at most {@code limit}. */
  List<Waiting> waiting(String key, String definitionId, String activityId, int limit) {
    return jdbc.sql("""
            select a.PROC_INST_ID_ as instance_id, p.BUSINESS_KEY_ as business_key, a.START_TIME_ as since,
                   t.DUE_DATE_ as due, t.ASSIGNEE_ as assignee, t.NAME_ as task_name, v.LONG_ as account_id, acc.name as account_name,
                   d.VERSION_ as version_
              from ACT_HI_ACTINST a
              join ACT_HI_PROCINST p on p.PROC_INST_ID_ = a.PROC_INST_ID_
              join ACT_RE_PROCDEF d on d.ID_ = a.PROC_DEF_ID_
              left join ACT_HI_TASKINST t on t.ID_ = a.TASK_ID_
              left join ACT_HI_VARINST v on v.PROC_INST_ID_ = a.PROC_INST_ID_ and v.EXECUTION_ID_ = a.PROC_INST_ID_
                                        and v.NAME_ = 'accountId'
              left join account acc on acc.id = v.LONG_
             where a.PROC_DEF_KEY_ = :key and (cast(:definitionId as varchar(64)) is null or a.PROC_DEF_ID_ = :definitionId)
               and a.ACT_ID_ = :activityId and a.END_TIME_ is null
             order by a.START_TIME_, a.ID_
             limit :limit""")
        .param("key", key).param("definitionId", definitionId).param("activityId", activityId).param("limit", limit)
        .query((rs, n) -> new Waiting(rs.getString("instance_id"), rs.getString("business_key"),
            (Long) rs.getObject("account_id", Long.class), rs.getString("account_name"),
            rs.getTimestamp("since").toInstant(), rs.getTimestamp("due") == null ? null : rs.getTimestamp("due").toInstant(),
            rs.getString("assignee"), rs.getInt("version_"), rs.getString("task_name")))
        .list();
  }
}
