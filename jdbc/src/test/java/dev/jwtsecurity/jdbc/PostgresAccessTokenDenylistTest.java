package dev.jwtsecurity.jdbc;

import dev.jwtsecurity.access.AccessTokenDenylist;
import dev.jwtsecurity.testing.AccessTokenDenylistContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The shipped {@link AccessTokenDenylistContract} on the PostgreSQL server of {@code
 * JWTSEC_TEST_POSTGRES_URL}, fresh tables per test; skipped with a visible reason when there is
 * none. Two instances (each its own data source) share the tables for the concurrency cases.
 */
class PostgresAccessTokenDenylistTest extends AccessTokenDenylistContract {

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
  protected AccessTokenDenylist newList() {
    return db.fresh().accessTokenDenylist();
  }

  @Override
  protected AccessTokenDenylist sameBackend(AccessTokenDenylist list) {
    return db.secondInstance().accessTokenDenylist();
  }
}
