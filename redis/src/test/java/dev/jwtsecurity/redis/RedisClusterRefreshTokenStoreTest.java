package dev.jwtsecurity.redis;

import dev.jwtsecurity.refresh.RefreshTokenStore;
import dev.jwtsecurity.testing.RefreshTokenStoreContract;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The shipped {@link RefreshTokenStoreContract} on a Redis Cluster node of the test's own, through
 * the Cluster client: every script's keys must share a slot, or the node refuses it ({@code
 * CROSSSLOT}).
 */
class RedisClusterRefreshTokenStoreTest extends RefreshTokenStoreContract {

  private static TestRedis redis;

  @BeforeAll
  static void connect() {
    redis = TestRedis.clusterOrSkip(Clock.systemUTC());
  }

  @AfterAll
  static void close() {
    if (redis != null) {
      redis.close();
    }
  }

  @Override
  protected RefreshTokenStore newStore() {
    return redis.fresh().refreshTokenStore();
  }

  @Override
  protected RefreshTokenStore sameBackend(RefreshTokenStore store) {
    return redis.second().refreshTokenStore();
  }
}
