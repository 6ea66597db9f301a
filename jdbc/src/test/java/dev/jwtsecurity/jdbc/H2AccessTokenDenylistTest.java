package dev.jwtsecurity.jdbc;

import dev.jwtsecurity.access.AccessTokenDenylist;
import org.junit.jupiter.api.AfterAll;

/** The {@link AccessTokenDenylistContract} on H2 in memory, fresh tables per test. */
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
}
