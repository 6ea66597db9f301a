package dev.jwtsecurity.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsecurity.testing.ManualClock;
import dev.jwtsecurity.throttle.LoginThrottle.ThrottleDecision;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  private static final ThrottlePolicy ACCOUNT =
      new ThrottlePolicy(3, Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ofMinutes(8));
  private static final ThrottlePolicy ADDRESS =
      new ThrottlePolicy(10, Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ofHours(1));

  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final InMemoryThrottleStore store = new InMemoryThrottleStore(1000);
  private final LoginThrottle throttle =
      LoginThrottle.builder()
          .clock(clock)
          .store(store)
          .accountPolicy(ACCOUNT)
          .addressPolicy(ADDRESS)
          .build();

  @Test
  void recordFailure_budgetExhausted_accountRefusedWithRetryAfter() {
    assertThat(throttle.recordFailure("192.0.2.1", "alice").allowed()).isTrue();
    assertThat(throttle.recordFailure("192.0.2.1", "alice").allowed()).isTrue();
    ThrottleDecision third = throttle.recordFailure("192.0.2.1", "alice");
    assertThat(third.allowed()).isFalse();
    assertThat(third.refusedBy()).isEqualTo(ThrottleKey.Kind.ACCOUNT);
    assertThat(third.retryAfter()).isEqualTo(Duration.ofMinutes(1));
    assertThat(third.retryAfterSeconds()).isEqualTo(60);
    // From another address too: the account is locked, not the pair.
    assertThat(throttle.check("198.51.100.9", "alice").allowed()).isFalse();
    assertThat(throttle.check("192.0.2.1", "bob").allowed()).isTrue();
    clock.advance(Duration.ofSeconds(59));
    assertThat(throttle.check("192.0.2.1", "alice").retryAfterSeconds()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(1));
    assertThat(throttle.check("192.0.2.1", "alice").allowed()).isTrue();
  }

  @Test
  void recordFailure_consecutiveLockouts_doubleUpToCap() {
    List<Duration> lockouts = new ArrayList<>();
    for (int round = 0; round < 6; round++) {
      ThrottleDecision d = ThrottleDecision.allow();
      for (int i = 0; i < 3; i++) {
        d = throttle.recordFailure("192.0.2." + round, "alice");
      }
      lockouts.add(d.retryAfter());
      clock.advance(d.retryAfter());
    }
    assertThat(lockouts)
        .containsExactly(
            Duration.ofMinutes(1),
            Duration.ofMinutes(2),
            Duration.ofMinutes(4),
            Duration.ofMinutes(8),
            Duration.ofMinutes(8),
            Duration.ofMinutes(8));
  }

  @Test
  void recordFailure_quietLongerThanMemory_escalationForgotten() {
    for (int i = 0; i < 3; i++) {
      throttle.recordFailure("192.0.2.1", "alice");
    }
    // The record expires at the later of the window end (10 min) and lockout end + maxLockout (1 +
    // 8 min).
    clock.advance(Duration.ofMinutes(10));
    ThrottleDecision d = ThrottleDecision.allow();
    for (int i = 0; i < 3; i++) {
      d = throttle.recordFailure("192.0.2.1", "alice");
    }
    assertThat(d.retryAfter()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void recordFailure_windowPasses_budgetRenewed() {
    throttle.recordFailure("192.0.2.1", "alice");
    throttle.recordFailure("192.0.2.1", "alice");
    clock.advance(Duration.ofMinutes(10));
    assertThat(throttle.recordFailure("192.0.2.1", "alice").allowed()).isTrue();
    assertThat(throttle.recordFailure("192.0.2.1", "alice").allowed()).isTrue();
  }

  @Test
  void recordSuccess_resetsAccountButNotAddress() {
    for (int i = 0; i < 2; i++) {
      throttle.recordFailure("192.0.2.1", "alice");
    }
    for (int i = 0; i < 7; i++) {
      throttle.recordFailure("192.0.2.1", "user" + i);
    }
    throttle.recordSuccess("192.0.2.1", "alice");
    assertThat(store.get(ThrottleKey.forAccount("alice"), clock.instant())).isEmpty();
    // 9 address failures remain: one more locks the address.
    ThrottleDecision d = throttle.recordFailure("192.0.2.1", "carol");
    assertThat(d.allowed()).isFalse();
    assertThat(d.refusedBy()).isEqualTo(ThrottleKey.Kind.ADDRESS);
    assertThat(throttle.check("192.0.2.1", "dave").refusedBy()).isEqualTo(ThrottleKey.Kind.ADDRESS);
  }

  @Test
  void check_ipv6SameSlash64_sharesBudget() {
    for (int i = 0; i < 10; i++) {
      throttle.recordFailure("2001:db8:5:6::" + Integer.toHexString(i + 1), "u" + i);
    }
    assertThat(throttle.check("2001:db8:5:6:ffff::1", "someone").allowed()).isFalse();
    assertThat(throttle.check("2001:db8:5:7::1", "someone").allowed()).isTrue();
  }

  @Test
  void check_bothLocked_returnsLongerWait() {
    for (int i = 0; i < 10; i++) {
      throttle.recordFailure("192.0.2.1", "u" + i);
    }
    clock.advance(Duration.ofSeconds(30));
    for (int i = 0; i < 3; i++) {
      throttle.recordFailure("198.51.100.1", "alice");
    }
    ThrottleDecision d = throttle.check("192.0.2.1", "alice");
    assertThat(d.refusedBy()).isEqualTo(ThrottleKey.Kind.ACCOUNT);
    assertThat(d.retryAfter()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void recordFailure_concurrentCallers_noLostUpdates() throws Exception {
    ThrottlePolicy big =
        new ThrottlePolicy(
            1_000_000, Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofHours(1));
    LoginThrottle t =
        LoginThrottle.builder()
            .clock(clock)
            .store(store)
            .accountPolicy(big)
            .addressPolicy(big)
            .build();
    int threads = 8;
    int each = 500;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int j = 0; j < each; j++) {
                    t.recordFailure("192.0.2.1", "alice");
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.get(ThrottleKey.forAccount("alice"), clock.instant()).orElseThrow().failures())
        .isEqualTo(threads * each);
    assertThat(
            store
                .get(ThrottleKey.forAddress("192.0.2.1"), clock.instant())
                .orElseThrow()
                .failures())
        .isEqualTo(threads * each);
  }

  @Test
  void recordFailure_nullAccount_countsAddressOnly() {
    for (int i = 0; i < 10; i++) {
      throttle.recordFailure("192.0.2.1", null);
    }
    assertThat(throttle.check("192.0.2.1", null).allowed()).isFalse();
    assertThat(throttle.check("192.0.2.2", null).allowed()).isTrue();
  }

  @Test
  void purgeExpired_afterWindow_removesRecords() {
    throttle.recordFailure("192.0.2.1", "alice");
    assertThat(store.size()).isEqualTo(2);
    clock.advance(Duration.ofMinutes(10));
    assertThat(throttle.purgeExpired()).isEqualTo(2);
    assertThat(store.size()).isZero();
  }

  @Test
  void decision_contradictoryComponents_throw() {
    assertThatThrownBy(() -> new ThrottleDecision(true, Duration.ofSeconds(1), null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ThrottleDecision(false, Duration.ofSeconds(1), null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(
            ThrottleDecision.refuse(ThrottleKey.Kind.ACCOUNT, Duration.ofMillis(1))
                .retryAfterSeconds())
        .isEqualTo(1);
  }
}
