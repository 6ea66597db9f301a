package dev.jwtsecurity.throttle;

import java.time.Duration;
import java.util.Objects;

/**
 * The answer of {@link LoginThrottle}: allowed, or refused with the time to wait and the kind of
 * key that refused.
 *
 * <pre>{@code
 * ThrottleDecision d = throttle.check(address, account);
 * if (!d.allowed()) {
 *   response.setStatus(429);
 *   response.setHeader("Retry-After", Long.toString(d.retryAfterSeconds()));
 * }
 * }</pre>
 *
 * @param allowed whether an attempt may proceed
 * @param retryAfter how long to wait when refused; {@link Duration#ZERO} when allowed
 * @param refusedBy the kind of key that refused ({@code null} when allowed); for logs, never for
 *     the client
 */
public record ThrottleDecision(boolean allowed, Duration retryAfter, ThrottleKey.Kind refusedBy) {

  private static final ThrottleDecision ALLOWED = new ThrottleDecision(true, Duration.ZERO, null);

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if the components contradict each other
   */
  public ThrottleDecision {
    Objects.requireNonNull(retryAfter, "retryAfter");
    if (allowed != (refusedBy == null)
        || (allowed && !retryAfter.isZero())
        || retryAfter.isNegative()) {
      throw new IllegalArgumentException(
          "an allowed decision has no retryAfter and no refusedBy; a refusal has both");
    }
  }

  /**
   * Returns the allowing decision.
   *
   * @return allowed, nothing to wait
   */
  public static ThrottleDecision allow() {
    return ALLOWED;
  }

  /**
   * Returns a refusal.
   *
   * @param by the kind of key that refused
   * @param retryAfter how long to wait
   * @return a refused decision
   */
  public static ThrottleDecision refuse(ThrottleKey.Kind by, Duration retryAfter) {
    return new ThrottleDecision(false, retryAfter, Objects.requireNonNull(by, "by"));
  }

  /**
   * Returns the wait in whole seconds, rounded up, for a {@code Retry-After} header (RFC 9110
   * §10.2.3).
   *
   * @return 0 when allowed, otherwise at least 1
   */
  public long retryAfterSeconds() {
    if (allowed) {
      return 0;
    }
    long s = retryAfter.toSeconds();
    return retryAfter.toNanosPart() > 0 || s == 0 ? s + 1 : s;
  }
}
