package dev.jwtsecurity.throttle;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The failure record of one {@link ThrottleKey}, as a {@link ThrottleStore} keeps it. Immutable;
 * the transitions are pure functions of the state, the policy and the caller's clock, so every
 * store (in memory, SQL) behaves the same.
 *
 * <pre>{@code
 * ThrottleState s = ThrottleState.initial(now).afterFailure(policy, now);
 * s.isLockedAt(now);   // false until policy.maxFailures() failures in a window
 * }</pre>
 *
 * @param failures failures counted in the current window (reset to 0 when a lockout starts)
 * @param windowStart when the current window started
 * @param lockouts consecutive lockouts so far (drives the exponential growth)
 * @param lockedUntil the end of the current or last lockout; {@link Instant#EPOCH} when never
 *     locked
 * @param lastFailure when the last failure was recorded (least-recently-failed eviction uses it)
 * @param expiresAt when this record stops mattering and may be deleted ({@link
 *     ThrottleStore#purgeExpired})
 */
public record ThrottleState(
    int failures,
    Instant windowStart,
    int lockouts,
    Instant lockedUntil,
    Instant lastFailure,
    Instant expiresAt) {

  /**
   * Validates the components.
   *
   * @throws NullPointerException if an instant is {@code null}
   * @throws IllegalArgumentException if a count is negative
   */
  public ThrottleState {
    Objects.requireNonNull(windowStart, "windowStart");
    Objects.requireNonNull(lockedUntil, "lockedUntil");
    Objects.requireNonNull(lastFailure, "lastFailure");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (failures < 0 || lockouts < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
  }

  /**
   * Returns the state of a key with no recorded failure.
   *
   * @param now the caller's clock
   * @return a state with no failures, expiring at {@code now}
   */
  public static ThrottleState initial(Instant now) {
    return new ThrottleState(0, now, 0, Instant.EPOCH, Instant.EPOCH, now);
  }

  /**
   * Returns whether the key is locked out at {@code now}.
   *
   * @param now the caller's clock
   * @return {@code true} while {@code now} is before {@link #lockedUntil()}
   */
  public boolean isLockedAt(Instant now) {
    return now.isBefore(lockedUntil);
  }

  /**
   * Returns how long the key stays locked from {@code now}.
   *
   * @param now the caller's clock
   * @return the remaining lockout, {@link Duration#ZERO} when not locked
   */
  public Duration retryAfter(Instant now) {
    return isLockedAt(now) ? Duration.between(now, lockedUntil) : Duration.ZERO;
  }

  /**
   * Returns whether the record carries no information any more at {@code now}.
   *
   * @param now the caller's clock
   * @return {@code true} once {@code now} is at or after {@link #expiresAt()}
   */
  public boolean isExpiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }

  /**
   * Returns the state after one more failure at {@code now}: the single transition every store
   * applies atomically in {@link ThrottleStore#recordFailure}.
   *
   * <p>An expired record starts afresh; a finished window starts a new one; a failure while locked
   * is counted in nothing (the lockout already refuses); the {@code maxFailures}-th failure in a
   * window starts lockout number {@code lockouts + 1}.
   *
   * @param policy the budget
   * @param now the caller's clock
   * @return the new state
   */
  public ThrottleState afterFailure(ThrottlePolicy policy, Instant now) {
    ThrottleState s = isExpiredAt(now) ? initial(now) : this;
    if (s.isLockedAt(now)) {
      return new ThrottleState(
          s.failures, s.windowStart, s.lockouts, s.lockedUntil, now, s.expiresAt);
    }
    int failures = s.failures;
    Instant windowStart = s.windowStart;
    if (!now.isBefore(windowStart.plus(policy.window()))) {
      failures = 0;
      windowStart = now;
    }
    failures++;
    int lockouts = s.lockouts;
    Instant lockedUntil = s.lockedUntil;
    if (failures >= policy.maxFailures()) {
      lockouts = lockouts == Integer.MAX_VALUE ? lockouts : lockouts + 1;
      lockedUntil = now.plus(policy.lockoutFor(lockouts));
      failures = 0;
      windowStart = now;
    }
    Instant windowEnd = windowStart.plus(policy.window());
    Instant expiresAt = windowEnd;
    if (lockouts > 0) {
      // Remember the lockout count for maxLockout after the last lockout ends (exponential growth,
      // ThrottlePolicy).
      Instant memory = lockedUntil.plus(policy.maxLockout());
      expiresAt = memory.isAfter(expiresAt) ? memory : expiresAt;
    }
    return new ThrottleState(failures, windowStart, lockouts, lockedUntil, now, expiresAt);
  }
}
