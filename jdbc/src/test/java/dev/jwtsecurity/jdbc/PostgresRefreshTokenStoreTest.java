package dev.jwtsecurity.jdbc;

import dev.jwtsecurity.refresh.RefreshTokenStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The {@link RefreshTokenStoreContract} on the PostgreSQL server of {@code
 * JWTSEC_TEST_POSTGRES_URL}, fresh tables per test; skipped with a visible reason when there is
 * none.
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
}
