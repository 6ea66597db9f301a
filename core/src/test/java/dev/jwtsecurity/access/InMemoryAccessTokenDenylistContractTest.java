package dev.jwtsecurity.access;

import dev.jwtsecurity.testing.AccessTokenDenylistContract;

/**
 * The shipped {@link AccessTokenDenylistContract} on the in-memory list: the reference behaviour.
 */
class InMemoryAccessTokenDenylistContractTest extends AccessTokenDenylistContract {

  @Override
  protected AccessTokenDenylist newList() {
    return AccessTokenDenylist.inMemory();
  }
}
