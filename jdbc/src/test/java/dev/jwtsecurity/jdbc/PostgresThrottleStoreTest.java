package dev.jwtsecurity.jdbc;

import dev.jwtsecurity.testing.ThrottleStoreContract;
import dev.jwtsecurity.throttle.ThrottleStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The shipped {@link ThrottleStoreContract} on the PostgreSQL server of {@code
 * JWTSEC_TEST_POSTGRES_URL}, fresh tables per test; skipped with a visible reason when there is
 * none. Two instances (each its own data source) share the tables for the concurrency cases.
 */
class PostgresThrottleStoreTest extends ThrottleStoreContract {

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
  protected ThrottleStore newStore() {
    return db.fresh().throttleStore();
  }

  @Override
  protected ThrottleStore sameBackend(ThrottleStore store) {
    return db.secondInstance().throttleStore();
  }
}
