package io.csplaybooks.handoff;

import io.csplaybooks.account.Accounts;
import io.csplaybooks.common.EngineClock;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class HandoffRepository {

  private static final String COLUMNS = "id, contract_id, account_id, account_executive_id, process_instance_id,"
      + " brief_score, brief_missing, kickoff_held_on, kickoff_notes, created_at";

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate batch;
  private final Accounts accounts;

  public HandoffRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batch, Accounts accounts) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.accounts = accounts;
  }

  /** A handoff of a contract, with what the CRM sent (JSON) to tell a retried delivery from a changed contract. */
  public long insert(String contractId, long accountId, String accountExecutiveId, BriefScore score, String request) {
    var keys = new GeneratedKeyHolder();
    Timestamp now = Timestamp.from(EngineClock.now());
    jdbc.sql("""
            insert into handoff (contract_id, account_id, account_executive_id, brief_score, brief_missing,
              request_json, created_at, updated_at)
            values (:contract, :account, :ae, :score, :missing, :request, :now, :now)""")
        .param("contract", contractId)
        .param("account", accountId)
        .param("ae", accountExecutiveId)
        .param("score", score.score())
        .param("missing", missingCodes(score))
        .param("request", request)
        .param("now", now)
        .update(keys, "id");
    return keys.getKey().longValue();
  }

  /** What the CRM sent for the contract of this handoff; empty for handoffs recorded before it was kept. */
  public Optional<String> request(long handoffId) {
    return jdbc.sql("select request_json from handoff where id = :id").param("id", handoffId)
        .query(String.class).optional();
  }

  public Optional<Handoff> findByContractId(String contractId) {
    return jdbc.sql("select " + COLUMNS + " from handoff where contract_id = :contract")
        .param("contract", contractId)
        .query(HandoffRepository::map)
        .optional();
  }

  public Optional<Handoff> findById(long id) {
    return jdbc.sql("select " + COLUMNS + " from handoff where id = :id")
        .param("id", id)
        .query(HandoffRepository::map)
        .optional();
  }

  public List<Handoff> ofAccount(long accountId) {
    return jdbc.sql("select " + COLUMNS + " from handoff where account_id = :account order by created_at")
        .param("account", accountId)
        .query(HandoffRepository::map)
        .list();
  }

  public void linkProcessInstance(long handoffId, String processInstanceId) {
    jdbc.sql("update handoff set process_instance_id = :pi, updated_at = :now where id = :id")
        .param("pi", processInstanceId).param("now", Timestamp.from(EngineClock.now())).param("id", handoffId)
        .update();
  }

  public void recordScore(long handoffId, BriefScore score) {
    jdbc.sql("update handoff set brief_score = :score, brief_missing = :missing, updated_at = :now where id = :id")
        .param("score", score.score())
        .param("missing", missingCodes(score))
        .param("now", Timestamp.from(EngineClock.now()))
        .param("id", handoffId)
        .update();
  }

  private static String missingCodes(BriefScore score) {
    return score.missing().stream().map(BriefItem::code).collect(Collectors.joining(","));
  }

  public void recordKickoff(long handoffId, LocalDate heldOn, String notes) {
    jdbc.sql("update handoff set kickoff_held_on = :held, kickoff_notes = :notes, updated_at = :now where id = :id")
        .param("held", heldOn).param("notes", notes).param("now", Timestamp.from(EngineClock.now())).param("id", handoffId)
        .update();
  }

  /** Replaces the brief's lists with the given ones (stakeholders live on the account), in one batch. */
  public void saveItems(long handoffId, HandoffBrief brief) {
    jdbc.sql("delete from handoff_item where handoff_id = :id").param("id", handoffId).update();
    List<MapSqlParameterSource> rows = new ArrayList<>();
    addItems(rows, handoffId, HandoffItemKind.BUSINESS_GOAL, brief.businessGoals());
    addItems(rows, handoffId, HandoffItemKind.SUCCESS_CRITERION, brief.successCriteria());
    addItems(rows, handoffId, HandoffItemKind.USE_CASE, brief.useCases());
    addItems(rows, handoffId, HandoffItemKind.TECHNICAL_REQUIREMENT, brief.technicalRequirements());
    addItems(rows, handoffId, HandoffItemKind.KNOWN_RISK, brief.knownRisks());
    int position = 0;
    for (PromisedItem item : brief.promisedItems()) {
      rows.add(item(handoffId, HandoffItemKind.PROMISED_ITEM, position++, item.description(), item.dueDate()));
    }
    if (!rows.isEmpty()) {
      batch.batchUpdate("""
          insert into handoff_item (handoff_id, kind, position, description, due_date)
          values (:handoff, :kind, :position, :description, :due)""", rows.toArray(MapSqlParameterSource[]::new));
    }
  }

  /** The brief as it stands: the handoff's lists and the account's stakeholders. */
  public HandoffBrief brief(Handoff handoff) {
    List<String> goals = new ArrayList<>();
    List<String> criteria = new ArrayList<>();
    List<String> useCases = new ArrayList<>();
    List<String> technical = new ArrayList<>();
    List<String> risks = new ArrayList<>();
    List<PromisedItem> promised = new ArrayList<>();
    jdbc.sql("select kind, description, due_date from handoff_item where handoff_id = :id order by kind, position")
        .param("id", handoff.id())
        .query((rs, n) -> {
          String description = rs.getString("description");
          switch (rs.getString("kind")) {
            case "business-goal" -> goals.add(description);
            case "success-criterion" -> criteria.add(description);
            case "use-case" -> useCases.add(description);
            case "technical-requirement" -> technical.add(description);
            case "known-risk" -> risks.add(description);
            case "promised-item" -> promised.add(new PromisedItem(description,
                rs.getDate("due_date") == null ? null : rs.getDate("due_date").toLocalDate()));
            default -> throw new IllegalStateException("unknown handoff item kind " + rs.getString("kind"));
          }
          return description;
        })
        .list();
    List<BriefStakeholder> stakeholders = accounts.stakeholdersOf(handoff.accountId()).stream()
        .map(BriefStakeholder::of)
        .toList();
    return new HandoffBrief(goals, criteria, useCases, technical, promised, risks, stakeholders);
  }

  private static void addItems(List<MapSqlParameterSource> rows, long handoffId, HandoffItemKind kind,
      List<String> descriptions) {
    int position = 0;
    for (String description : descriptions) {
      rows.add(item(handoffId, kind, position++, description, null));
    }
  }

  private static MapSqlParameterSource item(long handoffId, HandoffItemKind kind, int position, String description,
      LocalDate due) {
    return new MapSqlParameterSource()
        .addValue("handoff", handoffId)
        .addValue("kind", kind.code())
        .addValue("position", position)
        .addValue("description", description)
        .addValue("due", due);
  }

  private static Handoff map(ResultSet rs, int rowNum) throws SQLException {
    int score = rs.getInt("brief_score");
    boolean unscored = rs.wasNull();
    return new Handoff(
        rs.getLong("id"),
        rs.getString("contract_id"),
        rs.getLong("account_id"),
        rs.getString("account_executive_id"),
        rs.getString("process_instance_id"),
        unscored ? null : score,
        rs.getString("brief_missing"),
        rs.getDate("kickoff_held_on") == null ? null : rs.getDate("kickoff_held_on").toLocalDate(),
        rs.getString("kickoff_notes"),
        rs.getTimestamp("created_at").toInstant());
  }
}
