package io.csplaybooks.common;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Whether a failure means the database cannot be reached just now (restarting, failing over, out of
 * connections), as opposed to a bug or bad input: the caller is told to try again (503 with
 * Retry-After) instead of reading it as an error of ours.
 */
public final class DatabaseAway {

  /** How long a caller waits before trying again, in seconds. */
  public static final int RETRY_AFTER_SECONDS = 5;

  private DatabaseAway() {}

  public static boolean is(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      // Not any ConnectException: an SMTP server that is down is an outside call's failure, retried as such.
      if (cause instanceof DataAccessResourceFailureException || cause instanceof SQLTransientConnectionException) {
        return true;
      }
      // The connection died mid-transaction or at its commit, and the rollback then failed on it
      // (the pool had closed it). What the work met, if anything, is kept as the application exception.
      if (cause instanceof TransactionSystemException rollback) {
        Throwable work = rollback.getApplicationException();
        if (work != null ? is(work) : rollback.getCause() instanceof SQLException) {
          return true;
        }
      }
      if (cause instanceof SQLException sql && sql.getSQLState() != null
          // 08: connection exceptions; 57P01-57P03: the server is shutting down or starting up.
          && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
        return true;
      }
    }
    return false;
  }
}
