package io.csplaybooks.studio;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The flows playbooks took out of their gateways ({@code playbook_path}), written by
 * {@link PlaybookPathsPlugin} as accounts move on, read by the studio for each gateway's path shares.
 */
@Repository
class PlaybookPaths {

  /** How often a flow out of a gateway was taken. */
  public record Taken(String gatewayId, String flowId, long times) {}

  private static final String INSERT = """
      insert into playbook_path (process_definition_key, process_definition_id, process_instance_id, gateway_id,
                                 flow_id, taken_at)
      values (:key, :definitionId, :instanceId, :gatewayId, :flowId, :takenAt)
      """;

  private static final String COUNTS = """
      select gateway_id, flow_id, count(*) as times
        from playbook_path
       where process_definition_key = :key
         and (cast(:definitionId as varchar(64)) is null or process_definition_id = :definitionId)
         and taken_at >= :from and taken_at < :to
       group by gateway_id, flow_id
       order by gateway_id, flow_id
      """;

  // The engine's history cleanup removes a finished playbook's history after its time to live; its
  // paths go with it (a running playbook keeps its history, and so its paths).
  private static final String PRUNE = """
      delete from playbook_path
       where taken_at < :before
         and not exists (select 1 from ACT_HI_PROCINST p where p.PROC_INST_ID_ = playbook_path.process_instance_id)
      """;

  private final JdbcClient jdbc;

  public PlaybookPaths(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void taken(String key, String definitionId, String instanceId, String gatewayId, String flowId, Instant at) {
    jdbc.sql(INSERT).param("key", key).param("definitionId", definitionId).param("instanceId", instanceId)
        .param("gatewayId", gatewayId).param("flowId", flowId).param("takenAt", Timestamp.from(at)).update();
  }

  /** The flows taken in [from, to), of one version (definitionId) or all. */
  public List<Taken> counts(String key, String definitionId, Instant from, Instant to) {
    return jdbc.sql(COUNTS).param("key", key).param("definitionId", definitionId)
        .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
        .query((rs, n) -> new Taken(rs.getString("gateway_id"), rs.getString("flow_id"), rs.getLong("times")))
        .list();
  }

  /** Removes the paths of playbooks whose history the engine has cleaned up; returns how many rows went. */
  public int prune(Instant before) {
    return jdbc.sql(PRUNE).param("before", Timestamp.from(before)).update();
  }
}
