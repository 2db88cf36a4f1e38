package io.csplaybooks.workspace;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The read model of the workspace's pages: accounts (account package) with their next renewal
 * (renewal), open save play (intervention) and health trend (health), as a CSM's book lists them.
 * It only reads; the owning packages write.
 */
@Repository
class WorkspaceQueries {

  /** An account of a book, with what says how much it needs attention. */
  record BookAccount(long id, String name, String segment, BigDecimal arr, String currency, Integer healthScore,
      String healthBand, String lifecycleStage, Integer trend, LocalDate renewalDate, boolean savePlay) {}

  /** An account found by name. */
  record Found(long id, String name, String segment, String region, String csm, String lifecycleStage,
      String healthBand, BigDecimal arr, String currency) {}

  private final JdbcClient jdbc;

  WorkspaceQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The CSM's accounts that have not churned, most at risk first (at risk, red or in a save play; then
   * yellow, not scored, green), then the soonest renewal, at most {@code limit}: a book of thousands
   * (a scaled, digital-touch book) shows its most urgent part, each account's trend read for those only.
   */
  List<BookAccount> book(String csm, int limit) {
    return jdbc.sql("""
            select b.*, (select h.trend_30d from health_score h where h.account_id = b.id
                         order by h.scored_at desc, h.id desc limit 1) as trend
            from (select a.id, a.name, a.segment, a.arr, a.currency, a.health_score, a.health_band, a.lifecycle_stage,
                         (select min(r.renewal_date) from renewal r where r.account_id = a.id and r.outcome is null)
                           as renewal_date,
                         case when o.account_id is null then 0 else 1 end as save_plays,
                         case when a.lifecycle_stage = 'at-risk' or a.health_band = 'red' or o.account_id is not null then 0
                              when a.health_band = 'yellow' then 1 when a.health_band is null then 2 else 3 end as risk
                  from account a left join open_intervention o on o.account_id = a.id
                  where a.csm_id = :csm and a.lifecycle_stage <> 'churned'
                  order by risk, renewal_date nulls last, a.name, a.id
                  limit :limit) b
            order by b.risk, b.renewal_date nulls last, b.name, b.id""")
        .param("csm", csm).param("limit", limit)
        .query((rs, n) -> new BookAccount(rs.getLong("id"), rs.getString("name"), rs.getString("segment"),
            rs.getBigDecimal("arr"), rs.getString("currency"), (Integer) rs.getObject("health_score", Integer.class),
            rs.getString("health_band"), rs.getString("lifecycle_stage"), (Integer) rs.getObject("trend", Integer.class),
            rs.getDate("renewal_date") == null ? null : rs.getDate("renewal_date").toLocalDate(),
            rs.getInt("save_plays") > 0))
        .list();
  }

  /**
   * The version each playbook started in, by process instance id: the version of its first step in
   * the engine's history. Moving a running playbook to another version changes the definition of the
   * instance and of its open steps, never of the steps it finished, so its first finished step keeps
   * the version it started in (a start event and the task after it start in the same millisecond,
   * and the open task moves). An instance with no finished step takes its first step's version; one
   * without steps in the history is left out.
   */
  Map<String, Integer> startedInVersion(Collection<String> instanceIds) {
    Map<String, Integer> versions = new HashMap<>();
    Map<String, Instant> first = new HashMap<>();
    Map<String, Boolean> finished = new HashMap<>();
    List<String> ids = List.copyOf(instanceIds);
    for (int from = 0; from < ids.size(); from += IN_LIST) {
      jdbc.sql("""
              select a.PROC_INST_ID_ as instance_id, d.VERSION_ as version_, min(a.START_TIME_) as first_start,
                     max(case when a.END_TIME_ is not null then 1 else 0 end) as finished
                from ACT_HI_ACTINST a
                join ACT_RE_PROCDEF d on d.ID_ = a.PROC_DEF_ID_
               where a.PROC_INST_ID_ in (:ids)
               group by a.PROC_INST_ID_, d.VERSION_""")
          .param("ids", ids.subList(from, Math.min(ids.size(), from + IN_LIST)))
          .query((rs, n) -> {
            String instance = rs.getString("instance_id");
            Instant start = rs.getTimestamp("first_start").toInstant();
            boolean done = rs.getInt("finished") == 1;
            boolean earlier = !first.containsKey(instance)
                || (done && !finished.get(instance))
                || (done == finished.get(instance) && start.isBefore(first.get(instance)));
            if (earlier) {
              first.put(instance, start);
              finished.put(instance, done);
              versions.put(instance, rs.getInt("version_"));
            }
            return instance;
          })
          .list();
    }
    return versions;
  }

  /** The most ids one statement lists. */
  private static final int IN_LIST = 500;

  /** How many accounts the CSM has that have not churned. */
  int bookSize(String csm) {
    return jdbc.sql("select count(*) from account where csm_id = :csm and lifecycle_stage <> 'churned'")
        .param("csm", csm).query(Integer.class).single();
  }

  /** Accounts whose name contains the text (any case), by name, at most {@code limit}. */
  List<Found> search(String text, int limit) {
    return jdbc.sql("""
            select id, name, segment, region, csm_id, lifecycle_stage, health_band, arr, currency from account
            where lower(name) like :text escape '!' order by name, id limit :limit""")
        .param("text", "%" + text.toLowerCase().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%")
        .param("limit", limit)
        .query((rs, n) -> new Found(rs.getLong("id"), rs.getString("name"), rs.getString("segment"),
            rs.getString("region"), rs.getString("csm_id"), rs.getString("lifecycle_stage"), rs.getString("health_band"),
            rs.getBigDecimal("arr"), rs.getString("currency")))
        .list();
  }

  /** The account's next renewal date (of a renewal not yet decided), if any. */
  java.util.Optional<LocalDate> nextRenewal(long accountId) {
    return jdbc.sql("select min(renewal_date) from renewal where account_id = :id and outcome is null")
        .param("id", accountId).query((rs, n) -> rs.getDate(1) == null ? null : rs.getDate(1).toLocalDate())
        .optional();
  }
}
