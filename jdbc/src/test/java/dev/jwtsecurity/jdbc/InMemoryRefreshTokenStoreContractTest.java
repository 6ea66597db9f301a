package dev.jwtsecurity.jdbc;

import dev.jwtsecurity.refresh.RefreshTokenStore;

/**
 * The {@link RefreshTokenStoreContract} run against the in-memory implementation from core: the
 * reference behaviour.
 */
class InMemoryRefreshTokenStoreContractTest extends RefreshTokenStoreContract {

  @Override
  protected RefreshTokenStore newStore() {
    return RefreshTokenStore.inMemory();
  }
}
