package io.csplaybooks.studio;

import io.csplaybooks.common.InvalidInputException;
import io.csplaybooks.common.NotFoundException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Every deployed playbook with its versions: when and by whom deployed, how many accounts are in each. */
@Repository
class PlaybookVersions {

  /** One deployed version of a playbook. */
  public record Version(int version, String versionTag, String processDefinitionId, String deploymentId,
      Instant deployedAt, String deployedBy, String source, long runningInstances) {}

  public record Playbook(String key, String name, int latestVersion, long runningInstances, List<Version> versions) {}

  // One pass over the engine's tables. Who deployed comes from the user operation log, which the
  // engine writes for an authenticated deployer (the Modeler, the REST API); the application's own
  // deployment at start-up has no user.
  private static final String VERSIONS = """
      select p.KEY_ as key_, p.NAME_ as name_, p.VERSION_ as version_, p.VERSION_TAG_ as version_tag,
             p.ID_ as id_, p.DEPLOYMENT_ID_ as deployment_id, d.DEPLOY_TIME_ as deploy_time, d.SOURCE_ as source_,
             o.user_id as deployed_by, coalesce(r.running, 0) as running
        from ACT_RE_PROCDEF p
        join ACT_RE_DEPLOYMENT d on d.ID_ = p.DEPLOYMENT_ID_
        left join (select PROC_DEF_ID_ as proc_def_id, count(*) as running
                     from ACT_RU_EXECUTION
                    where ID_ = PROC_INST_ID_
                    group by PROC_DEF_ID_) r on r.proc_def_id = p.ID_
        left join (select DEPLOYMENT_ID_ as deployment_id, min(USER_ID_) as user_id
                     from ACT_HI_OP_LOG
                    where ENTITY_TYPE_ = :entityType and OPERATION_TYPE_ = :operation
                    group by DEPLOYMENT_ID_) o on o.deployment_id = p.DEPLOYMENT_ID_
       where (cast(:key as varchar(255)) is null or p.KEY_ = :key)
       order by p.KEY_, p.VERSION_ desc
      """;

  private final JdbcClient jdbc;

  public PlaybookVersions(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public List<Playbook> all() {
    return query(null);
  }

  public Playbook get(String key) {
    return query(key).stream().findFirst().orElseThrow(() -> new NotFoundException("no playbook " + key));
  }

  /** The process definition of a version of the playbook; null for every version (version null). */
  public String definitionId(Playbook playbook, Integer version) {
    if (version == null) {
      return null;
    }
    return playbook.versions().stream().filter(v -> v.version() == version)
        .map(Version::processDefinitionId).findFirst()
        .orElseThrow(() -> new InvalidInputException("version", "playbook " + playbook.key() + " has no version " + version));
  }

  private List<Playbook> query(String key) {
    Map<String, List<Map<String, Object>>> byKey = new LinkedHashMap<>();
    jdbc.sql(VERSIONS)
        .param("entityType", EntityTypes.DEPLOYMENT)
        .param("operation", UserOperationLogEntry.OPERATION_TYPE_CREATE)
        .param("key", key)
        .query((rs, n) -> {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("key", rs.getString("key_"));
          row.put("name", rs.getString("name_"));
          row.put("version", new Version(rs.getInt("version_"), rs.getString("version_tag"), rs.getString("id_"),
              rs.getString("deployment_id"), rs.getTimestamp("deploy_time").toInstant(), rs.getString("deployed_by"),
              rs.getString("source_"), rs.getLong("running")));
          return row;
        })
        .list()
        .forEach(row -> byKey.computeIfAbsent((String) row.get("key"), k -> new ArrayList<>()).add(row));
    List<Playbook> playbooks = new ArrayList<>();
    byKey.forEach((k, rows) -> {
      List<Version> versions = rows.stream().map(r -> (Version) r.get("version")).toList();
      playbooks.add(new Playbook(k, (String) rows.get(0).get("name"), versions.get(0).version(),
          versions.stream().mapToLong(Version::runningInstances).sum(), versions));
    });
    return playbooks;
  }
}
