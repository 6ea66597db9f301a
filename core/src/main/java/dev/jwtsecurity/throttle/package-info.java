/**
 * Login throttling per client address group and per account: a failure budget per window, then an
 * exponentially growing lockout; outcomes are values carrying the time to wait (for {@code
 * Retry-After}).
 *
 * <pre>{@code
 * LoginThrottle throttle = LoginThrottle.builder().clock(clock).build();
 * ThrottleDecision d = throttle.check(ctx.clientAddress(), "alice");
 * if (!d.allowed()) { response.setHeader("Retry-After", Long.toString(d.retryAfterSeconds())); }
 * }</pre>
 *
 * <p>The counters live behind {@link dev.jwtsecurity.throttle.ThrottleStore}: in memory (bounded)
 * by default, or in a shared database.
 */
package dev.jwtsecurity.throttle;
