package dev.jwtsecurity.jdbc;

import dev.jwtsecurity.access.AccessTokenDenylist;
import dev.jwtsecurity.testing.AccessTokenDenylistContract;
import org.junit.jupiter.api.AfterAll;

/**
 * The shipped {@link AccessTokenDenylistContract} on H2 in memory, fresh tables per test. Two
 * instances (each its own data source) share the tables for the concurrency cases.
 */
class H2AccessTokenDenylistTest extends AccessTokenDenylistContract {

  private static final TestDatabase DB = TestDatabase.h2();

  @AfterAll
  static void dropTables() {
    DB.dropAll();
  }

  @Override
  protected AccessTokenDenylist newList() {
    return DB.fresh().accessTokenDenylist();
  }

  @Override
  protected AccessTokenDenylist sameBackend(AccessTokenDenylist list) {
    return DB.secondInstance().accessTokenDenylist();
  }
}
