package dev.jwtsecurity.jdbc;

import dev.jwtsecurity.audit.AuditTrail;

/**
 * The {@link AuditTrailContract} run against the in-memory implementation from core: the reference
 * behaviour.
 */
class InMemoryAuditTrailContractTest extends AuditTrailContract {

  @Override
  protected AuditTrail newTrail() {
    return AuditTrail.inMemory();
  }
}
