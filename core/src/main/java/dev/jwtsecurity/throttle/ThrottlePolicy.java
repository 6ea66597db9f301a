package dev.jwtsecurity.throttle;

import java.time.Duration;
import java.util.Objects;

/**
 * How many failures one key may have in a window, and how long it is locked out once it has used
 * them up.
 *
 * <pre>{@code
 * // 5 failures per 15 minutes; then 1 min, 2 min, 4 min, ... locked, at most 15 min.
 * ThrottlePolicy policy = new ThrottlePolicy(5, Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofMinutes(15));
 * }</pre>
 *
 * <p>The n-th consecutive lockout lasts {@code min(baseLockout * 2^(n-1), maxLockout)}. The count
 * of lockouts is remembered until {@code maxLockout} after the last lockout ends (or the end of the
 * window that lockout started, whichever is later), so an attacker who waits out one lockout meets
 * a longer one; a key that stays quiet that long starts afresh.
 *
 * @param maxFailures failures allowed in one window before a lockout, at least 1
 * @param window the length of a counting window, positive
 * @param baseLockout the first lockout's length, positive
 * @param maxLockout the longest lockout, at least {@code baseLockout}
 */
public record ThrottlePolicy(
    int maxFailures, Duration window, Duration baseLockout, Duration maxLockout) {

  /** Per account: 5 failures per 15 minutes, then 1 minute locked, doubling up to 15 minutes. */
  public static final ThrottlePolicy ACCOUNT_DEFAULT =
      new ThrottlePolicy(5, Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofMinutes(15));

  /**
   * Per address group: 50 failures per 15 minutes (offices and carrier-grade NAT share addresses),
   * then 1 minute locked, doubling up to 1 hour.
   */
  public static final ThrottlePolicy ADDRESS_DEFAULT =
      new ThrottlePolicy(50, Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofHours(1));

  /**
   * Validates the components.
   *
   * @throws NullPointerException if a duration is {@code null}
   * @throws IllegalArgumentException if a value is out of range
   */
  public ThrottlePolicy {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(baseLockout, "baseLockout");
    Objects.requireNonNull(maxLockout, "maxLockout");
    if (maxFailures < 1) {
      throw new IllegalArgumentException("maxFailures must be at least 1, was " + maxFailures);
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive, was " + window);
    }
    if (baseLockout.isNegative() || baseLockout.isZero()) {
      throw new IllegalArgumentException("baseLockout must be positive, was " + baseLockout);
    }
    if (maxLockout.compareTo(baseLockout) < 0) {
      throw new IllegalArgumentException(
          "maxLockout must be at least baseLockout (" + baseLockout + ")");
    }
    if (maxLockout.compareTo(Duration.ofDays(7)) > 0 || window.compareTo(Duration.ofDays(7)) > 0) {
      throw new IllegalArgumentException("window and maxLockout must be at most 7 days");
    }
  }

  /**
   * Returns the length of the {@code n}-th consecutive lockout.
   *
   * @param n the lockout number, 1 for the first
   * @return {@code min(baseLockout * 2^(n-1), maxLockout)}
   */
  public Duration lockoutFor(int n) {
    if (n <= 1) {
      return baseLockout;
    }
    // Both durations are at most 7 days, so 2^30 times the base still fits in a Duration.
    Duration d = baseLockout.multipliedBy(1L << Math.min(n - 1, 30));
    return d.compareTo(maxLockout) > 0 ? maxLockout : d;
  }
}
