package dev.jwtsecurity.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsecurity.testing.ManualClock;
import dev.jwtsecurity.throttle.LoginThrottle.ThrottleDecision;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InMemoryThrottleStoreTest {

  private static final ThrottlePolicy POLICY =
      new ThrottlePolicy(3, Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofMinutes(15));
  private static final ThrottlePolicy ADDRESS =
      new ThrottlePolicy(50, Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofHours(1));

  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

  @Test
  void recordFailure_millionDistinctAddresses_sizeCappedAndLockedAccountSurvives() {
    long seed = new Random().nextLong();
    System.out.println("InMemoryThrottleStoreTest flood seed: " + seed);
    Random random = new Random(seed);
    int cap = 1024;
    InMemoryThrottleStore store = new InMemoryThrottleStore(cap);
    LoginThrottle throttle =
        LoginThrottle.builder()
            .clock(clock)
            .store(store)
            .accountPolicy(POLICY)
            .addressPolicy(ADDRESS)
            .build();
    for (int i = 0; i < 3; i++) {
      throttle.recordFailure("192.0.2.1", "victim");
    }
    assertThat(throttle.check("203.0.113.5", "victim").allowed()).isFalse();
    for (int i = 0; i < 1_000_000; i++) {
      String address =
          (random.nextInt() & 0xff)
              + "."
              + (random.nextInt() & 0xff)
              + "."
              + (i >>> 8 & 0xff)
              + "."
              + (i & 0xff);
      throttle.recordFailure(
          random.nextBoolean()
              ? address
              : "2001:db8:"
                  + Integer.toHexString(i >>> 16)
                  + ":"
                  + Integer.toHexString(i & 0xffff)
                  + "::1",
          "flood-" + i);
      if ((i & 0xffff) == 0) {
        assertThat(store.size()).isLessThanOrEqualTo(cap);
      }
    }
    assertThat(store.size()).isEqualTo(cap);
    ThrottleDecision d = throttle.check("203.0.113.5", "victim");
    assertThat(d.allowed()).isFalse();
    assertThat(d.refusedBy()).isEqualTo(ThrottleKey.Kind.ACCOUNT);
  }

  @Test
  void recordFailure_escalatedEntry_evictedAfterFreshOnes() {
    InMemoryThrottleStore store = new InMemoryThrottleStore(16);
    ThrottleKey escalated = ThrottleKey.forAccount("escalated");
    for (int i = 0; i < 3; i++) {
      store.recordFailure(escalated, POLICY, clock.instant());
    }
    clock.advance(Duration.ofMinutes(2)); // lock ended, escalation remembered
    for (int i = 0; i < 100; i++) {
      store.recordFailure(ThrottleKey.forAccount("n" + i), POLICY, clock.instant());
    }
    assertThat(store.get(escalated, clock.instant()).orElseThrow().lockouts()).isEqualTo(1);
  }

  @Test
  void recordFailure_allLocked_evictsTheLockEndingFirst() {
    InMemoryThrottleStore store = new InMemoryThrottleStore(16);
    for (int i = 0; i < 16; i++) {
      ThrottleKey k = ThrottleKey.forAccount("k" + i);
      for (int j = 0; j < 3; j++) {
        store.recordFailure(k, POLICY, clock.instant());
      }
      clock.advance(Duration.ofSeconds(1));
    }
    assertThat(store.size()).isEqualTo(16);
    store.recordFailure(ThrottleKey.forAccount("new"), POLICY, clock.instant());
    assertThat(store.size()).isEqualTo(16);
    assertThat(store.get(ThrottleKey.forAccount("k0"), clock.instant())).isEmpty();
    for (int i = 1; i < 16; i++) {
      assertThat(
              store
                  .get(ThrottleKey.forAccount("k" + i), clock.instant())
                  .orElseThrow()
                  .isLockedAt(clock.instant()))
          .isTrue();
    }
  }

  @Test
  void get_expired_returnsEmptyAndForgets() {
    InMemoryThrottleStore store = new InMemoryThrottleStore(16);
    store.recordFailure(ThrottleKey.forAccount("a"), POLICY, clock.instant());
    clock.advance(Duration.ofMinutes(15));
    assertThat(store.get(ThrottleKey.forAccount("a"), clock.instant())).isEmpty();
    assertThat(store.size()).isZero();
  }

  @Test
  void reset_lockedKey_forgetsIt() {
    InMemoryThrottleStore store = new InMemoryThrottleStore(16);
    ThrottleKey k = ThrottleKey.forAccount("a");
    for (int j = 0; j < 3; j++) {
      store.recordFailure(k, POLICY, clock.instant());
    }
    store.reset(k);
    assertThat(store.get(k, clock.instant())).isEmpty();
    assertThat(store.size()).isZero();
  }
}
