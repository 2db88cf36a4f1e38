package io.csplaybooks.crm;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The write-backs to the CRMs ({@code crm_write_back}): which CRM record each account is, what is
 * pending, and what went out last. Also reads the facts the CRMs show, from the account and renewal
 * tables (reads only, as a read model does).
 */
@Repository
class WriteBackRows {

  static final String IDLE = "idle";
  static final String PENDING = "pending";
  static final String FAILED = "failed";

  /** A write-back due: the version tells whether facts changed again while it was being sent. */
  record Due(long accountId, String crm, String recordId, int version, int attempts, String sentFacts) {}

  /** A write-back as an administrator sees it. */
  record Row(long accountId, String crm, String recordId, String state, int attempts, Instant nextAttemptAt,
      Instant sentAt, Integer lastStatus, String lastError) {}

  private final JdbcClient jdbc;

  WriteBackRows(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The account is this CRM's record; a link made before stays (the CRM's id of an account does not change). */
  boolean link(long accountId, String crm, String recordId, Instant now) {
    if (jdbc.sql("select count(*) from crm_write_back where account_id = :a and crm = :crm")
        .param("a", accountId).param("crm", crm).query(Long.class).single() > 0) {
      return false;
    }
    try {
      jdbc.sql("""
              insert into crm_write_back (account_id, crm, record_id, state, linked_at)
              values (:a, :crm, :record, 'idle', :now)""")
          .param("a", accountId).param("crm", crm).param("record", recordId).param("now", Timestamp.from(now))
          .update();
      return true;
    } catch (DuplicateKeyException e) {
      // Two deliveries of the same deal at once: the other one linked it.
      return false;
    }
  }

  /**
   * Marks the accounts' write-backs to these CRMs pending. One already pending stays when it was due
   * (a 429's wait or a retry's delay is kept) and counts its retries on; the facts are read when it is
   * sent, so it carries the latest. A failed one starts again.
   */
  int request(Collection<Long> accountIds, Collection<String> crms, Instant now) {
    if (crms.isEmpty() || (accountIds != null && accountIds.isEmpty())) {
      return 0;
    }
    String update = """
        update crm_write_back set version = version + 1, requested_at = :now,
          attempts = case when state = 'pending' then attempts else 0 end,
          next_attempt_at = case when state = 'pending' then next_attempt_at else :now end,
          state = 'pending'
        where crm in (:crms)""";
    if (accountIds == null) {
      return jdbc.sql(update).param("now", Timestamp.from(now)).param("crms", crms).update();
    }
    List<Long> ids = new ArrayList<>(accountIds);
    int updated = 0;
    for (int from = 0; from < ids.size(); from += 1000) {
      updated += jdbc.sql(update + " and account_id in (:ids)").param("now", Timestamp.from(now)).param("crms", crms)
          .param("ids", ids.subList(from, Math.min(ids.size(), from + 1000))).update();
    }
    return updated;
  }

  boolean anyDue(Collection<String> crms, Instant now) {
    return !crms.isEmpty() && jdbc.sql("""
            select count(*) from crm_write_back where state = 'pending' and next_attempt_at <= :now and crm in (:crms)""")
        .param("now", Timestamp.from(now)).param("crms", crms).query(Long.class).single() > 0;
  }

  List<Due> due(Collection<String> crms, Instant now, int limit) {
    return jdbc.sql("""
            select account_id, crm, record_id, version, attempts, sent_facts from crm_write_back
            where state = 'pending' and next_attempt_at <= :now and crm in (:crms)
            order by next_attempt_at, account_id fetch first :limit rows only""")
        .param("now", Timestamp.from(now)).param("crms", crms).param("limit", limit)
        .query((rs, n) -> new Due(rs.getLong("account_id"), rs.getString("crm"), rs.getString("record_id"),
            rs.getInt("version"), rs.getInt("attempts"), rs.getString("sent_facts")))
        .list();
  }

  /** Sent: idle, unless the facts changed again meanwhile. */
  void sent(Due due, String facts, int status, Instant now) {
    jdbc.sql("""
            update crm_write_back set state = case when version = :v then 'idle' else 'pending' end,
              sent_facts = :facts, sent_at = :now, attempts = 0, last_status = :status, last_error = null,
              next_attempt_at = :now
            where account_id = :a and crm = :crm""")
        .param("v", due.version()).param("facts", facts).param("status", status).param("now", Timestamp.from(now))
        .param("a", due.accountId()).param("crm", due.crm())
        .update();
  }

  /** Nothing to send: the CRM has these facts already. */
  void unchanged(Due due, Instant now) {
    jdbc.sql("""
            update crm_write_back set state = case when version = :v then 'idle' else 'pending' end,
              attempts = 0, next_attempt_at = :now
            where account_id = :a and crm = :crm""")
        .param("v", due.version()).param("now", Timestamp.from(now)).param("a", due.accountId())
        .param("crm", due.crm())
        .update();
  }

  /** Tried again at {@code at}; {@code attempts} is what the retries have counted so far. */
  void later(Due due, Instant at, int attempts, int status, String error) {
    jdbc.sql("""
            update crm_write_back set next_attempt_at = :at, attempts = :attempts, last_status = :status,
              last_error = :error
            where account_id = :a and crm = :crm""")
        .param("at", Timestamp.from(at)).param("attempts", attempts).param("status", status)
        .param("error", truncate(error)).param("a", due.accountId()).param("crm", due.crm())
        .update();
  }

  /** A 429 holds every write-back to that CRM until the time it names: the limit is the CRM's, not the record's. */
  void holdCrm(String crm, Instant until) {
    jdbc.sql("""
            update crm_write_back set next_attempt_at = :until
            where crm = :crm and state = 'pending' and next_attempt_at < :until""")
        .param("until", Timestamp.from(until)).param("crm", crm).update();
  }

  /** Failed, for an administrator to see; facts that changed meanwhile are tried afresh. */
  void failed(Due due, int attempts, int status, String error, Instant now) {
    jdbc.sql("""
            update crm_write_back set state = case when version = :v then 'failed' else 'pending' end,
              attempts = case when version = :v then :attempts else 0 end, last_status = :status,
              last_error = :error, next_attempt_at = :now
            where account_id = :a and crm = :crm""")
        .param("v", due.version()).param("attempts", attempts).param("status", status)
        .param("error", truncate(error)).param("now", Timestamp.from(now)).param("a", due.accountId())
        .param("crm", due.crm())
        .update();
  }

  /** A failed write-back again, from now (an administrator's retry). */
  boolean retry(long accountId, String crm, Instant now) {
    return jdbc.sql("""
            update crm_write_back set state = 'pending', attempts = 0, next_attempt_at = :now, version = version + 1
            where account_id = :a and crm = :crm and state = 'failed'""")
        .param("now", Timestamp.from(now)).param("a", accountId).param("crm", crm).update() == 1;
  }

  List<Row> inState(String state, int limit) {
    return jdbc.sql("""
            select account_id, crm, record_id, state, attempts, next_attempt_at, sent_at, last_status, last_error
            from crm_write_back where state = :state order by next_attempt_at, account_id fetch first :limit rows only""")
        .param("state", state).param("limit", limit)
        .query((rs, n) -> new Row(rs.getLong("account_id"), rs.getString("crm"), rs.getString("record_id"),
            rs.getString("state"), rs.getInt("attempts"), instant(rs.getTimestamp("next_attempt_at")),
            instant(rs.getTimestamp("sent_at")), (Integer) rs.getObject("last_status", Integer.class),
            rs.getString("last_error")))
        .list();
  }

  Map<String, Long> failedPerCrm() {
    Map<String, Long> failed = new HashMap<>();
    jdbc.sql("select crm, count(*) as n from crm_write_back where state = 'failed' group by crm")
        .query((rs, n) -> failed.put(rs.getString("crm"), rs.getLong("n"))).list();
    return failed;
  }

  /** The account's facts as the CRM shows them: its latest health, CSM and stage, its open renewal. */
  AccountFacts facts(long accountId) {
    return jdbc.sql("""
            select a.id, a.health_score, a.health_band, a.csm_id, a.lifecycle_stage,
              (select r.forecast from renewal r where r.account_id = a.id and r.outcome is null
               order by r.renewal_date, r.id fetch first 1 rows only) as forecast,
              (select r.renewal_date from renewal r where r.account_id = a.id and r.outcome is null
               order by r.renewal_date, r.id fetch first 1 rows only) as renewal_date
            from account a where a.id = :id""")
        .param("id", accountId)
        .query((rs, n) -> new AccountFacts(rs.getLong("id"), (Integer) rs.getObject("health_score", Integer.class),
            rs.getString("health_band"), rs.getString("csm_id"), rs.getString("lifecycle_stage"),
            rs.getString("forecast"), rs.getObject("renewal_date", LocalDate.class)))
        .single();
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  private static String truncate(String text) {
    return text == null || text.length() <= 1000 ? text : text.substring(0, 999) + "…";
  }
}
