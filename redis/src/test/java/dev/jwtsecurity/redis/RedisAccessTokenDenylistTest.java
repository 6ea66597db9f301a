package dev.jwtsecurity.redis;

import dev.jwtsecurity.access.AccessTokenDenylist;
import dev.jwtsecurity.testing.AccessTokenDenylistContract;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The shipped {@link AccessTokenDenylistContract} on the Redis server of {@code
 * JWTSEC_TEST_REDIS_URL}, an emptied key prefix per test; two {@link RedisStores}, each its own
 * connection, play two application instances in the concurrency cases. Skipped with a visible
 * reason when there is no server.
 */
class RedisAccessTokenDenylistTest extends AccessTokenDenylistContract {

  private static TestRedis redis;

  @BeforeAll
  static void connect() {
    redis = TestRedis.connectOrSkip(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterAll
  static void close() {
    if (redis != null) {
      redis.close();
    }
  }

  @Override
  protected AccessTokenDenylist newList() {
    return redis.fresh().accessTokenDenylist();
  }

  @Override
  protected AccessTokenDenylist sameBackend(AccessTokenDenylist list) {
    return redis.second().accessTokenDenylist();
  }
}
