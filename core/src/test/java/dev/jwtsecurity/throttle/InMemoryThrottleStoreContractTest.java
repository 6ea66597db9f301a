package dev.jwtsecurity.throttle;

import dev.jwtsecurity.testing.ThrottleStoreContract;

/** The shipped {@link ThrottleStoreContract} on the in-memory store: the reference behaviour. */
class InMemoryThrottleStoreContractTest extends ThrottleStoreContract {

  @Override
  protected ThrottleStore newStore() {
    return new InMemoryThrottleStore();
  }
}
