package io.csplaybooks.renewal;

import io.csplaybooks.common.EngineClock;
import io.csplaybooks.common.UniqueInsert;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class RenewalRepository {

  public record Renewal(long id, String contractId, long accountId, LocalDate renewalDate, BigDecimal arrBefore,
      String ownerId, String riskLevel, String forecast, String outcome, BigDecimal arrAfter) {}

  private final JdbcClient jdbc;
  private final UniqueInsert unique;
  private final ApplicationEventPublisher events;

  public RenewalRepository(JdbcClient jdbc, UniqueInsert unique, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.unique = unique;
    this.events = events;
  }

  /**
   * The renewal of the account's renewal date, one per account and date: a new one for the first
   * contract term ending that day (its id), or, for a co-termed contract (an add-on ending with the
   * running term), the running renewal of that date, which the term joins with its ARR (empty). A
   * term is in one renewal at most: the same term again is empty and changes nothing.
   */
  public Optional<Long> open(String contractId, long accountId, String processInstanceId, LocalDate renewalDate,
      BigDecimal arr) {
    if (jdbc.sql("select count(*) from renewal_contract where contract_id = :c").param("c", contractId)
        .query(Long.class).single() > 0) {
      return Optional.empty();
    }
    // Another node's job may insert the same date's renewal at the same moment: the unique key
    // (account, date) lets one win, and the other joins it below.
    Optional<Long> opened = unique.unlessPresent(() -> {
      var keys = new GeneratedKeyHolder();
      jdbc.sql("""
              insert into renewal (contract_id, account_id, process_instance_id, renewal_date, arr_before, started_at)
              values (:c, :a, :pi, :date, :arr, :now)""")
          .param("c", contractId).param("a", accountId).param("pi", processInstanceId).param("date", renewalDate)
          .param("arr", arr).param("now", Timestamp.from(EngineClock.now()))
          .update(keys, "id");
      long id = keys.getKey().longValue();
      addTerm(contractId, id);
      events.publishEvent(new RenewalChanged(accountId));
      return id;
    });
    if (opened.isPresent()) {
      return opened;
    }
    runningOn(accountId, renewalDate).ifPresent(renewal -> unique.unlessPresent(() -> {
      addTerm(contractId, renewal);
      // The co-termed contract's ARR is at stake in the same renewal (until the renewal is decided).
      jdbc.sql("update renewal set arr_before = arr_before + :arr where id = :id and outcome is null")
          .param("arr", arr).param("id", renewal).update();
      return renewal;
    }));
    return Optional.empty();
  }

  private void addTerm(String contractId, long renewalId) {
    jdbc.sql("insert into renewal_contract (contract_id, renewal_id, joined_at) values (:c, :r, :now)")
        .param("c", contractId).param("r", renewalId).param("now", Timestamp.from(EngineClock.now())).update();
  }

  /** The renewal of this account and date (the one each date has since renewals are one per date). */
  private Optional<Long> runningOn(long accountId, LocalDate renewalDate) {
    return jdbc.sql("select id from renewal where account_id = :a and renewal_date = :d and duplicate_no = 0")
        .param("a", accountId).param("d", renewalDate).query(Long.class).optional();
  }

  /** The contract terms a renewal covers: the one it started with, then those that joined it, by id. */
  public List<String> terms(long renewalId) {
    return jdbc.sql("select contract_id from renewal_contract where renewal_id = :r order by joined_at, contract_id")
        .param("r", renewalId).query(String.class).list();
  }

  public void owner(long renewalId, String role, String ownerId) {
    jdbc.sql("update renewal set owner_role = :role, owner_id = :owner where id = :id")
        .param("role", role).param("owner", ownerId).param("id", renewalId).update();
  }

  /** The owner of the account's running renewal with the nearest renewal date (none: empty). */
  java.util.Optional<String> openOwner(long accountId) {
    return jdbc.sql("""
            select owner_id from renewal
            where account_id = :a and outcome is null and owner_id is not null order by renewal_date, id limit 1""")
        .param("a", accountId).query(String.class).optional();
  }

  /** A running renewal (no outcome yet) of the account whose owner is the CSM: its id and its playbook. */
  record OwnedRenewal(long id, String processInstanceId) {}

  /** The account's renewals without an outcome owned by this person as the account's CSM. */
  java.util.List<OwnedRenewal> openOwnedByCsm(long accountId, String csmId) {
    return jdbc.sql("""
            select id, process_instance_id from renewal
            where account_id = :a and outcome is null and owner_role = 'csm' and owner_id = :owner order by id""")
        .param("a", accountId).param("owner", csmId)
        .query((rs, n) -> new OwnedRenewal(rs.getLong("id"), rs.getString("process_instance_id"))).list();
  }

  /** The renewal's owner becomes another person, if it is still the one given; whether it changed. */
  boolean changeOwner(long renewalId, String from, String to) {
    return jdbc.sql("update renewal set owner_id = :to where id = :id and owner_id = :from")
        .param("to", to).param("id", renewalId).param("from", from).update() == 1;
  }

  public void risk(long renewalId, String level, String reasons) {
    jdbc.sql("update renewal set risk_level = :level, risk_reasons = :reasons where id = :id")
        .param("level", level).param("reasons", reasons).param("id", renewalId).update();
  }

  public void forecast(long renewalId, int daysBefore, String forecast, String notes, String user) {
    jdbc.sql("update renewal set forecast = :f where id = :id").param("f", forecast).param("id", renewalId).update();
    jdbc.sql("""
            insert into renewal_forecast (renewal_id, days_before, forecast, notes, updated_by, updated_at)
            values (:id, :days, :f, :notes, :user, :now)""")
        .param("id", renewalId).param("days", daysBefore).param("f", forecast).param("notes", notes)
        .param("user", user).param("now", Timestamp.from(EngineClock.now()))
        .update();
    changed(renewalId);
  }

  public void outcome(long renewalId, String outcome, BigDecimal arrAfter, String churnReason, LocalDate decidedOn) {
    jdbc.sql("""
            update renewal set outcome = :o, arr_after = :arr, churn_reason = :reason, decided_on = :on where id = :id""")
        .param("o", outcome).param("arr", arrAfter).param("reason", churnReason).param("on", decidedOn)
        .param("id", renewalId)
        .update();
    changed(renewalId);
  }

  private void changed(long renewalId) {
    jdbc.sql("select account_id from renewal where id = :id").param("id", renewalId).query(Long.class).optional()
        .ifPresent(accountId -> events.publishEvent(new RenewalChanged(accountId)));
  }

  public String churnReason(long renewalId) {
    return jdbc.sql("select churn_reason from renewal where id = :id").param("id", renewalId).query(String.class).single();
  }

  public Optional<Renewal> find(long renewalId) {
    return jdbc.sql("""
            select id, contract_id, account_id, renewal_date, arr_before, owner_id, risk_level, forecast, outcome,
                   arr_after from renewal where id = :id""")
        .param("id", renewalId)
        .query((rs, n) -> new Renewal(rs.getLong("id"), rs.getString("contract_id"), rs.getLong("account_id"),
            rs.getDate("renewal_date").toLocalDate(), rs.getBigDecimal("arr_before"), rs.getString("owner_id"),
            rs.getString("risk_level"), rs.getString("forecast"), rs.getString("outcome"), rs.getBigDecimal("arr_after")))
        .optional();
  }
}
