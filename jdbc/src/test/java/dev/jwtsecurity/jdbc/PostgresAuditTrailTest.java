package dev.jwtsecurity.jdbc;

import dev.jwtsecurity.audit.AuditTrail;
import dev.jwtsecurity.testing.AuditTrailContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The shipped {@link AuditTrailContract} on the PostgreSQL server of {@code
 * JWTSEC_TEST_POSTGRES_URL}, fresh tables per test; skipped with a visible reason when there is
 * none.
 */
class PostgresAuditTrailTest extends AuditTrailContract {

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
  protected AuditTrail newTrail() {
    return db.fresh().auditTrail();
  }
}
