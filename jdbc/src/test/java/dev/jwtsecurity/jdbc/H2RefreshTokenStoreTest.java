package dev.jwtsecurity.jdbc;

import dev.jwtsecurity.refresh.RefreshTokenStore;
import org.junit.jupiter.api.AfterAll;

/** The {@link RefreshTokenStoreContract} on H2 in memory, fresh tables per test. */
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
}
