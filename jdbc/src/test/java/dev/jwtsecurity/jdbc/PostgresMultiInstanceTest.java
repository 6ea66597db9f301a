package dev.jwtsecurity.jdbc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Two instances on the PostgreSQL test server, each with its own {@code PGSimpleDataSource};
 * skipped without one.
 */
class PostgresMultiInstanceTest extends MultiInstanceContract {

  private static TestDatabase db;

  @BeforeAll
  static void connect() {
    db = TestDatabase.postgresOrSkip();
  }

  @AfterAll
  static void dropTables() {
    if (db != null) {
      db.dropAll();
    }
  }

  @Override
  protected TestDatabase database() {
    return db;
  }
}
