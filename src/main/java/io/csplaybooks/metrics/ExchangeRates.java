package io.csplaybooks.metrics;

import io.csplaybooks.common.EngineClock;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The exchange rates an administrator keeps: one unit of a currency is worth {@code rate} units of
 * the reporting currency from {@code validFrom} on, until a later rate.
 */
@Repository
class ExchangeRates {

  public record Rate(String currency, String reporting, LocalDate validFrom, BigDecimal rate, String setBy,
      Instant setAt) {}

  private final JdbcClient jdbc;

  ExchangeRates(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Sets the rate from a day on; the same day again replaces it. */
  public void set(String currency, String reporting, LocalDate validFrom, BigDecimal rate, String by) {
    Timestamp now = Timestamp.from(EngineClock.now());
    int updated = jdbc.sql("""
            update exchange_rate set rate = :rate, set_by = :by, set_at = :now
            where currency = :currency and reporting = :reporting and valid_from = :from""")
        .param("rate", rate).param("by", by).param("now", now).param("currency", currency)
        .param("reporting", reporting).param("from", Date.valueOf(validFrom))
        .update();
    if (updated == 0) {
      jdbc.sql("""
              insert into exchange_rate (currency, reporting, valid_from, rate, set_by, set_at)
              values (:currency, :reporting, :from, :rate, :by, :now)""")
          .param("currency", currency).param("reporting", reporting).param("from", Date.valueOf(validFrom))
          .param("rate", rate).param("by", by).param("now", now)
          .update();
    }
  }

  /** The rate of a currency into the reporting currency valid on a day: the latest from that day or before. */
  public Optional<Rate> on(String currency, String reporting, LocalDate day) {
    return jdbc.sql("""
            select currency, reporting, valid_from, rate, set_by, set_at from exchange_rate
            where currency = :currency and reporting = :reporting and valid_from <= :day
            order by valid_from desc limit 1""")
        .param("currency", currency).param("reporting", reporting).param("day", Date.valueOf(day))
        .query((rs, n) -> map(rs))
        .optional();
  }

  public List<Rate> all(String reporting) {
    return jdbc.sql("""
            select currency, reporting, valid_from, rate, set_by, set_at from exchange_rate
            where reporting = :reporting order by currency, valid_from""")
        .param("reporting", reporting)
        .query((rs, n) -> map(rs))
        .list();
  }

  private static Rate map(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Rate(rs.getString("currency"), rs.getString("reporting"), rs.getDate("valid_from").toLocalDate(),
        rs.getBigDecimal("rate").stripTrailingZeros(), rs.getString("set_by"), rs.getTimestamp("set_at").toInstant());
  }
}
