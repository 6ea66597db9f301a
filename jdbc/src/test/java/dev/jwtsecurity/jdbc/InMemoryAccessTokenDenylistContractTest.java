package dev.jwtsecurity.jdbc;

import dev.jwtsecurity.access.AccessTokenDenylist;

/**
 * The {@link AccessTokenDenylistContract} run against the in-memory implementation from core: the
 * reference behaviour.
 */
class InMemoryAccessTokenDenylistContractTest extends AccessTokenDenylistContract {

  @Override
  protected AccessTokenDenylist newList() {
    return AccessTokenDenylist.inMemory();
  }
}
