package io.csplaybooks.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.stream.Stream;
import org.apache.ibatis.exceptions.PersistenceException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mail.MailSendException;
import org.springframework.transaction.TransactionSystemException;

/** Which failures mean "the database is away, try again" (503, a quick retry) and which do not. */
class DatabaseAwayTest {

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(Named.of("no connection from the pool", new SQLTransientConnectionException("timeout")), true),
        Arguments.of(Named.of("Spring could not get a connection", new CannotGetJdbcConnectionException("x")), true),
        Arguments.of(Named.of("the connection broke (08006), inside an engine exception",
            new ProcessEngineException("flush failed", new SQLException("I/O error", "08006"))), true),
        Arguments.of(Named.of("the server is shutting down (57P01)", new SQLException("terminating", "57P01")), true),
        Arguments.of(Named.of("the rollback failed on the connection that broke", rollbackFailed(
            new DataAccessResourceFailureException("terminating", new SQLException("terminating", "57P01")))), true),
        Arguments.of(Named.of("the commit failed, then the rollback on the closed connection", rollbackFailed(null)),
            true),
        Arguments.of(Named.of("the rollback failed after a bug", rollbackFailed(new IllegalStateException("oops"))),
            false),
        Arguments.of(Named.of("a unique key (23505)", new SQLException("duplicate", "23505")), false),
        Arguments.of(Named.of("the SMTP server is down", new MailSendException("no", new ConnectException("refused"))),
            false),
        Arguments.of(Named.of("HikariCP's closed connection (no SQLState), as the engine's job met it",
            new ProcessEngineException("could not update", new PersistenceException("flush",
                new SQLException("Connection is closed")))), true),
        Arguments.of(Named.of("PgJDBC's closed connection (08003)", new SQLException("This connection has been closed.",
            "08003")), true),
        Arguments.of(Named.of("a socket reset under the driver's exception, no SQLState",
            new PersistenceException(new SQLException("An I/O error occurred while sending to the backend.", null,
                new SocketException("Connection reset")))), true),
        Arguments.of(Named.of("the server closed the stream",
            new SQLException("I/O error", null, new EOFException())), true),
        Arguments.of(Named.of("the server cannot be reached (08001)", new SQLException("Connection refused", "08001")),
            true),
        Arguments.of(Named.of("an administrator ended the session (57P02 crash shutdown)",
            new SQLException("terminating connection", "57P02")), true),
        Arguments.of(Named.of("the server is starting up (57P03)", new SQLException("starting up", "57P03")), true),
        Arguments.of(Named.of("a recoverable connection failure", new SQLRecoverableException("gone")), true),
        Arguments.of(Named.of("a lost connection with no state", new SQLNonTransientConnectionException("gone")), true),
        Arguments.of(Named.of("a syntax error (42601)", new SQLException("syntax error", "42601")), false),
        Arguments.of(Named.of("a socket reset at the SMTP server", new MailSendException("no",
            new SocketException("Connection reset"))), false),
        Arguments.of(Named.of("a bug", new IllegalStateException("oops")), false));
  }

  /** What TransactionTemplate throws when the rollback fails too: the rollback's failure, the work's kept. */
  private static TransactionSystemException rollbackFailed(RuntimeException work) {
    TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
        new SQLException("Connection is closed"));
    if (work != null) {
      rollback.initApplicationException(work);
    }
    return rollback;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void tellsAnOutageFromAnError(Throwable failure, boolean away) {
    assertThat(DatabaseAway.is(failure)).isEqualTo(away);
  }
}
