package io.csplaybooks.playbook;

import io.csplaybooks.common.EngineClock;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * How a playbook performs, from the engine's history: per step how many passed, the median and 90th
 * percentile time spent, how many deadlines were missed; and, for playbooks that record an
 * "outcome" (a save play: saved or churned; a renewal: renewed or lost), the share of each outcome.
 * Set-based SQL over ACT_HI_*: the same statements run on PostgreSQL and H2.
 */
@Repository
public class PlaybookAnalytics {

  /** The process variable a playbook sets to say how it ended. */
  public static final String OUTCOME = "outcome";

  public record Step(String activityId, String name, String type, long passed, long open, long canceled,
      Long medianMillis, Long p90Millis, String median, String p90, long deadlinesMissed) {}

  public record Instances(long started, long running, long finished) {}

  public record Analytics(String key, Integer version, Instances instances, List<Step> steps,
      Map<String, Long> outcomeCounts, Map<String, BigDecimal> outcomeShares) {}

  // Gateways, start and end events and multi-instance bodies are not steps anyone spends time in.
  // Time spent is measured on the steps that ended normally; a step cancelled by an interrupting
  // timer or a terminate end is counted as cancelled (ACT_INST_STATE_ 2).
  private static final String STEPS = """
      select a.ACT_ID_ as activity_id, max(a.ACT_NAME_) as activity_name, max(a.ACT_TYPE_) as activity_type,
             min(a.START_TIME_) as first_start,
             sum(case when a.END_TIME_ is not null and a.ACT_INST_STATE_ <> 2 then 1 else 0 end) as passed,
             sum(case when a.END_TIME_ is null then 1 else 0 end) as open_count,
             sum(case when a.ACT_INST_STATE_ = 2 then 1 else 0 end) as canceled,
             percentile_cont(0.5) within group (order by case when a.ACT_INST_STATE_ <> 2 then a.DURATION_ end) as median_ms,
             percentile_cont(0.9) within group (order by case when a.ACT_INST_STATE_ <> 2 then a.DURATION_ end) as p90_ms
        from ACT_HI_ACTINST a
       where a.PROC_DEF_KEY_ = :key and (cast(:definitionId as varchar(64)) is null or a.PROC_DEF_ID_ = :definitionId)
         and lower(a.ACT_TYPE_) not like '%gateway'
         and lower(a.ACT_TYPE_) not like '%startevent'
         and lower(a.ACT_TYPE_) not like '%endevent'
         and a.ACT_TYPE_ <> 'multiInstanceBody'
       group by a.ACT_ID_
       order by min(a.START_TIME_), a.ACT_ID_
      """;

  // A deadline is missed by a task completed after its due date, or still open past it.
  private static final String MISSED_DEADLINES = """
      select t.TASK_DEF_KEY_ as activity_id, count(*) as missed
        from ACT_HI_TASKINST t
       where t.PROC_DEF_KEY_ = :key and (cast(:definitionId as varchar(64)) is null or t.PROC_DEF_ID_ = :definitionId)
         and t.DUE_DATE_ is not null
         and ((t.END_TIME_ is not null and t.DELETE_REASON_ = 'completed' and t.END_TIME_ > t.DUE_DATE_)
           or (t.END_TIME_ is null and t.DUE_DATE_ < :now))
       group by t.TASK_DEF_KEY_
      """;

  private static final String INSTANCES = """
      select count(*) as started, sum(case when p.END_TIME_ is null then 1 else 0 end) as running
        from ACT_HI_PROCINST p
       where p.PROC_DEF_KEY_ = :key and (cast(:definitionId as varchar(64)) is null or p.PROC_DEF_ID_ = :definitionId)
      """;

  private static final String OUTCOMES = """
      select v.TEXT_ as outcome, count(*) as instances
        from ACT_HI_VARINST v
       where v.PROC_DEF_KEY_ = :key and (cast(:definitionId as varchar(64)) is null or v.PROC_DEF_ID_ = :definitionId)
         and v.NAME_ = :name and v.EXECUTION_ID_ = v.PROC_INST_ID_ and v.TEXT_ is not null
       group by v.TEXT_
       order by count(*) desc, v.TEXT_
      """;

  private final JdbcClient jdbc;

  public PlaybookAnalytics(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The playbook's analytics over all its versions, or one version's (definitionId not null). */
  public Analytics of(String key, Integer version, String definitionId) {
    // The engine's clock, which process tests move, decides what is overdue.
    Timestamp now = Timestamp.from(EngineClock.now());
    Map<String, Long> missed = new LinkedHashMap<>();
    jdbc.sql(MISSED_DEADLINES).param("key", key).param("definitionId", definitionId).param("now", now)
        .query((rs, n) -> missed.put(rs.getString("activity_id"), rs.getLong("missed"))).list();
    List<Step> steps = jdbc.sql(STEPS).param("key", key).param("definitionId", definitionId)
        .query((rs, n) -> {
          Long median = millis(rs.getObject("median_ms"));
          Long p90 = millis(rs.getObject("p90_ms"));
          String id = rs.getString("activity_id");
          return new Step(id, rs.getString("activity_name"), rs.getString("activity_type"), rs.getLong("passed"),
              rs.getLong("open_count"), rs.getLong("canceled"), median, p90, iso(median), iso(p90),
              missed.getOrDefault(id, 0L));
        })
        .list();
    Instances instances = jdbc.sql(INSTANCES).param("key", key).param("definitionId", definitionId)
        .query((rs, n) -> new Instances(rs.getLong("started"), rs.getLong("running"),
            rs.getLong("started") - rs.getLong("running")))
        .single();
    Map<String, Long> counts = new LinkedHashMap<>();
    jdbc.sql(OUTCOMES).param("key", key).param("definitionId", definitionId).param("name", OUTCOME)
        .query((rs, n) -> counts.put(rs.getString("outcome"), rs.getLong("instances"))).list();
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    Map<String, BigDecimal> shares = new LinkedHashMap<>();
    counts.forEach((outcome, count) -> shares.put(outcome,
        BigDecimal.valueOf(count).divide(BigDecimal.valueOf(total), 4, RoundingMode.HALF_UP)));
    return new Analytics(key, version, instances, steps, counts, shares);
  }

  private static Long millis(Object value) {
    return value instanceof Number number ? Math.round(number.doubleValue()) : null;
  }

  private static String iso(Long millis) {
    return millis == null ? null : Duration.ofMillis(millis).toString();
  }
}
