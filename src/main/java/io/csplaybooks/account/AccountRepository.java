package io.csplaybooks.account;

import io.csplaybooks.common.Batches;
import io.csplaybooks.common.EngineClock;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
public class AccountRepository {

  private static final String ACCOUNT_COLUMNS =
      "id, crm_account_id, name, segment, region, arr, lifecycle_stage, csm_id, account_executive_id,"
          + " renewal_owner_id, first_value_on, time_to_first_value_days, health_score, health_band, created_at, updated_at";

  private final JdbcClient jdbc;

  public AccountRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public long insert(NewAccount account) {
    var keys = new GeneratedKeyHolder();
    Timestamp now = Timestamp.from(EngineClock.now());
    jdbc.sql("""
            insert into account (crm_account_id, name, segment, region, arr, lifecycle_stage,
                                 account_executive_id, created_at, updated_at)
            values (:crm, :name, :segment, :region, :arr, :stage, :ae, :now, :now)""")
        .param("crm", account.crmAccountId())
        .param("name", account.name())
        .param("segment", account.segment().code())
        .param("region", account.region())
        .param("arr", account.arr())
        .param("stage", LifecycleStage.HANDOFF.code())
        .param("ae", account.accountExecutiveId())
        .param("now", now)
        .update(keys, "id");
    return keys.getKey().longValue();
  }

  public Optional<Account> findById(long id) {
    return jdbc.sql("select " + ACCOUNT_COLUMNS + " from account where id = :id")
        .param("id", id)
        .query(AccountRepository::mapAccount)
        .optional();
  }

  public Optional<Account> findByCrmAccountId(String crmAccountId) {
    return jdbc.sql("select " + ACCOUNT_COLUMNS + " from account where crm_account_id = :crm")
        .param("crm", crmAccountId)
        .query(AccountRepository::mapAccount)
        .optional();
  }

  /** Accounts ordered by name, optionally narrowed to one lifecycle stage or one CSM. */
  public List<Account> find(LifecycleStage stage, String csmId, int limit, int offset) {
    return jdbc.sql("select " + ACCOUNT_COLUMNS + " from account"
            + " where (cast(:stage as varchar(20)) is null or lifecycle_stage = :stage)"
            + " and (cast(:csm as varchar(64)) is null or csm_id = :csm)"
            + " order by name, id limit :limit offset :offset")
        .param("stage", stage == null ? null : stage.code())
        .param("csm", csmId)
        .param("limit", limit)
        .param("offset", offset)
        .query(AccountRepository::mapAccount)
        .list();
  }

  public void updateArr(long accountId, BigDecimal arr) {
    jdbc.sql("update account set arr = :arr, updated_at = :now where id = :id")
        .param("arr", arr).param("now", Timestamp.from(EngineClock.now())).param("id", accountId)
        .update();
  }

  public void moveToStage(long accountId, LifecycleStage stage) {
    jdbc.sql("update account set lifecycle_stage = :stage, updated_at = :now where id = :id")
        .param("stage", stage.code()).param("now", Timestamp.from(EngineClock.now())).param("id", accountId)
        .update();
  }

  /** The account churned: lifecycle stage, the day and the reason. */
  public void recordChurn(long accountId, java.time.LocalDate on, String reason) {
    jdbc.sql("update account set lifecycle_stage = :stage, churned_on = :on, churn_reason = :reason, updated_at = :now"
            + " where id = :id")
        .param("stage", LifecycleStage.CHURNED.code()).param("on", on).param("reason", reason)
        .param("now", Timestamp.from(EngineClock.now())).param("id", accountId)
        .update();
  }

  /** Time to first value: from contract start to the day the customer reached its first agreed outcome. */
  public void recordFirstValue(long accountId, java.time.LocalDate reachedOn, int daysFromContractStart) {
    jdbc.sql("update account set first_value_on = :on, time_to_first_value_days = :days, updated_at = :now where id = :id")
        .param("on", reachedOn).param("days", daysFromContractStart).param("now", Timestamp.from(EngineClock.now()))
        .param("id", accountId)
        .update();
  }

  public void assignCsm(long accountId, String csmId) {
    jdbc.sql("update account set csm_id = :csm, updated_at = :now where id = :id")
        .param("csm", csmId).param("now", Timestamp.from(EngineClock.now())).param("id", accountId)
        .update();
  }

  /** Open (not churned) accounts per CSM, in one query; CSMs without accounts are absent. */
  public Map<String, Integer> openAccountsPerCsm(Collection<String> csmIds) {
    Map<String, Integer> counts = new HashMap<>();
    if (csmIds.isEmpty()) {
      return counts;
    }
    jdbc.sql("select csm_id, count(*) as open_accounts from account"
            + " where csm_id in (:csms) and lifecycle_stage <> 'churned' group by csm_id")
        .param("csms", csmIds)
        .query((rs, n) -> counts.put(rs.getString("csm_id"), rs.getInt("open_accounts")))
        .list();
    return counts;
  }

  public void insertContract(Contract contract) {
    jdbc.sql("""
            insert into contract (contract_id, account_id, start_date, end_date, arr, created_at)
            values (:id, :account, :start, :end, :arr, :now)""")
        .param("id", contract.contractId())
        .param("account", contract.accountId())
        .param("start", contract.startDate())
        .param("end", contract.endDate())
        .param("arr", contract.arr())
        .param("now", Timestamp.from(EngineClock.now()))
        .update();
  }

  public Optional<Contract> findContract(String contractId) {
    return jdbc.sql("select contract_id, account_id, start_date, end_date, arr from contract where contract_id = :id")
        .param("id", contractId)
        .query(AccountRepository::mapContract)
        .optional();
  }

  public List<Contract> contractsOf(long accountId) {
    return jdbc.sql("select contract_id, account_id, start_date, end_date, arr from contract"
            + " where account_id = :account order by start_date, contract_id")
        .param("account", accountId)
        .query(AccountRepository::mapContract)
        .list();
  }

  public long insertStakeholder(Stakeholder stakeholder) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql("""
            insert into stakeholder (account_id, name, role, email, created_at)
            values (:account, :name, :role, :email, :now)""")
        .param("account", stakeholder.accountId())
        .param("name", stakeholder.name())
        .param("role", stakeholder.role().code())
        .param("email", stakeholder.email())
        .param("now", Timestamp.from(EngineClock.now()))
        .update(keys, "id");
    return keys.getKey().longValue();
  }

  /** Replaces the account's stakeholder in a one-person role (champion, executive sponsor). */
  public void replaceStakeholder(long accountId, StakeholderRole role, String name, String email) {
    jdbc.sql("delete from stakeholder where account_id = :account and role = :role")
        .param("account", accountId).param("role", role.code())
        .update();
    insertStakeholder(new Stakeholder(null, accountId, name, role, email));
  }

  public void removeStakeholder(long accountId, StakeholderRole role) {
    jdbc.sql("delete from stakeholder where account_id = :account and role = :role")
        .param("account", accountId).param("role", role.code())
        .update();
  }

  public List<Stakeholder> stakeholdersOf(long accountId) {
    return jdbc.sql("select id, account_id, name, role, email from stakeholder where account_id = :account order by id")
        .param("account", accountId)
        .query((rs, n) -> new Stakeholder(
            rs.getLong("id"),
            rs.getLong("account_id"),
            rs.getString("name"),
            StakeholderRole.fromCode(rs.getString("role")).orElseThrow(),
            rs.getString("email")))
        .list();
  }

  private static Account mapAccount(ResultSet rs, int rowNum) throws SQLException {
    return new Account(
        rs.getLong("id"),
        rs.getString("crm_account_id"),
        rs.getString("name"),
        Segment.fromCode(rs.getString("segment")).orElseThrow(),
        rs.getString("region"),
        rs.getBigDecimal("arr"),
        LifecycleStage.fromCode(rs.getString("lifecycle_stage")),
        rs.getString("csm_id"),
        rs.getString("account_executive_id"),
        rs.getString("renewal_owner_id"),
        rs.getDate("first_value_on") == null ? null : rs.getDate("first_value_on").toLocalDate(),
        (Integer) rs.getObject("time_to_first_value_days"),
        (Integer) rs.getObject("health_score"),
        rs.getString("health_band"),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }

  private static Contract mapContract(ResultSet rs, int rowNum) throws SQLException {
    return new Contract(
        rs.getString("contract_id"),
        rs.getLong("account_id"),
        rs.getDate("start_date").toLocalDate(),
        rs.getDate("end_date").toLocalDate(),
        rs.getBigDecimal("arr"));
  }

  /** Whether the portfolio has any account yet (the demo seeds an empty one). */
  public boolean any() {
    return jdbc.sql("select count(*) from account").query(Long.class).single() > 0;
  }

  /**
   * Claims the advocacy ask: true when the account was not asked since {@code askedBefore} and is now
   * marked asked on {@code today}. One conditional update, so two promoter answers at once make one ask.
   */
  public boolean claimAdvocacyAsk(long accountId, LocalDate today, LocalDate askedBefore) {
    return jdbc.sql("""
            update account set advocacy_asked_on = :today
            where id = :id and (advocacy_asked_on is null or advocacy_asked_on <= :askedBefore)""")
        .param("today", java.sql.Date.valueOf(today))
        .param("askedBefore", java.sql.Date.valueOf(askedBefore))
        .param("id", accountId)
        .update() == 1;
  }

  /** The customer's answer to the advocacy ask, and what they agreed to. */
  public void recordAdvocacyAnswer(long accountId, String answer, String kind) {
    jdbc.sql("update account set advocacy_answer = :answer, advocacy_kind = :kind where id = :id")
        .param("answer", answer).param("kind", kind).param("id", accountId)
        .update();
  }

  /** Which of these account ids exist. */
  public java.util.Set<Long> existing(Collection<Long> ids) {
    return Batches.findInChunks(ids, chunk -> jdbc.sql("select id from account where id in (:ids)")
        .param("ids", chunk).query(Long.class).list());
  }

  /** The accounts' current health (score and band): their latest health score, in one statement. */
  public void refreshCurrentHealth(Collection<Long> accountIds) {
    if (accountIds.isEmpty()) {
      return;
    }
    jdbc.sql("""
            update account set
              health_score = (select h.score from health_score h where h.account_id = account.id
                              order by h.scored_at desc, h.id desc limit 1),
              health_band = (select h.band from health_score h where h.account_id = account.id
                             order by h.scored_at desc, h.id desc limit 1)
            where id in (:ids)""")
        .param("ids", accountIds)
        .update();
  }
}
