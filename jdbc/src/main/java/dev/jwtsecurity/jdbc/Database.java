package dev.jwtsecurity.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import javax.sql.DataSource;

/**
 * Runs units of work on connections borrowed from the application's {@link DataSource}: each unit
 * gets its own connection, closed (returned to the pool) at its end with its auto-commit and
 * isolation level restored. Transient failures (serialisation failures, deadlocks, lock timeouts)
 * run the unit again, a bounded number of times with a small jittered backoff; anything else
 * becomes the store's unchecked exception. Nothing here ever reports success after a failure.
 */
final class Database {

  /** A unit of work on one connection. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** Thrown by a unit of work that lost an insert race and must simply run again. */
  static final class Conflict extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Conflict() {
      super("insert race lost; run again", null, false, false);
    }
  }

  private static final long MAX_BACKOFF_MILLIS = 200;

  private final DataSource dataSource;
  private final Dialect dialect;
  private final int maxAttempts;

  Database(DataSource dataSource, Dialect dialect, int maxAttempts) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.maxAttempts = maxAttempts;
  }

  Dialect dialect() {
    return dialect;
  }

  /**
   * Runs {@code work} in one READ COMMITTED transaction, committed if it returns and rolled back if
   * it throws.
   *
   * @param store the store's name for error messages
   * @param failure makes the store's unchecked exception from a message and the cause
   */
  <T> T inTransaction(
      String store, BiFunction<String, Throwable, RuntimeException> failure, Work<T> work) {
    return run(store, failure, true, work);
  }

  /** Runs {@code work} in auto-commit mode: for single statements, each atomic on its own. */
  <T> T autoCommit(
      String store, BiFunction<String, Throwable, RuntimeException> failure, Work<T> work) {
    return run(store, failure, false, work);
  }

  /**
   * Rows one purge statement deletes at most, so a purge never holds long locks or a huge
   * transaction.
   */
  static final int PURGE_BATCH = 5_000;

  /**
   * Runs a {@link Dialect#batchedDelete batched delete} until a batch deletes fewer than {@link
   * #PURGE_BATCH} rows, binding {@code at} to each of its {@code parameters} placeholders; each
   * batch commits on its own.
   *
   * @return the rows deleted in all
   */
  long purgeInBatches(
      String store,
      BiFunction<String, Throwable, RuntimeException> failure,
      String sql,
      int parameters,
      long at) {
    long total = 0;
    while (true) {
      int deleted =
          autoCommit(
              store,
              failure,
              c -> {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                  for (int i = 1; i <= parameters; i++) {
                    ps.setLong(i, at);
                  }
                  return ps.executeUpdate();
                }
              });
      total += deleted;
      if (deleted < PURGE_BATCH) {
        return total;
      }
    }
  }

  private <T> T run(
      String store,
      BiFunction<String, Throwable, RuntimeException> failure,
      boolean transaction,
      Work<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return once(transaction, work);
      } catch (SQLException e) {
        if (attempt >= maxAttempts || !dialect.isTransient(e)) {
          throw failure.apply(
              store
                  + ": the database failed or is unreachable (SQLState "
                  + e.getSQLState()
                  + (attempt > 1 ? ", after " + attempt + " attempts" : "")
                  + "); nothing was changed",
              e);
        }
      } catch (Conflict e) {
        if (attempt >= maxAttempts) {
          throw failure.apply(
              store + ": too much contention on one row, after " + attempt + " attempts", e);
        }
      }
      backOff(store, failure, attempt);
    }
  }

  private <T> T once(boolean transaction, Work<T> work) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      if (!transaction) {
        boolean autoCommit = c.getAutoCommit();
        if (!autoCommit) {
          c.setAutoCommit(true);
        }
        try {
          return work.run(c);
        } finally {
          if (!autoCommit) {
            c.setAutoCommit(false);
          }
        }
      }
      boolean autoCommit = c.getAutoCommit();
      int isolation = c.getTransactionIsolation();
      try {
        c.setAutoCommit(false);
        // The atomic steps (SELECT ... FOR UPDATE, conditional UPDATE) are written for READ
        // COMMITTED, the default of
        // PostgreSQL and H2; set it so a pool configured otherwise does not change their meaning.
        if (isolation != Connection.TRANSACTION_READ_COMMITTED) {
          c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        }
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        try {
          c.rollback();
        } catch (SQLException r) {
          e.addSuppressed(r);
        }
        throw e;
      } finally {
        // Restore what the pool handed out; the connection may be reused by the application.
        if (isolation != Connection.TRANSACTION_READ_COMMITTED) {
          c.setTransactionIsolation(isolation);
        }
        c.setAutoCommit(autoCommit);
      }
    }
  }

  private static void backOff(
      String store, BiFunction<String, Throwable, RuntimeException> failure, int attempt) {
    // Jitter spreads instances that collided apart; the cap keeps a refresh under a second in the
    // worst case.
    long bound = Math.min(MAX_BACKOFF_MILLIS, 5L << Math.min(attempt, 6));
    try {
      Thread.sleep(1 + ThreadLocalRandom.current().nextLong(bound));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure.apply(store + ": interrupted while waiting to retry", e);
    }
  }
}
