package io.csplaybooks.feedback;

import io.csplaybooks.common.EngineClock;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class FeedbackRepository {

  /** How often a theme came up: items, distinct customers, and items per kind. */
  public record Theme(String theme, int items, int customers, int bugs, int featureRequests, int usability, int open) {}

  private static final String COLUMNS =
      "id, account_id, qbr_round, kind, theme, description, team, status, resolution, created_by, created_at";

  private final JdbcClient jdbc;

  public FeedbackRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public long insert(long accountId, Integer qbrRound, FeedbackItem.New item, String createdBy) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql("""
            insert into feedback_item (account_id, qbr_round, kind, theme, description, team, status, created_by, created_at)
            values (:account, :round, :kind, :theme, :description, :team, 'open', :by, :now)""")
        .param("account", accountId).param("round", qbrRound).param("kind", item.kind().code())
        .param("theme", item.theme()).param("description", item.description()).param("team", item.kind().team())
        .param("by", createdBy).param("now", Timestamp.from(EngineClock.now()))
        .update(keys, "id");
    return keys.getKey().longValue();
  }

  public Optional<FeedbackItem> find(long id) {
    return jdbc.sql("select " + COLUMNS + " from feedback_item where id = :id").param("id", id)
        .query(FeedbackRepository::map).optional();
  }

  public List<FeedbackItem> ofAccount(long accountId) {
    return jdbc.sql("select " + COLUMNS + " from feedback_item where account_id = :account order by id")
        .param("account", accountId).query(FeedbackRepository::map).list();
  }

  public void close(long id, String resolution, String closedBy) {
    jdbc.sql("update feedback_item set status = 'done', resolution = :resolution, closed_by = :by, closed_at = :now"
            + " where id = :id")
        .param("resolution", resolution).param("by", closedBy).param("now", Timestamp.from(EngineClock.now()))
        .param("id", id)
        .update();
  }

  /** Themes across all customers, most frequent first: one GROUP BY. */
  public List<Theme> themes() {
    return jdbc.sql("""
            select theme, count(*) as items, count(distinct account_id) as customers,
                   sum(case when kind = 'bug' then 1 else 0 end) as bugs,
                   sum(case when kind = 'feature-request' then 1 else 0 end) as feature_requests,
                   sum(case when kind = 'usability' then 1 else 0 end) as usability,
                   sum(case when status = 'open' then 1 else 0 end) as open_items
            from feedback_item group by theme order by count(distinct account_id) desc, count(*) desc, theme""")
        .query((rs, n) -> new Theme(rs.getString("theme"), rs.getInt("items"), rs.getInt("customers"),
            rs.getInt("bugs"), rs.getInt("feature_requests"), rs.getInt("usability"), rs.getInt("open_items")))
        .list();
  }

  private static FeedbackItem map(ResultSet rs, int n) throws SQLException {
    return new FeedbackItem(rs.getLong("id"), rs.getLong("account_id"), (Integer) rs.getObject("qbr_round"),
        FeedbackKind.fromCode(rs.getString("kind")).orElseThrow(), rs.getString("theme"), rs.getString("description"),
        rs.getString("team"), rs.getString("status"), rs.getString("resolution"), rs.getString("created_by"),
        rs.getTimestamp("created_at").toInstant());
  }
}
