package dev.jwtsecurity.jdbc;

import dev.jwtsecurity.refresh.RefreshTokenStore;
import dev.jwtsecurity.testing.RefreshTokenStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The shipped {@link RefreshTokenStoreContract} on the PostgreSQL server of {@code
 * JWTSEC_TEST_POSTGRES_URL}, fresh tables per test; skipped with a visible reason when there is
 * none. Two instances (each its own data source) share the tables for the concurrency cases.
 */
class PostgresRefreshTokenStoreTest extends RefreshTokenStoreContract {

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
  protected RefreshTokenStore newStore() {
    return db.fresh().refreshTokenStore();
  }

  @Override
  protected RefreshTokenStore sameBackend(RefreshTokenStore store) {
    return db.secondInstance().refreshTokenStore();
  }
}
