package dev.jwtsecurity.jdbc;

import org.junit.jupiter.api.AfterAll;

/** The 100k-row purge on H2 in memory. */
class H2LargePurgeTest extends LargePurgeContract {

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
