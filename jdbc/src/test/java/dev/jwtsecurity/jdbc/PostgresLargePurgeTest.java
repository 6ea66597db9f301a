package dev.jwtsecurity.jdbc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The 100k-row purge on the PostgreSQL test server; skipped without one. */
class PostgresLargePurgeTest extends LargePurgeContract {

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
