package dev.jwtsecurity.redis;

import dev.jwtsecurity.refresh.RefreshTokenStore;
import dev.jwtsecurity.testing.RefreshTokenStoreContract;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The shipped {@link RefreshTokenStoreContract} on the Redis server of {@code
 * JWTSEC_TEST_REDIS_URL}, an emptied key prefix per test; two {@link RedisStores}, each its own
 * connection, play two application instances in the concurrency cases. Skipped with a visible
 * reason when there is no server.
 */
class RedisRefreshTokenStoreTest extends RefreshTokenStoreContract {

  private static TestRedis redis;

  @BeforeAll
  static void connect() {
    redis = TestRedis.connectOrSkip(Clock.systemUTC());
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
