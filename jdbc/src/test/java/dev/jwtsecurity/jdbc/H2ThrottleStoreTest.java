package dev.jwtsecurity.jdbc;

import dev.jwtsecurity.throttle.ThrottleStore;
import org.junit.jupiter.api.AfterAll;

/** The {@link ThrottleStoreContract} on H2 in memory, fresh tables per test. */
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
}
