package io.csplaybooks.studio;

import io.csplaybooks.common.EngineClock;
import io.csplaybooks.playbook.PlaybookVariables;
import jakarta.annotation.PreDestroy;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How a playbook performs, from the engine's history, over a period: per step how many passed (ended
 * in the period), the median and 90th percentile time they spent, how many wait there now, how many
 * deadlines were missed; per gateway how often each way out was taken ({@link PlaybookPaths}); and,
 * for playbooks that record an "outcome" (a save play: saved, churned, accepted; a renewal: renewed,
 * expanded, contracted, churned), the share of each, per version. Set-based SQL over ACT_HI_*: the
 * same statements run on PostgreSQL and H2.
 */
@Repository
public class PlaybookAnalytics {

  /**
   * One step. {@code passed}, {@code canceled}, the times and missed deadlines count what ended in the
   * period; {@code open} is the accounts waiting there now.
   */
  public record Step(String activityId, String name, String type, long passed, long open, long canceled,
      Long medianMillis, Long p90Millis, String median, String p90, long deadlinesMissed) {}

  /** Playbooks started and finished in the period, and running now. */
  public record Instances(long started, long running, long finished) {}

  /**
   * A way out of a gateway: how often it was taken in the period, and its share of all the flows taken out
   * of the gateway (for an exclusive or event-based gateway, the share of the accounts that passed it).
   */
  public record Path(String flowId, long taken, BigDecimal share) {}

  public record Gateway(String gatewayId, long passed, List<Path> paths) {}

  /** How the playbooks of one version that ended in the period ended. */
  public record Outcomes(Integer version, String processDefinitionId, long total, Map<String, Long> counts,
      Map<String, BigDecimal> shares) {}

  /** {@code from} inclusive, {@code to} exclusive; null for all of history. */
  public record Analytics(String key, Integer version, Instant from, Instant to, Instances instances, List<Step> steps,
      List<Gateway> gateways, Map<String, Long> outcomeCounts, Map<String, BigDecimal> outcomeShares,
      List<Outcomes> outcomesByVersion) {}

  private static final Instant ALWAYS_FROM = Instant.parse("1970-01-01T00:00:00Z");
  private static final Instant ALWAYS_TO = Instant.parse("9999-01-01T00:00:00Z");

  private static final String ONE_PLAYBOOK =
      " PROC_DEF_KEY_ = :key and (cast(:definitionId as varchar(64)) is null or PROC_DEF_ID_ = :definitionId)";

  // Gateways, start and end events and multi-instance bodies are not steps anyone spends time in.
  // Time spent is measured on the steps that ended normally; a step cancelled by an interrupting
  // timer or a terminate end is counted as cancelled (ACT_INST_STATE_ 2). Two reads: what ended in
  // the period (by END_TIME_) and what is open now (END_TIME_ null). On PostgreSQL the first reads
  // only csp_hi_actinst_steps (db/vendor/postgresql/V17), whose rows come by step and duration: a
  // year of 100,000 handoffs (1.2 million steps) is read without touching the table or sorting it.
  // Its conditions are that index's, word for word.
  /** The rows that are steps (the index's conditions), by step. */
  private static final String STEP_ROWS_BY_STEP = """
       and lower(ACT_TYPE_) not like '%gateway'
       and lower(ACT_TYPE_) not like '%startevent'
       and lower(ACT_TYPE_) not like '%endevent'
       and ACT_TYPE_ <> 'multiInstanceBody'
     group by ACT_ID_
      """;

  private static final String ENDED = """
      select ACT_ID_ as activity_id, max(ACT_NAME_) as activity_name, max(ACT_TYPE_) as activity_type,
             min(START_TIME_) as first_start,
             sum(case when ACT_INST_STATE_ <> 2 then 1 else 0 end) as passed,
             sum(case when ACT_INST_STATE_ = 2 then 1 else 0 end) as canceled,
             percentile_cont(0.5) within group (order by case when ACT_INST_STATE_ <> 2 then DURATION_ end) as median_ms,
             percentile_cont(0.9) within group (order by case when ACT_INST_STATE_ <> 2 then DURATION_ end) as p90_ms
        from ACT_HI_ACTINST
       where""" + ONE_PLAYBOOK + """
         and END_TIME_ >= :from and END_TIME_ < :to
      """ + STEP_ROWS_BY_STEP;

  private static final String OPEN = """
      select ACT_ID_ as activity_id, max(ACT_NAME_) as activity_name, max(ACT_TYPE_) as activity_type, count(*) as open_count,
             min(START_TIME_) as first_start
        from ACT_HI_ACTINST
       where""" + ONE_PLAYBOOK + """
         and END_TIME_ is null
      """ + STEP_ROWS_BY_STEP;

  // A deadline is missed by a task completed in the period after its due date, or open now past it.
  private static final String MISSED_DEADLINES = """
      select TASK_DEF_KEY_ as activity_id, count(*) as missed
        from ACT_HI_TASKINST
       where""" + ONE_PLAYBOOK + """
         and DUE_DATE_ is not null
         and ((END_TIME_ >= :from and END_TIME_ < :to and DELETE_REASON_ = 'completed' and END_TIME_ > DUE_DATE_)
           or (END_TIME_ is null and DUE_DATE_ < :now))
       group by TASK_DEF_KEY_
      """;

  private static final String INSTANCES = """
      select sum(case when START_TIME_ >= :from and START_TIME_ < :to then 1 else 0 end) as started,
             sum(case when END_TIME_ is null then 1 else 0 end) as running,
             sum(case when END_TIME_ >= :from and END_TIME_ < :to then 1 else 0 end) as finished
        from ACT_HI_PROCINST
       where""" + ONE_PLAYBOOK + """
         and (END_TIME_ is null or END_TIME_ >= :from or START_TIME_ >= :from)
      """;

  // The outcome of the playbooks that ended in the period, by version: from the outcome variables
  // (few, on the engine's index of variable names), then their playbook's end.
  private static final String OUTCOMES = """
      select p.PROC_DEF_ID_ as definition_id, d.VERSION_ as version_, v.TEXT_ as outcome, count(*) as instances
        from ACT_HI_VARINST v
        join ACT_HI_PROCINST p on p.PROC_INST_ID_ = v.PROC_INST_ID_
        join ACT_RE_PROCDEF d on d.ID_ = p.PROC_DEF_ID_
       where v.NAME_ = :name and v.EXECUTION_ID_ = v.PROC_INST_ID_ and v.TEXT_ is not null
         and v.PROC_DEF_KEY_ = :key
         and p.PROC_DEF_KEY_ = :key and (cast(:definitionId as varchar(64)) is null or p.PROC_DEF_ID_ = :definitionId)
         and p.END_TIME_ >= :from and p.END_TIME_ < :to
       group by p.PROC_DEF_ID_, d.VERSION_, v.TEXT_
       order by d.VERSION_ desc, count(*) desc, v.TEXT_
      """;

  /** The threads that read the steps that ended while the page's other figures are read. */
  private final ExecutorService lanes = Executors.newFixedThreadPool(2, runnable -> {
    Thread thread = new Thread(runnable, "playbook-analytics");
    thread.setDaemon(true);
    return thread;
  });

  private final JdbcClient jdbc;
  private final PlaybookPaths paths;
  private final ProcessEngineConfiguration engine;
  private final TransactionTemplate readOnly;

  public PlaybookAnalytics(JdbcClient jdbc, PlaybookPaths paths, ProcessEngineConfiguration engine,
      PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.paths = paths;
    this.engine = engine;
    this.readOnly = new TransactionTemplate(transactions);
    readOnly.setReadOnly(true);
  }

  /** The playbook's analytics over all its versions and all of history. */
  public Analytics of(String key, Integer version, String definitionId) {
    return of(key, version, definitionId, null, null);
  }

  /**
   * The playbook's analytics over all its versions, or one version's (definitionId not null), for what
   * ended in [from, to) (each null: unbounded) and what waits now.
   */
  public Analytics of(String key, Integer version, String definitionId, Instant from, Instant to) {
    Instant start = from == null ? ALWAYS_FROM : from;
    Instant end = to == null ? ALWAYS_TO : to;
    // The engine's clock, which process tests move, decides what is overdue.
    Timestamp now = Timestamp.from(EngineClock.now());
    // The steps that ended (the one long read) on a connection of their own, the rest meanwhile.
    CompletableFuture<List<Ended>> ended = CompletableFuture.supplyAsync(() -> read(() ->
        scoped(ENDED, key, definitionId, start, end).query((rs, n) -> new Ended(rs.getString("activity_id"),
            rs.getString("activity_name"), rs.getString("activity_type"), rs.getTimestamp("first_start").toInstant(),
            rs.getLong("passed"), rs.getLong("canceled"), millis(rs.getObject("median_ms")),
            millis(rs.getObject("p90_ms")))).list()), lanes);
    Map<String, Long> missed = new LinkedHashMap<>();
    Map<String, Step> open = new LinkedHashMap<>();
    // Steps in the order accounts first reached them, as the API always listed them.
    Map<String, Instant> firstStart = new LinkedHashMap<>();
    Rest rest = read(() -> {
      scoped(MISSED_DEADLINES, key, definitionId, start, end).param("now", now)
          .query((rs, n) -> missed.put(rs.getString("activity_id"), rs.getLong("missed"))).list();
      scoped(OPEN, key, definitionId, start, end).query((rs, n) -> {
        String id = rs.getString("activity_id");
        firstStart.merge(id, rs.getTimestamp("first_start").toInstant(), PlaybookAnalytics::earlier);
        return open.put(id, new Step(id, rs.getString("activity_name"), rs.getString("activity_type"), 0,
            rs.getLong("open_count"), 0, null, null, null, null, 0));
      }).list();
      Instances instances = scoped(INSTANCES, key, definitionId, start, end)
          .query((rs, n) -> new Instances(rs.getLong("started"), rs.getLong("running"), rs.getLong("finished")))
          .single();
      return new Rest(instances, outcomes(key, definitionId, start, end), paths.counts(key, definitionId, start, end));
    });
    Map<String, Step> steps = new LinkedHashMap<>();
    for (Ended e : join(ended)) {
      firstStart.merge(e.id(), e.firstStart(), PlaybookAnalytics::earlier);
      Step waiting = open.get(e.id());
      steps.put(e.id(), new Step(e.id(), e.name(), e.type(), e.passed(), waiting == null ? 0 : waiting.open(),
          e.canceled(), e.median(), e.p90(), iso(e.median()), iso(e.p90()), 0));
    }
    open.forEach(steps::putIfAbsent);
    missed.forEach((id, count) -> steps.computeIfPresent(id, (k, s) -> new Step(s.activityId(), s.name(), s.type(),
        s.passed(), s.open(), s.canceled(), s.medianMillis(), s.p90Millis(), s.median(), s.p90(), count)));
    List<Outcomes> byVersion = rest.outcomes();
    Outcomes outcomes = byVersion.stream()
        .reduce(new Outcomes(version, definitionId, 0, Map.of(), Map.of()), PlaybookAnalytics::sum);
    List<Step> ordered = steps.values().stream()
        .sorted(Comparator.comparing((Step s) -> firstStart.get(s.activityId())).thenComparing(Step::activityId))
        .toList();
    return new Analytics(key, version, from, to, rest.instances(), ordered, gateways(rest.taken()), outcomes.counts(),
        outcomes.shares(), byVersion);
  }

  /** How many accounts wait in each step now (by activity id), of one version or all. */
  public Map<String, Long> waitingNow(String key, String definitionId) {
    Map<String, Long> waiting = new LinkedHashMap<>();
    read(() -> scoped(OPEN, key, definitionId, ALWAYS_FROM, ALWAYS_TO)
        .query((rs, n) -> waiting.put(rs.getString("activity_id"), rs.getLong("open_count"))).list());
    return waiting;
  }

  /** The figures read beside the steps that ended. */
  private record Rest(Instances instances, List<Outcomes> outcomes, List<PlaybookPaths.Taken> taken) {}

  /** A step's figures of what ended in the period. */
  private record Ended(String id, String name, String type, Instant firstStart, long passed, long canceled, Long median,
      Long p90) {}

  /**
   * Runs the reads in a read-only transaction. On PostgreSQL: without its JIT compiler, which spends a
   * second compiling these one-off aggregations before they run (they take half of that without it);
   * and planned for the values of each call, not once for any values (the driver prepares a statement
   * after five calls, and a plan for any period and version reads the table instead of the index).
   */
  private <T> T read(Supplier<T> reads) {
    if (!isPostgres()) {
      return reads.get();
    }
    return readOnly.execute(status -> {
      jdbc.sql("set local jit = off").update();
      jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
      return reads.get();
    });
  }

  /** The engine has told its database's kind from the connection at start-up. */
  private boolean isPostgres() {
    return "postgres".equals(engine.getDatabaseType());
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  @PreDestroy
  void stop() {
    lanes.shutdown();
  }

  /** Newest version first, each version's outcomes by count. */
  private List<Outcomes> outcomes(String key, String definitionId, Instant from, Instant to) {
    Map<String, Integer> versions = new LinkedHashMap<>();
    Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
    scoped(OUTCOMES, key, definitionId, from, to).param("name", PlaybookVariables.OUTCOME).query((rs, n) -> {
      versions.put(rs.getString("definition_id"), rs.getInt("version_"));
      return counts.computeIfAbsent(rs.getString("definition_id"), d -> new LinkedHashMap<>())
          .put(rs.getString("outcome"), rs.getLong("instances"));
    }).list();
    List<Outcomes> result = new ArrayList<>();
    counts.forEach((id, byOutcome) -> result.add(outcomes(versions.get(id), id, byOutcome)));
    return result;
  }

  private static Outcomes outcomes(Integer version, String definitionId, Map<String, Long> counts) {
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    Map<String, BigDecimal> shares = new LinkedHashMap<>();
    counts.forEach((outcome, count) -> shares.put(outcome, share(count, total)));
    return new Outcomes(version, definitionId, total, counts, shares);
  }

  /** Two versions' outcomes as one, ordered by count. */
  private static Outcomes sum(Outcomes a, Outcomes b) {
    Map<String, Long> counts = new LinkedHashMap<>(a.counts());
    b.counts().forEach((outcome, count) -> counts.merge(outcome, count, Long::sum));
    Map<String, Long> ordered = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .forEach(e -> ordered.put(e.getKey(), e.getValue()));
    return outcomes(a.version(), a.processDefinitionId(), ordered);
  }

  private static List<Gateway> gateways(List<PlaybookPaths.Taken> taken) {
    Map<String, List<PlaybookPaths.Taken>> byGateway = new LinkedHashMap<>();
    taken.forEach(t -> byGateway.computeIfAbsent(t.gatewayId(), g -> new ArrayList<>()).add(t));
    List<Gateway> gateways = new ArrayList<>();
    byGateway.forEach((gateway, flows) -> {
      long passed = flows.stream().mapToLong(PlaybookPaths.Taken::times).sum();
      gateways.add(new Gateway(gateway, passed,
          flows.stream().map(f -> new Path(f.flowId(), f.times(), share(f.times(), passed))).toList()));
    });
    return gateways;
  }

  private JdbcClient.StatementSpec scoped(String sql, String key, String definitionId, Instant from, Instant to) {
    return jdbc.sql(sql).param("key", key).param("definitionId", definitionId)
        .param("from", Timestamp.from(from)).param("to", Timestamp.from(to));
  }

  private static BigDecimal share(long count, long total) {
    return total == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(count).divide(BigDecimal.valueOf(total), 4, RoundingMode.HALF_UP);
  }

  private static Instant earlier(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Long millis(Object value) {
    return value instanceof Number number ? Math.round(number.doubleValue()) : null;
  }

  private static String iso(Long millis) {
    return millis == null ? null : Duration.ofMillis(millis).toString();
  }
}
