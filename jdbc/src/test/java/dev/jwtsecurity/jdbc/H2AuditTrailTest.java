package dev.jwtsecurity.jdbc;

import dev.jwtsecurity.audit.AuditTrail;
import dev.jwtsecurity.testing.AuditTrailContract;
import org.junit.jupiter.api.AfterAll;

/** The shipped {@link AuditTrailContract} on H2 in memory, fresh tables per test. */
class H2AuditTrailTest extends AuditTrailContract {

  private static final TestDatabase DB = TestDatabase.h2();

  @AfterAll
  static void dropTables() {
    DB.dropAll();
  }

  @Override
  protected AuditTrail newTrail() {
    return DB.fresh().auditTrail();
  }
}
