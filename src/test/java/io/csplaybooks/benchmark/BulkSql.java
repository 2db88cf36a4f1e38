package io.csplaybooks.benchmark;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** What the benchmarks' data generators share: one connection for a fill, and a report of its steps' times. */
final class BulkSql {

  private BulkSql() {}

  /**
   * Temporary tables live on one connection: the whole fill runs on one, each statement committing.
   * Big sorts and index builds in memory; no JIT, whose compiling of these wide statements costs
   * seconds each and saved nothing when measured.
   */
  static <T> T onOneConnection(DataSource dataSource, String what, Function<JdbcClient, T> work) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(true);
      JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(connection, true));
      jdbc.sql("set work_mem = '256MB'").update();
      jdbc.sql("set maintenance_work_mem = '512MB'").update();
      jdbc.sql("set jit = off").update();
      try {
        return work.apply(jdbc);
      } finally {
        jdbc.sql("reset work_mem").update();
        jdbc.sql("reset maintenance_work_mem").update();
        jdbc.sql("reset jit").update();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(what + ": " + e.getMessage(), e);
    }
  }

  /** The time each step of a fill took, as one line. */
  static final class Steps {
    private final StringBuilder report = new StringBuilder();
    private long started = System.nanoTime();

    void done(String step) {
      long now = System.nanoTime();
      report.append(report.isEmpty() ? "" : ", ").append(step).append(' ')
          .append(String.format(Locale.ROOT, "%.1f s", (now - started) / 1e9));
      started = now;
    }

    @Override
    public String toString() {
      return report.toString();
    }
  }
}
