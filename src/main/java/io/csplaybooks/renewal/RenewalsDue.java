package io.csplaybooks.renewal;

import io.csplaybooks.common.Batches;
import java.sql.Date;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which accounts renew soon, for the triggers a CS manager declares ("45 days before renewal"): an
 * open renewal (no outcome yet) whose date is from today to {@code days} days ahead. One statement
 * over every account, or over the accounts given a thousand at a time. Reads only.
 */
@Repository
public class RenewalsDue {

  private static final String DUE = """
      select distinct r.account_id from renewal r join account a on a.id = r.account_id
      where r.outcome is null and a.lifecycle_stage <> 'churned'
        and r.renewal_date >= :today and r.renewal_date <= :until""";

  private final JdbcClient jdbc;

  RenewalsDue(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The open accounts among {@code among} (every one when null) with an open renewal within the days. */
  public Set<Long> within(int days, LocalDate today, Collection<Long> among) {
    Date from = Date.valueOf(today);
    Date until = Date.valueOf(today.plusDays(days));
    if (among == null) {
      return new HashSet<>(jdbc.sql(DUE).param("today", from).param("until", until).query(Long.class).list());
    }
    return Batches.findInChunks(among, chunk -> jdbc.sql(DUE + " and r.account_id in (:ids)").param("today", from)
        .param("until", until).param("ids", chunk).query(Long.class).list());
  }
}
