package io.csplaybooks.workspace;

import java.math.BigDecimal;
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
      String healthBand, String lifecycleStage, Integer trend, LocalDate renewalDate, boolean savePlay) {

    /** 0 at risk or in the red, 1 yellow, 2 not scored, 3 green. */
    int riskRank() {
      if ("at-risk".equals(lifecycleStage) || "red".equals(healthBand) || savePlay) {
        return 0;
      }
      return switch (healthBand == null ? "" : healthBand) {
        case "yellow" -> 1;
        case "green" -> 3;
        default -> 2;
      };
    }
  }

  /** An account found by name. */
  record Found(long id, String name, String segment, String region, String csm, String lifecycleStage,
      String healthBand, BigDecimal arr, String currency) {}

  private final JdbcClient jdbc;

  WorkspaceQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The CSM's accounts that have not churned. */
  List<BookAccount> book(String csm) {
    return jdbc.sql("""
            select a.id, a.name, a.segment, a.arr, a.currency, a.health_score, a.health_band, a.lifecycle_stage,
                   (select min(r.renewal_date) from renewal r where r.account_id = a.id and r.outcome is null) as renewal_date,
                   (select count(*) from open_intervention o where o.account_id = a.id) as save_plays,
                   (select h.trend_30d from health_score h where h.account_id = a.id
                    order by h.scored_at desc, h.id desc limit 1) as trend
            from account a where a.csm_id = :csm and a.lifecycle_stage <> 'churned'""")
        .param("csm", csm)
        .query((rs, n) -> new BookAccount(rs.getLong("id"), rs.getString("name"), rs.getString("segment"),
            rs.getBigDecimal("arr"), rs.getString("currency"), (Integer) rs.getObject("health_score", Integer.class),
            rs.getString("health_band"), rs.getString("lifecycle_stage"), (Integer) rs.getObject("trend", Integer.class),
            rs.getDate("renewal_date") == null ? null : rs.getDate("renewal_date").toLocalDate(),
            rs.getInt("save_plays") > 0))
        .list();
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
}
