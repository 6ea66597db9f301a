package dev.jwtsecurity.throttle;

import java.time.Instant;
import java.util.Optional;

/**
 * Where login failure counters live: in memory for one instance ({@link #inMemory()}), or in a
 * shared database when several instances must see the same counters (the {@code jwt-security-jdbc}
 * module).
 *
 * <pre>{@code
 * ThrottleState s = store.recordFailure(ThrottleKey.forAccount("alice"), ThrottlePolicy.ACCOUNT_DEFAULT, clock.instant());
 * if (s.isLockedAt(clock.instant())) { ... }
 * }</pre>
 *
 * <p>Every time comes from the caller's clock, never from the store's (a database's {@code now()}
 * would disagree with the JVMs' clocks and with tests). The state transition is {@link
 * ThrottleState#afterFailure}; a store only has to apply it atomically. A SQL store maps naturally
 * onto one row per {@link ThrottleKey#id()}:
 *
 * <pre>{@code
 * CREATE TABLE jwt_throttle (key VARCHAR(320) PRIMARY KEY, failures INT, window_start TIMESTAMP, lockouts INT,
 *                            locked_until TIMESTAMP, last_failure TIMESTAMP, expires_at TIMESTAMP);
 * -- recordFailure: in one transaction, SELECT ... FOR UPDATE (or INSERT ... ON CONFLICT DO NOTHING first),
 * -- apply afterFailure in Java, UPDATE; or an optimistic UPDATE ... WHERE failures = ? AND last_failure = ? retried.
 * -- purgeExpired: DELETE FROM jwt_throttle WHERE expires_at <= ?
 * }</pre>
 *
 * <h2>Security considerations</h2>
 *
 * <ul>
 *   <li>{@link #recordFailure} must be atomic across every JVM sharing the store: two concurrent
 *       failures must both be counted (a lost update is a free guess for the attacker).
 *   <li>A store that must forget entries to bound its size must not let an attacker unlock a key
 *       cheaply: forget expired and unlocked entries before locked ones (as {@link #inMemory(int)}
 *       does).
 *   <li>Implementations must be thread-safe. A store that cannot reach its backend should throw
 *       (the login path then fails closed), never return an empty state.
 * </ul>
 */
public interface ThrottleStore {

  /**
   * Returns the state of {@code key}, or empty when there is none or it has expired at {@code now}.
   *
   * @param key the key
   * @param now the caller's clock
   * @return the current, unexpired state
   */
  Optional<ThrottleState> get(ThrottleKey key, Instant now);

  /**
   * Atomically records one failure: replaces the key's state {@code s} (or {@link
   * ThrottleState#initial} when absent or expired) with {@code s.afterFailure(policy, now)} and
   * returns the new state.
   *
   * @param key the key
   * @param policy the budget for this kind of key
   * @param now the caller's clock
   * @return the state after the failure
   */
  ThrottleState recordFailure(ThrottleKey key, ThrottlePolicy policy, Instant now);

  /**
   * Forgets {@code key} (after a successful login for an account, or by an administrator).
   * Idempotent.
   *
   * @param key the key
   */
  void reset(ThrottleKey key);

  /**
   * Deletes every record expired at {@code now}.
   *
   * @param now the caller's clock
   * @return the number of records deleted (a store may return 0 when it cannot tell)
   */
  int purgeExpired(Instant now);

  /**
   * Returns a store in this JVM's memory holding at most 100,000 keys; when full it forgets expired
   * and unlocked keys before locked ones. Right for a single instance only.
   *
   * @return a new, empty, thread-safe store
   */
  static ThrottleStore inMemory() {
    return new InMemoryThrottleStore();
  }

  /**
   * Returns a store in this JVM's memory holding at most {@code maxEntries} keys.
   *
   * <pre>{@code
   * ThrottleStore store = ThrottleStore.inMemory(500_000);
   * }</pre>
   *
   * <h4>Security considerations</h4>
   *
   * <p>When full, it forgets first the least-recently-failed key that was never locked, then one
   * that is not locked now, and only when every key is locked the one whose lockout ends first: a
   * flood of distinct addresses or names can never unlock a locked account or address. Memory is
   * about 200 bytes per key plus its text (under 30 MiB at 100,000 keys). Counters are lost on
   * restart; on several instances use a shared store, or an attacker gets one budget per instance.
   *
   * @param maxEntries the most keys held at once, at least 16
   * @return a new, empty, thread-safe store
   * @throws IllegalArgumentException if {@code maxEntries} is below 16
   */
  static ThrottleStore inMemory(int maxEntries) {
    return new InMemoryThrottleStore(maxEntries);
  }
}
