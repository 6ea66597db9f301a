package dev.jwtsecurity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsecurity.access.UserDirectory;
import dev.jwtsecurity.access.UserDirectory.UserStatus;
import dev.jwtsecurity.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class UserStatusCacheTest {

  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-27T12:00:00Z"));
  private final AtomicInteger calls = new AtomicInteger();
  private final UserDirectory directory =
      id -> {
        calls.incrementAndGet();
        return UserStatus.active();
      };

  @Test
  void status_manyDistinctUsers_staysWithinCapacity() {
    UserStatusCache cache = new UserStatusCache(directory, Duration.ofSeconds(30), 100, clock);

    for (int i = 0; i < 10_000; i++) {
      cache.status("user" + i);
      assertThat(cache.size()).isLessThanOrEqualTo(100);
    }
    assertThat(calls).hasValue(10_000);
  }

  @Test
  void status_fullOfExpiredEntries_dropsExpiredFirst() {
    UserStatusCache cache = new UserStatusCache(directory, Duration.ofSeconds(30), 10, clock);
    for (int i = 0; i < 9; i++) {
      cache.status("old" + i);
    }
    clock.advance(Duration.ofSeconds(30));
    cache.status("fresh");
    cache.status("new");

    assertThat(cache.size()).isEqualTo(2);
  }

  @Test
  void status_repeatedWithinTtl_asksOnce() {
    UserStatusCache cache = new UserStatusCache(directory, Duration.ofSeconds(30), 10, clock);

    for (int i = 0; i < 100; i++) {
      cache.status("alice");
    }

    assertThat(calls).hasValue(1);
  }

  @Test
  void status_zeroTtl_holdsNothing() {
    UserStatusCache cache = new UserStatusCache(directory, Duration.ZERO, 10, clock);

    cache.status("alice");
    cache.status("alice");

    assertThat(calls).hasValue(2);
    assertThat(cache.size()).isZero();
  }
}
