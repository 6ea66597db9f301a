package dev.jwtsecurity.refresh;

import dev.jwtsecurity.testing.RefreshTokenStoreContract;

/**
 * The shipped {@link RefreshTokenStoreContract} on the in-memory store: the reference behaviour.
 */
class InMemoryRefreshTokenStoreContractTest extends RefreshTokenStoreContract {

  @Override
  protected RefreshTokenStore newStore() {
    return InMemoryRefreshTokenStore.builder().build();
  }
}
