package dev.jwtsecurity.redis;

import dev.jwtsecurity.access.AccessTokenDenylist;
import dev.jwtsecurity.testing.AccessTokenDenylistContract;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The shipped {@link AccessTokenDenylistContract} on a Redis Cluster node of the test's own,
 * through the Cluster client: every script's keys must share a slot, or the node refuses it ({@code
 * CROSSSLOT}).
 */
class RedisClusterAccessTokenDenylistTest extends AccessTokenDenylistContract {

  private static TestRedis redis;

  @BeforeAll
  static void connect() {
    redis = TestRedis.clusterOrSkip(Clock.fixed(NOW, ZoneOffset.UTC));
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
