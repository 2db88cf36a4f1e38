package io.csplaybooks.common;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Whether a failure means the database cannot be reached just now (restarting, failing over, out of
 * connections), as opposed to a bug or bad input: the caller is told to try again (503 with
 * Retry-After) instead of reading it as an error of ours.
 *
 * <p>A lost connection shows in many forms: a SQLState of class 08 or 57P0x from the driver, the
 * pool's own "Connection is closed" (HikariCP gives it no SQLState), a socket reset or end of stream
 * under a SQL exception. All of them are the database being away.
 */
public final class DatabaseAway {

  /** How long a caller waits before trying again, in seconds. */
  public static final int RETRY_AFTER_SECONDS = 5;

  /** What pools and drivers say, without a SQLState, about a connection that is gone. */
  private static final String[] CLOSED_CONNECTION = {"connection is closed", "connection has been closed",
      "connection closed", "connection reset", "broken pipe", "no operations allowed after connection closed"};

  private DatabaseAway() {}

  public static boolean is(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      // Not any ConnectException: an SMTP server that is down is an outside call's failure, retried as such.
      if (cause instanceof DataAccessResourceFailureException || cause instanceof SQLTransientConnectionException
          || cause instanceof SQLNonTransientConnectionException || cause instanceof SQLRecoverableException) {
        return true;
      }
      // The connection died mid-transaction or at its commit, and the rollback then failed on it
      // (the pool had closed it). What the work met, if anything, is kept as the application exception.
      // A rollback that failed after a bug says nothing more: the bug is what the caller must see.
      if (cause instanceof TransactionSystemException rollback) {
        Throwable work = rollback.getApplicationException();
        return work != null ? is(work) : rollback.getCause() instanceof SQLException;
      }
      if (cause instanceof SQLException sql && lostConnection(sql)) {
        return true;
      }
    }
    return false;
  }

  private static boolean lostConnection(SQLException sql) {
    String state = sql.getSQLState();
    // 08: connection exceptions; 57P01-57P03: the server is shutting down or starting up.
    if (state != null && (state.startsWith("08") || state.startsWith("57P0"))) {
      return true;
    }
    // A socket reset or end of stream under the SQL exception: the network or the server went away.
    for (Throwable cause = sql.getCause(); cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof IOException) {
        return true;
      }
    }
    if (state == null && sql.getMessage() != null) {
      String message = sql.getMessage().toLowerCase(Locale.ROOT);
      for (String closed : CLOSED_CONNECTION) {
        if (message.contains(closed)) {
          return true;
        }
      }
    }
    return false;
  }
}
