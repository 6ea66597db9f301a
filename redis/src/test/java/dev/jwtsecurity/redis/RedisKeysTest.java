package dev.jwtsecurity.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsecurity.JwtSecurity;
import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.refresh.InvalidRefreshTokenException;
import dev.jwtsecurity.refresh.RevocationReason;
import dev.jwtsecurity.refresh.TokenPair;
import dev.jwtsecurity.testing.TestSecurity;
import dev.jwtsecurity.throttle.ThrottleKey;
import dev.jwtsecurity.throttle.ThrottlePolicy;
import io.lettuce.core.cluster.SlotHash;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The keys the stores write, inspected on the server of {@code JWTSEC_TEST_REDIS_URL}: every key
 * has a time-to-live no longer than what it stands for, so nothing grows without bound, and the
 * keys a script touches together share a Cluster slot.
 */
class RedisKeysTest {

  private static TestRedis redis;
  private final Clock clock = Clock.systemUTC();

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

  /** Writes every kind of key: families (rotated, revoked), index, pointers, throttle, denylist. */
  private void workload(RedisStores stores) throws InvalidRefreshTokenException {
    JwtSecurity security =
        TestSecurity.builder("alice", "b{o}b:*", "\u00e9\u4e2d")
            .refreshTokenStore(stores.refreshTokenStore())
            .refreshTokenLifetimes(Duration.ofDays(1), Duration.ofDays(2))
            .clock(clock)
            .build();
    for (String user : List.of("alice", "b{o}b:*", "\u00e9\u4e2d")) {
      TokenPair pair = TestSecurity.login(security, user);
      for (int i = 0; i < 3; i++) {
        pair = security.refresh(pair.refreshToken().orElseThrow().value(), RequestContext.UNKNOWN);
      }
      TestSecurity.login(security, user);
    }
    stores
        .refreshTokenStore()
        .revokeAllForUser("alice", RevocationReason.LOGOUT_EVERYWHERE, clock.instant());
    for (int i = 0; i < 6; i++) {
      stores
          .throttleStore()
          .recordFailure(
              ThrottleKey.forAccount("alice"), ThrottlePolicy.ACCOUNT_DEFAULT, clock.instant());
      stores
          .throttleStore()
          .recordFailure(
              ThrottleKey.forAddress("192.0.2." + i),
              ThrottlePolicy.ADDRESS_DEFAULT,
              clock.instant());
    }
    stores
        .accessTokenDenylist()
        .deny("https://issuer.example", "jti-1", clock.instant().plusSeconds(900));
    stores.accessTokenDenylist().deny("", "jti:{2}", clock.instant().plusSeconds(60));
  }

  @Test
  void everyKeyWritten_hasATimeToLiveNoLongerThanItsData() throws Exception {
    RedisStores stores = redis.fresh();
    workload(stores);

    Map<String, Integer> kinds = new TreeMap<>();
    Keys keys = new Keys(redis.prefix);
    for (String key : redis.keys()) {
      long ttl = redis.raw.pttl(key);
      assertThat(ttl).as("PTTL of %s", key).isPositive();
      String kind = kind(keys, key);
      kinds.merge(kind, 1, Integer::sum);
      Duration max =
          switch (kind) {
            case "family", "family index", "lookup pointer", "family pointer" -> Duration.ofDays(2);
            case "throttle" -> Duration.ofMinutes(30); // a lockout and its memory, or a window
            default -> Duration.ofMinutes(20); // 15 min token + 30 s retention, with room
          };
      assertThat(Duration.ofMillis(ttl)).as("PTTL of %s", key).isLessThanOrEqualTo(max);
    }
    assertThat(kinds)
        .containsOnlyKeys(
            "family", "family index", "lookup pointer", "family pointer", "throttle", "denylist");
    assertThat(kinds.get("family")).isEqualTo(6);
    assertThat(kinds.get("family index")).isEqualTo(3);
    assertThat(kinds.get("lookup pointer")).isEqualTo(3 * 5);
    assertThat(kinds.get("family pointer")).isEqualTo(6);
    assertThat(kinds.get("throttle")).isEqualTo(7);
    assertThat(kinds.get("denylist")).isEqualTo(2);
  }

  private static String kind(Keys keys, String key) {
    String rest = key.substring(keys.prefix.length() + 1);
    if (keys.parseFamily(key) != null) {
      return "family";
    }
    if (rest.startsWith("rt:{") && rest.endsWith("}:families")) {
      return "family index";
    }
    if (rest.startsWith("rt:lookup:")) {
      return "lookup pointer";
    }
    if (rest.startsWith("rt:family:")) {
      return "family pointer";
    }
    if (rest.startsWith("th:")) {
      return "throttle";
    }
    if (rest.startsWith("dl:")) {
      return "denylist";
    }
    return "unknown: " + key;
  }

  @Test
  void familyAndItsUsersIndex_shareOneClusterSlot() throws Exception {
    RedisStores stores = redis.fresh();
    workload(stores);
    Keys keys = new Keys(redis.prefix);
    int checked = 0;
    for (String key : redis.keys()) {
      String[] uf = keys.parseFamily(key);
      if (uf != null) {
        assertThat(SlotHash.getSlot(key)).as(key).isEqualTo(SlotHash.getSlot(keys.families(uf[0])));
        checked++;
      }
    }
    assertThat(checked).isEqualTo(6);
  }

  @Test
  void familyTimeToLive_followsTheNewestTokenAndNeverOutlivesTheAbsoluteExpiry() throws Exception {
    RedisStores stores = redis.fresh();
    Instant now = clock.instant();
    var family =
        new dev.jwtsecurity.refresh.RefreshTokenFamily(
            "fam", "carol", now, now.plus(Duration.ofHours(3)));
    var first =
        new dev.jwtsecurity.refresh.RefreshTokenRecord(
            "l1", "fam", "h1", now, now.plus(Duration.ofHours(1)));
    stores.refreshTokenStore().create(family, first);
    Keys keys = new Keys(redis.prefix);
    String familyKey = keys.family("carol", "fam");
    assertThat(Duration.ofMillis(redis.raw.pttl(familyKey)))
        .isBetween(Duration.ofMinutes(59), Duration.ofHours(1));

    var second =
        new dev.jwtsecurity.refresh.RefreshTokenRecord(
            "l2", "fam", "h2", now, now.plus(Duration.ofHours(2)));
    stores.refreshTokenStore().rotate("l1", second, now);
    assertThat(Duration.ofMillis(redis.raw.pttl(familyKey)))
        .isBetween(Duration.ofMinutes(119), Duration.ofHours(2).plusMillis(1)); // rounded up

    var third =
        new dev.jwtsecurity.refresh.RefreshTokenRecord(
            "l3", "fam", "h3", now, now.plus(Duration.ofHours(9)));
    stores.refreshTokenStore().rotate("l2", third, now);
    assertThat(Duration.ofMillis(redis.raw.pttl(familyKey)))
        .as("capped by the family's absolute expiry")
        .isBetween(Duration.ofMinutes(179), Duration.ofHours(3).plusMillis(1));
    assertThat(Duration.ofMillis(redis.raw.pttl(keys.lookup("l3"))))
        .isBetween(Duration.ofMinutes(179), Duration.ofHours(3).plusMillis(1));
  }
}
