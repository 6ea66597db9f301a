package dev.jwtsecurity.redis;

import dev.jwtsecurity.testing.ThrottleStoreContract;
import dev.jwtsecurity.throttle.ThrottleStore;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The shipped {@link ThrottleStoreContract} on the Redis server of {@code JWTSEC_TEST_REDIS_URL},
 * an emptied key prefix per test; two {@link RedisStores}, each its own connection, play two
 * application instances in the concurrency cases. Skipped with a visible reason when there is no
 * server.
 */
class RedisThrottleStoreTest extends ThrottleStoreContract {

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
  protected ThrottleStore newStore() {
    return redis.fresh().throttleStore();
  }

  @Override
  protected ThrottleStore sameBackend(ThrottleStore store) {
    return redis.second().throttleStore();
  }
}
