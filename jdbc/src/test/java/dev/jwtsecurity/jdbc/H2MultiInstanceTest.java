package dev.jwtsecurity.jdbc;

import org.junit.jupiter.api.AfterAll;

/**
 * Two instances on one named in-memory H2 database, each with its own data source and connections.
 */
class H2MultiInstanceTest extends MultiInstanceContract {

  private static final TestDatabase DB = TestDatabase.h2();

  @AfterAll
  static void dropTables() {
    DB.dropAll();
  }

  @Override
  protected TestDatabase database() {
    return DB;
  }
}
