package dev.jwtsecurity.jdbc;

import dev.jwtsecurity.refresh.RefreshTokenStore;
import dev.jwtsecurity.testing.RefreshTokenStoreContract;
import org.junit.jupiter.api.AfterAll;

/**
 * The shipped {@link RefreshTokenStoreContract} on H2 in memory, fresh tables per test. Two
 * instances (each its own data source) share the tables for the concurrency cases.
 */
class H2RefreshTokenStoreTest extends RefreshTokenStoreContract {

  private static final TestDatabase DB = TestDatabase.h2();

  @AfterAll
  static void dropTables() {
    DB.dropAll();
  }

  @Override
  protected RefreshTokenStore newStore() {
    return DB.fresh().refreshTokenStore();
  }

  @Override
  protected RefreshTokenStore sameBackend(RefreshTokenStore store) {
    return DB.secondInstance().refreshTokenStore();
  }
}
