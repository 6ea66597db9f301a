package dev.jwtsecurity.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsecurity.throttle.ThrottleKey;
import dev.jwtsecurity.throttle.ThrottlePolicy;
import dev.jwtsecurity.throttle.ThrottleState;
import dev.jwtsecurity.throttle.ThrottleStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@link ThrottleStore} contract, run against every implementation (in memory, H2, PostgreSQL).
 */
abstract class ThrottleStoreContract {

  static final Instant T0 = Instant.parse("2026-01-01T00:00:00.654321Z");
  static final ThrottlePolicy POLICY =
      new ThrottlePolicy(3, Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofMinutes(15));

  ThrottleStore store;

  /** Returns a new, empty store. */
  protected abstract ThrottleStore newStore();

  @BeforeEach
  void setUp() {
    store = newStore();
  }

  @Test
  void get_unknownKey_isEmpty() {
    assertThat(store.get(ThrottleKey.forAccount("nobody"), T0)).isEmpty();
  }

  @Test
  void recordFailure_upToMaxFailures_locksOutAndGetAgrees() {
    ThrottleKey key = ThrottleKey.forAccount("alice");
    ThrottleState s1 = store.recordFailure(key, POLICY, T0);
    assertThat(s1.failures()).isEqualTo(1);
    assertThat(store.get(key, T0)).contains(s1);
    store.recordFailure(key, POLICY, T0.plusSeconds(1));
    ThrottleState s3 = store.recordFailure(key, POLICY, T0.plusSeconds(2));
    assertThat(s3.isLockedAt(T0.plusSeconds(2))).isTrue();
    assertThat(s3.lockouts()).isEqualTo(1);
    assertThat(s3)
        .isEqualTo(
            ThrottleState.initial(T0)
                .afterFailure(POLICY, T0)
                .afterFailure(POLICY, T0.plusSeconds(1))
                .afterFailure(POLICY, T0.plusSeconds(2)));
    assertThat(store.get(key, T0.plusSeconds(3))).contains(s3);
  }

  @Test
  void recordFailure_afterExpiry_startsAfresh() {
    ThrottleKey key = ThrottleKey.forAddress("192.0.2.7");
    ThrottleState s = store.recordFailure(key, POLICY, T0);
    Instant later = s.expiresAt();
    assertThat(store.get(key, later)).isEmpty();
    assertThat(store.recordFailure(key, POLICY, later).failures()).isEqualTo(1);
  }

  @Test
  void reset_forgetsKeyAndIsIdempotent() {
    ThrottleKey key = ThrottleKey.forAccount("alice");
    store.recordFailure(key, POLICY, T0);
    store.reset(key);
    store.reset(key);
    assertThat(store.get(key, T0)).isEmpty();
  }

  @Test
  void keys_accountAndAddress_areSeparate() {
    ThrottleKey account = ThrottleKey.forAccount("192.0.2.1");
    ThrottleKey address = ThrottleKey.forAddress("192.0.2.1");
    store.recordFailure(account, POLICY, T0);
    store.recordFailure(account, POLICY, T0);
    assertThat(store.recordFailure(address, POLICY, T0).failures()).isEqualTo(1);
  }

  @Test
  void purgeExpired_deletesOnlyExpiredRecords() {
    ThrottleKey old = ThrottleKey.forAccount("old");
    ThrottleKey fresh = ThrottleKey.forAccount("fresh");
    ThrottleState o = store.recordFailure(old, POLICY, T0);
    store.recordFailure(fresh, POLICY, T0.plusSeconds(60));
    assertThat(store.purgeExpired(o.expiresAt().minusNanos(1000))).isZero();
    assertThat(store.purgeExpired(o.expiresAt())).isEqualTo(1);
    assertThat(store.get(fresh, o.expiresAt())).isPresent();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "o'brien",
        "x'); DELETE FROM t; --",
        "\" OR \"1\"=\"1",
        "a\\b%_",
        "\u00e9\u4e2d\ud83d\ude00"
      })
  void hostileKeys_countedSeparatelyAndVerbatim(String name) {
    ThrottleKey key = ThrottleKey.forAccount(name);
    store.recordFailure(key, POLICY, T0);
    assertThat(store.get(key, T0).orElseThrow().failures()).isEqualTo(1);
    assertThat(store.get(ThrottleKey.forAccount(name + "x"), T0)).isEmpty();
  }

  @Test
  void recordFailure_randomSequences_matchThePureTransition() {
    long seed = new Random().nextLong();
    System.out.println("ThrottleStoreContract seed=" + seed);
    Random random = new Random(seed);
    for (int k = 0; k < 5; k++) {
      ThrottleKey key = ThrottleKey.forAccount("user" + k + "-" + seed);
      ThrottleState expected = ThrottleState.initial(T0);
      Instant now = T0;
      for (int i = 0; i < 12; i++) {
        now = now.plusSeconds(random.nextInt(400));
        expected = expected.afterFailure(POLICY, now);
        assertThat(store.recordFailure(key, POLICY, now)).as("seed %d", seed).isEqualTo(expected);
      }
    }
  }
}
