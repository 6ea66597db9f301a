package dev.jwtsecurity.jdbc;

import dev.jwtsecurity.testing.ThrottleStoreContract;
import dev.jwtsecurity.throttle.ThrottleStore;
import org.junit.jupiter.api.AfterAll;

/**
 * The shipped {@link ThrottleStoreContract} on H2 in memory, fresh tables per test. Two instances
 * (each its own data source) share the tables for the concurrency cases.
 */
class H2ThrottleStoreTest extends ThrottleStoreContract {

  private static final TestDatabase DB = TestDatabase.h2();

  @AfterAll
  static void dropTables() {
    DB.dropAll();
  }

  @Override
  protected ThrottleStore newStore() {
    return DB.fresh().throttleStore();
  }

  @Override
  protected ThrottleStore sameBackend(ThrottleStore store) {
    return DB.secondInstance().throttleStore();
  }
}
