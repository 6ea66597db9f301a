package dev.jwtsecurity.redis;

import dev.jwtsecurity.testing.ThrottleStoreContract;
import dev.jwtsecurity.throttle.ThrottleStore;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The shipped {@link ThrottleStoreContract} on a Redis Cluster node of the test's own, through the
 * Cluster client: every script's keys must share a slot, or the node refuses it ({@code
 * CROSSSLOT}).
 */
class RedisClusterThrottleStoreTest extends ThrottleStoreContract {

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
  protected ThrottleStore newStore() {
    return redis.fresh().throttleStore();
  }

  @Override
  protected ThrottleStore sameBackend(ThrottleStore store) {
    return redis.second().throttleStore();
  }
}
