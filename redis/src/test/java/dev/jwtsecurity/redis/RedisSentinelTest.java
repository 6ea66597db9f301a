package dev.jwtsecurity.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsecurity.refresh.RefreshTokenFamily;
import dev.jwtsecurity.refresh.RefreshTokenRecord;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * {@code redis-sentinel://}: the client asks a Sentinel of the test's own for the master of {@code
 * mymaster} and talks to it; nothing else to configure.
 */
class RedisSentinelTest {

  @Test
  void sentinelUri_findsTheMasterAndEveryStoreWorks() {
    try (RedisServer master = RedisServer.startOrSkip();
        RedisServer sentinel = RedisServer.startSentinelOrSkip(master);
        RedisStores stores =
            RedisStores.builder()
                .uri("redis-sentinel://127.0.0.1:" + sentinel.port + "#mymaster")
                .keyPrefix("sentinel")
                .build()) {
      Instant now = Instant.now();
      RefreshTokenFamily family =
          new RefreshTokenFamily("f1", "alice", now, now.plus(Duration.ofHours(1)));
      RefreshTokenRecord token =
          new RefreshTokenRecord("l1", "f1", "h", now, now.plus(Duration.ofMinutes(5)));
      stores.refreshTokenStore().create(family, token);
      assertThat(stores.refreshTokenStore().findByLookupId("l1").orElseThrow().family())
          .isEqualTo(family);
      stores.accessTokenDenylist().deny("iss", "jti", now.plusSeconds(60));
      assertThat(stores.accessTokenDenylist().isDenied("iss", "jti", now)).isTrue();
      assertThat(stores.toString()).contains("sentinel at 127.0.0.1:" + sentinel.port);
      // The data lives on the master the Sentinel named.
      try (RedisStores direct =
          RedisStores.builder().uri(master.url()).keyPrefix("sentinel").build()) {
        assertThat(direct.accessTokenDenylist().isDenied("iss", "jti", now)).isTrue();
      }
    }
  }
}
