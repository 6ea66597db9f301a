package dev.jwtsecurity.jdbc;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * The databases the stores are written and tested for. The SQL itself is the same on both (standard
 * SQL that PostgreSQL 10+ and H2 2.x accept); they differ in how they report a transaction that
 * lost a race and should simply be run again.
 */
enum Dialect {
  /** PostgreSQL 10 or later: the production target. */
  POSTGRESQL(List.of("40001", "40P01", "55P03")),
  /** H2 2.x: tests and demos. HYT00 is H2's lock timeout, 40001 its deadlock. */
  H2(List.of("40001", "HYT00"));

  @SuppressWarnings("ImmutableEnumChecker") // List.of is unmodifiable
  private final List<String> transientStates;

  Dialect(List<String> transientStates) {
    this.transientStates = transientStates;
  }

  /**
   * Returns the dialect of a database product name from {@code DatabaseMetaData}.
   *
   * @throws IllegalStateException for any other database
   */
  static Dialect of(String productName) {
    String p = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
    if (p.contains("postgresql")) {
      return POSTGRESQL;
    }
    if (p.equals("h2")) {
      return H2;
    }
    throw new IllegalStateException(
        "jwt-security-jdbc supports PostgreSQL and H2; the DataSource is a "
            + productName
            + " database. Use PostgreSQL (or H2 for tests), or implement the store SPIs for your database");
  }

  /**
   * Returns whether the failure is a serialisation failure, deadlock or lock timeout: running the
   * whole transaction again is the right answer (PostgreSQL manual, "Serialization Failure
   * Handling").
   */
  boolean isTransient(SQLException e) {
    for (SQLException x = e; x != null; x = x.getNextException()) {
      String state = x.getSQLState();
      if (state != null && transientStates.contains(state)) {
        return true;
      }
      if (x.getNextException() == x) {
        break;
      }
    }
    return false;
  }

  /**
   * Returns a statement deleting at most {@code batch} rows of {@code table} that satisfy {@code
   * condition}: keeps each purge transaction, its locks and its undo small. PostgreSQL has no
   * {@code DELETE ... LIMIT}, so it selects the keys in a sub-query; H2 re-runs such a sub-query
   * for every row (quadratic at 100,000 rows) but accepts {@code FETCH FIRST} on {@code DELETE}
   * directly.
   *
   * @param table a validated table name
   * @param key the primary-key columns, such as {@code kind, key_id}
   * @param condition a fixed condition with {@code ?} parameters
   */
  String batchedDelete(String table, String key, String condition, int batch) {
    return switch (this) {
      case POSTGRESQL ->
          "DELETE FROM "
              + table
              + " WHERE ("
              + key
              + ") IN (SELECT "
              + key
              + " FROM "
              + table
              + " WHERE "
              + condition
              + " FETCH FIRST "
              + batch
              + " ROWS ONLY)";
      case H2 ->
          "DELETE FROM " + table + " WHERE " + condition + " FETCH FIRST " + batch + " ROWS ONLY";
    };
  }

  /** Returns whether the failure is a unique-key violation (SQLState 23505 on both). */
  static boolean isDuplicateKey(SQLException e) {
    return "23505".equals(e.getSQLState());
  }
}
