package io.csplaybooks.account;

import io.csplaybooks.common.Batches;
import io.csplaybooks.common.EngineClock;
import io.csplaybooks.common.NotFoundException;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The account module's published door: other modules read and change accounts, contracts and
 * stakeholders only through it, and its writes keep the account's rules (a lifecycle move is one the
 * stage allows and is recorded with its reason; an amendment keeps what changed). The bean keeps its
 * earlier name: the sandbox refuses a playbook expression that names a bean, so a new name would
 * take {@code accounts} from the variables a playbook may use.
 */
@Repository("accountRepository")
public class Accounts {

  private static final String ACCOUNT_COLUMNS =
      "id, crm_account_id, name, segment, region, arr, currency, lifecycle_stage, csm_id, account_executive_id,"
          + " renewal_owner_id, first_value_on, time_to_first_value_days, health_score, health_band, created_at, updated_at";

  private static final String CONTRACT_COLUMNS =
      "contract_id, account_id, start_date, end_date, arr, kind, currency, replaces";

  private final JdbcClient jdbc;
  private final ApplicationEventPublisher events;

  /** Without anyone told of stakeholder changes. */
  public Accounts(JdbcClient jdbc) {
    this(jdbc, event -> { });
  }

  @Autowired
  public Accounts(JdbcClient jdbc, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.events = events;
  }

  /** A new customer, in the handoff stage; the first move of its timeline says why. */
  public long insert(NewAccount account, String reason) {
    var keys = new GeneratedKeyHolder();
    Timestamp now = Timestamp.from(EngineClock.now());
    jdbc.sql("""
            insert into account (crm_account_id, name, segment, region, arr, currency, lifecycle_stage,
                                 account_executive_id, created_at, updated_at)
            values (:crm, :name, :segment, :region, :arr, :currency, :stage, :ae, :now, :now)""")
        .param("crm", account.crmAccountId())
        .param("name", account.name())
        .param("segment", account.segment().code())
        .param("region", account.region())
        .param("arr", account.arr())
        .param("currency", account.currency())
        .param("stage", LifecycleStage.HANDOFF.code())
        .param("ae", account.accountExecutiveId())
        .param("now", now)
        .update(keys, "id");
    long id = keys.getKey().longValue();
    recordMove(id, null, LifecycleStage.HANDOFF, reason, account.accountExecutiveId());
    return id;
  }

  public Optional<Account> findById(long id) {
    return jdbc.sql("select " + ACCOUNT_COLUMNS + " from account where id = :id")
        .param("id", id)
        .query(Accounts::mapAccount)
        .optional();
  }

  public Optional<Account> findByCrmAccountId(String crmAccountId) {
    return jdbc.sql("select " + ACCOUNT_COLUMNS + " from account where crm_account_id = :crm")
        .param("crm", crmAccountId)
        .query(Accounts::mapAccount)
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
        .query(Accounts::mapAccount)
        .list();
  }

  /**
   * The account's ARR, from its contracts: the sum of those that have not ended, each renewal chain
   * counted once (by its latest term). Amounts are in the account's currency.
   */
  public BigDecimal recomputeArr(long accountId) {
    BigDecimal arr = jdbc.sql("""
            select coalesce(sum(c.arr), 0) from contract c
            where c.account_id = :id and c.end_date >= :today
              and not exists (select 1 from contract n where n.replaces = c.contract_id)""")
        .param("id", accountId).param("today", EngineClock.today())
        .query(BigDecimal.class).single();
    jdbc.sql("update account set arr = :arr, updated_at = :now where id = :id")
        .param("arr", arr).param("now", Timestamp.from(EngineClock.now())).param("id", accountId)
        .update();
    return arr;
  }

  /**
   * Moves the account in its lifecycle, if {@link LifecycleStage#canMoveTo} allows it, and records
   * the move (from, to, why, who, when). The account's row is locked for the move, so two moves at
   * once are made one after the other, each from the stage the other left.
   *
   * @return whether it moved (not when it is there already, nor when the move is not allowed: a
   *     churned account stays churned until a new contract wins it back)
   */
  public boolean moveToStage(long accountId, LifecycleStage to, String reason, String by) {
    LifecycleStage from = lockedStage(accountId);
    if (from == to || !from.canMoveTo(to)) {
      return false;
    }
    jdbc.sql("update account set lifecycle_stage = :stage, updated_at = :now where id = :id")
        .param("stage", to.code()).param("now", Timestamp.from(EngineClock.now())).param("id", accountId)
        .update();
    recordMove(accountId, from, to, reason, by);
    events.publishEvent(new AccountChanged(accountId));
    return true;
  }

  /** The account churned: lifecycle stage, the day and the reason; false when it had churned already. */
  public boolean recordChurn(long accountId, java.time.LocalDate on, String reason, String by) {
    if (!moveToStage(accountId, LifecycleStage.CHURNED, reason, by)) {
      return false;
    }
    jdbc.sql("update account set churned_on = :on, churn_reason = :reason where id = :id")
        .param("on", on).param("reason", reason).param("id", accountId)
        .update();
    return true;
  }

  /** The account's lifecycle moves, oldest first. */
  public List<LifecycleMove> lifecycleMoves(long accountId) {
    return jdbc.sql("select from_stage, to_stage, reason, moved_by, moved_at from lifecycle_move"
            + " where account_id = :id order by moved_at, id")
        .param("id", accountId)
        .query((rs, n) -> new LifecycleMove(rs.getString("from_stage") == null ? null
            : LifecycleStage.fromCode(rs.getString("from_stage")), LifecycleStage.fromCode(rs.getString("to_stage")),
            rs.getString("reason"), rs.getString("moved_by"), rs.getTimestamp("moved_at").toInstant()))
        .list();
  }

  private LifecycleStage lockedStage(long accountId) {
    return LifecycleStage.fromCode(jdbc.sql("select lifecycle_stage from account where id = :id for update")
        .param("id", accountId).query(String.class).optional()
        .orElseThrow(() -> new NotFoundException("no account " + accountId)));
  }

  private void recordMove(long accountId, LifecycleStage from, LifecycleStage to, String reason, String by) {
    jdbc.sql("""
            insert into lifecycle_move (account_id, from_stage, to_stage, reason, moved_by, moved_at)
            values (:account, :from, :to, :reason, :by, :now)""")
        .param("account", accountId).param("from", from == null ? null : from.code()).param("to", to.code())
        .param("reason", truncate(reason, 500)).param("by", truncate(by == null ? "engine" : by, 64))
        .param("now", Timestamp.from(EngineClock.now()))
        .update();
  }

  private static String truncate(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
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
    events.publishEvent(new AccountChanged(accountId));
  }

  /**
   * Moves the account from one CSM to another, with the handover note, once per transfer: the
   * account's row is locked, and it moves only while its CSM is still {@code from}, so a retry of the
   * same transfer (or one that lost a race) changes nothing.
   *
   * @return whether it moved
   */
  public boolean moveCsm(String transferId, long accountId, String from, String to, String note, String by) {
    String csm = jdbc.sql("select csm_id from account where id = :id for update").param("id", accountId)
        .query(String.class).optional().orElse(null);
    if (!from.equals(csm)) {
      return false;
    }
    if (jdbc.sql("select count(*) from csm_move where transfer_id = :t and account_id = :a")
        .param("t", transferId).param("a", accountId).query(Long.class).single() > 0) {
      return false;
    }
    Timestamp now = Timestamp.from(EngineClock.now());
    jdbc.sql("update account set csm_id = :to, updated_at = :now where id = :id")
        .param("to", to).param("now", now).param("id", accountId).update();
    jdbc.sql("""
            insert into csm_move (transfer_id, account_id, from_csm, to_csm, note, moved_by, moved_at)
            values (:t, :a, :from, :to, :note, :by, :now)""")
        .param("t", transferId).param("a", accountId).param("from", from).param("to", to)
        .param("note", truncate(note, 2000)).param("by", truncate(by, 64)).param("now", now)
        .update();
    events.publishEvent(new AccountChanged(accountId));
    return true;
  }

  /** The accounts this transfer has moved (any retry of it included). */
  public List<Long> movedBy(String transferId) {
    return jdbc.sql("select account_id from csm_move where transfer_id = :t order by account_id")
        .param("t", transferId).query(Long.class).list();
  }

  /** The account's moves between CSMs, oldest first. */
  public List<CsmMove> csmMoves(long accountId) {
    return jdbc.sql("""
            select transfer_id, account_id, from_csm, to_csm, note, moved_by, moved_at from csm_move
            where account_id = :id order by moved_at, id""")
        .param("id", accountId)
        .query((rs, n) -> new CsmMove(rs.getString("transfer_id"), rs.getLong("account_id"), rs.getString("from_csm"),
            rs.getString("to_csm"), rs.getString("note"), rs.getString("moved_by"),
            rs.getTimestamp("moved_at").toInstant()))
        .list();
  }

  /** The ids of a CSM's accounts that have not churned: their book. */
  public List<Long> bookOf(String csmId) {
    return jdbc.sql("select id from account where csm_id = :csm and lifecycle_stage <> 'churned' order by id")
        .param("csm", csmId).query(Long.class).list();
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
            insert into contract (contract_id, account_id, start_date, end_date, arr, kind, currency, replaces, created_at)
            values (:id, :account, :start, :end, :arr, :kind, :currency, :replaces, :now)""")
        .param("id", contract.contractId())
        .param("account", contract.accountId())
        .param("start", contract.startDate())
        .param("end", contract.endDate())
        .param("arr", contract.arr())
        .param("kind", contract.kind().code())
        .param("currency", contract.currency())
        .param("replaces", contract.replaces())
        .param("now", Timestamp.from(EngineClock.now()))
        .update();
  }

  /** Changes a contract's ARR and end date, recording who changed what, when and why. */
  public void amendContract(Contract amended, String changes, String reason, String by) {
    Timestamp now = Timestamp.from(EngineClock.now());
    jdbc.sql("update contract set arr = :arr, end_date = :end, updated_at = :now where contract_id = :id")
        .param("arr", amended.arr()).param("end", amended.endDate()).param("now", now).param("id", amended.contractId())
        .update();
    jdbc.sql("""
            insert into contract_amendment (contract_id, changes, reason, amended_by, amended_at)
            values (:id, :changes, :reason, :by, :now)""")
        .param("id", amended.contractId()).param("changes", changes).param("reason", reason).param("by", by)
        .param("now", now)
        .update();
  }

  /** When each contract of the account was recorded, oldest first. */
  public List<Map.Entry<Contract, java.time.Instant>> contractsRecorded(long accountId) {
    return jdbc.sql("select " + CONTRACT_COLUMNS + ", created_at from contract where account_id = :account"
            + " order by created_at, contract_id")
        .param("account", accountId)
        .query((rs, n) -> Map.entry(mapContract(rs, n), rs.getTimestamp("created_at").toInstant()))
        .list();
  }

  /** A contract's amendments, oldest first. */
  public List<ContractAmendment> amendments(String contractId) {
    return jdbc.sql("select contract_id, changes, reason, amended_by, amended_at from contract_amendment"
            + " where contract_id = :id order by amended_at, id")
        .param("id", contractId)
        .query(Accounts::mapAmendment)
        .list();
  }

  /** The amendments of every contract of an account, oldest first. */
  public List<ContractAmendment> amendmentsOfAccount(long accountId) {
    return jdbc.sql("select a.contract_id, a.changes, a.reason, a.amended_by, a.amended_at from contract_amendment a"
            + " join contract c on c.contract_id = a.contract_id where c.account_id = :id order by a.amended_at, a.id")
        .param("id", accountId)
        .query(Accounts::mapAmendment)
        .list();
  }

  private static ContractAmendment mapAmendment(ResultSet rs, int rowNum) throws SQLException {
    return new ContractAmendment(rs.getString("contract_id"), rs.getString("changes"), rs.getString("reason"),
        rs.getString("amended_by"), rs.getTimestamp("amended_at").toInstant());
  }

  public Optional<Contract> findContract(String contractId) {
    return jdbc.sql("select " + CONTRACT_COLUMNS + " from contract where contract_id = :id")
        .param("id", contractId)
        .query(Accounts::mapContract)
        .optional();
  }

  public List<Contract> contractsOf(long accountId) {
    return jdbc.sql("select " + CONTRACT_COLUMNS + " from contract"
            + " where account_id = :account order by start_date, contract_id")
        .param("account", accountId)
        .query(Accounts::mapContract)
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

  /** Adds a stakeholder a later contract names, recorded in the account's timeline. */
  public long addStakeholder(Stakeholder stakeholder, String reason, String by) {
    long id = insertStakeholder(stakeholder);
    recordStakeholderChange(stakeholder.accountId(), id, null, stakeholder.role(), reason, by);
    return id;
  }

  /** A stakeholder's new role (a new champion, the former one a user): recorded, never silent. */
  public void changeStakeholderRole(Stakeholder stakeholder, StakeholderRole to, String reason, String by) {
    jdbc.sql("update stakeholder set role = :role where id = :id")
        .param("role", to.code()).param("id", stakeholder.id())
        .update();
    recordStakeholderChange(stakeholder.accountId(), stakeholder.id(), stakeholder.role(), to, reason, by);
  }

  /** The recorded stakeholder changes of an account, oldest first, with the stakeholder's name. */
  public List<StakeholderChange> stakeholderChanges(long accountId) {
    return jdbc.sql("select s.name, c.from_role, c.to_role, c.reason, c.changed_by, c.changed_at from stakeholder_change c"
            + " join stakeholder s on s.id = c.stakeholder_id where c.account_id = :id order by c.changed_at, c.id")
        .param("id", accountId)
        .query((rs, n) -> new StakeholderChange(rs.getString("name"),
            rs.getString("from_role") == null ? null : StakeholderRole.fromCode(rs.getString("from_role")).orElseThrow(),
            StakeholderRole.fromCode(rs.getString("to_role")).orElseThrow(), rs.getString("reason"),
            rs.getString("changed_by"), rs.getTimestamp("changed_at").toInstant()))
        .list();
  }

  private void recordStakeholderChange(long accountId, long stakeholderId, StakeholderRole from, StakeholderRole to,
      String reason, String by) {
    jdbc.sql("""
            insert into stakeholder_change (account_id, stakeholder_id, from_role, to_role, reason, changed_by, changed_at)
            values (:account, :stakeholder, :from, :to, :reason, :by, :now)""")
        .param("account", accountId).param("stakeholder", stakeholderId)
        .param("from", from == null ? null : from.code()).param("to", to.code())
        .param("reason", truncate(reason, 500)).param("by", truncate(by, 64))
        .param("now", Timestamp.from(EngineClock.now()))
        .update();
    events.publishEvent(new StakeholderChanged(accountId));
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
        rs.getString("currency"),
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
        rs.getBigDecimal("arr"),
        ContractKind.fromCode(rs.getString("kind")).orElseThrow(),
        rs.getString("currency"),
        rs.getString("replaces"));
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

  /**
   * The open (not churned) accounts among {@code among} (every open account when null) in one of the
   * segments, or in any segment when none is given: one statement, for triggers that watch a tier.
   */
  public java.util.Set<Long> openIn(Collection<Segment> segments, Collection<Long> among) {
    String sql = "select id from account where lifecycle_stage <> 'churned'"
        + (segments.isEmpty() ? "" : " and segment in (:segments)");
    List<String> codes = segments.stream().map(Segment::code).toList();
    if (among == null) {
      var query = jdbc.sql(sql);
      if (!codes.isEmpty()) {
        query = query.param("segments", codes);
      }
      return new java.util.HashSet<>(query.query(Long.class).list());
    }
    return Batches.findInChunks(among, chunk -> {
      var query = jdbc.sql(sql + " and id in (:ids)").param("ids", chunk);
      if (!codes.isEmpty()) {
        query = query.param("segments", codes);
      }
      return query.query(Long.class).list();
    });
  }

  /**
   * The open accounts among {@code among} (all when null) whose stakeholder in the role changed since
   * the instant: someone took the role, or its holder left it (the recorded stakeholder changes).
   */
  public java.util.Set<Long> stakeholderChangedSince(StakeholderRole role, java.time.Instant since,
      Collection<Long> among) {
    String sql = """
        select distinct c.account_id from stakeholder_change c join account a on a.id = c.account_id
        where a.lifecycle_stage <> 'churned' and c.changed_at >= :since and (c.from_role = :role or c.to_role = :role)""";
    Timestamp from = Timestamp.from(since);
    if (among == null) {
      return new java.util.HashSet<>(jdbc.sql(sql).param("since", from).param("role", role.code())
          .query(Long.class).list());
    }
    return Batches.findInChunks(among, chunk -> jdbc.sql(sql + " and c.account_id in (:ids)").param("since", from)
        .param("role", role.code()).param("ids", chunk).query(Long.class).list());
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
