package dev.jwtsecurity.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThrottleStateTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void afterFailure_anySchedule_neverMoreThanBudgetFailuresWhileUnlocked() {
    // Property: between lockouts, at most maxFailures - 1 failures are counted; the lockout never
    // exceeds the cap.
    qt().forAll(
            integers().between(1, 6), lists().of(integers().between(0, 600)).ofSizeBetween(1, 60))
        .check(
            (max, gaps) -> {
              ThrottlePolicy p =
                  new ThrottlePolicy(
                      max, Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofMinutes(4));
              return holds(p, gaps);
            });
  }

  private static boolean holds(ThrottlePolicy p, List<Integer> gaps) {
    Instant now = T0;
    ThrottleState s = ThrottleState.initial(now);
    for (int gap : gaps) {
      now = now.plusSeconds(gap);
      s = s.afterFailure(p, now);
      if (s.failures() >= p.maxFailures() || s.retryAfter(now).compareTo(p.maxLockout()) > 0) {
        return false;
      }
      if (!s.isExpiredAt(now) && s.expiresAt().isBefore(s.lockedUntil())) {
        return false;
      }
    }
    return true;
  }

  @Test
  void lockoutFor_largeN_cappedWithoutOverflow() {
    ThrottlePolicy p =
        new ThrottlePolicy(1, Duration.ofDays(7), Duration.ofDays(7), Duration.ofDays(7));
    assertThat(p.lockoutFor(Integer.MAX_VALUE)).isEqualTo(Duration.ofDays(7));
    assertThat(ThrottlePolicy.ACCOUNT_DEFAULT.lockoutFor(100)).isEqualTo(Duration.ofMinutes(15));
  }
}
