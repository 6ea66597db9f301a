package dev.jwtsecurity.jdbc;

import dev.jwtsecurity.throttle.ThrottleStore;

/**
 * The {@link ThrottleStoreContract} run against the in-memory implementation from core: the
 * reference behaviour.
 */
class InMemoryThrottleStoreContractTest extends ThrottleStoreContract {

  @Override
  protected ThrottleStore newStore() {
    return ThrottleStore.inMemory();
  }
}
