package dev.jwtsecurity.metrics;

import dev.jwtsecurity.audit.SecurityEvent;
import java.util.function.LongSupplier;

/**
 * What jwt-security measures, handed to a metrics library: security events, how long token
 * validation, password hashing and store operations take, and live levels (hashes running and
 * waiting, throttle and denylist entries). Give one implementation to the front door and every
 * piece it builds reports to it; {@code jwt-security-micrometer} is the one that ships.
 *
 * <pre>{@code
 * JwtSecurity security = JwtSecurity.builder(JwtSettings.fromEnvironment(System.getenv()))
 *     .metrics(MicrometerSecurityMetrics.of(meterRegistry))   // jwt-security-micrometer
 *     .build();
 * }</pre>
 *
 * <p>Without {@code metrics(...)} nothing is measured at all: no clock is read, nothing is wrapped,
 * and the token-validation path allocates nothing for metrics.
 *
 * <h2>Contract for implementations</h2>
 *
 * <ul>
 *   <li>Every method has a default that records nothing: implement what you record.
 *   <li>Thread-safe, quick and non-blocking: the methods run on request threads, inside token
 *       validation and the login path. Resolve meters once (in {@link #gauge} or a constructor),
 *       not per call.
 *   <li>Must not throw. An exception is caught and ignored, so a broken metrics backend can neither
 *       accept nor refuse a request, but the measurement is lost.
 * </ul>
 *
 * <h2>Security considerations</h2>
 *
 * <p>Nothing reported here carries a token, password, secret or user id: events arrive as the
 * {@link SecurityEvent} every listener gets (record its {@link SecurityEvent#type() type} and
 * {@link SecurityEvent#reason() reason}, never its user or client address as a tag: unbounded tag
 * values exhaust a metrics backend), the other methods carry enum constants and durations only.
 * Expose the metrics endpoint to your monitoring system only: counts of failed logins and refused
 * tokens tell an attacker how an attack is going.
 */
public interface SecurityMetrics {

  /**
   * Returns the implementation that records nothing; the front door behaves as if none was set.
   *
   * @return the no-op implementation, always the same instance
   */
  static SecurityMetrics none() {
    return None.INSTANCE;
  }

  /**
   * Returns the monotonic time durations are measured with, in nanoseconds: an interval source, not
   * wall time. Default {@link System#nanoTime()}; an implementation over a metrics library returns
   * that library's clock, so tests with its mock clock see exact durations.
   *
   * @return nanoseconds from an arbitrary origin
   */
  default long monotonicNanos() {
    return System.nanoTime();
  }

  /**
   * Records a security event, after the security log has written it.
   *
   * @param event the event
   */
  default void securityEvent(SecurityEvent event) {}

  /**
   * Records one access-token authentication: validation of signature and claims, then the denylist
   * and user-status checks.
   *
   * @param accepted whether the token was accepted
   * @param nanos how long it took
   */
  default void tokenValidation(boolean accepted, long nanos) {}

  /**
   * Records one password-hash computation (Argon2, or bcrypt for a migrated hash): how long the
   * caller waited for a worker and its share of the memory budget, and how long the computation
   * took once it ran.
   *
   * @param outcome whether it ran or the wait timed out
   * @param waitNanos the wait for a worker slot and memory budget
   * @param computeNanos the computation itself; 0 when it did not run
   */
  default void passwordHashing(HashOutcome outcome, long waitNanos, long computeNanos) {}

  /**
   * Records one operation of a store the front door uses (refresh tokens, throttle counters,
   * denylist, audit trail), whatever its backend.
   *
   * @param operation which store and operation
   * @param succeeded {@code false} when it threw (a store outage, a full in-memory store)
   * @param nanos how long it took
   */
  default void storeOperation(StoreOperation operation, boolean succeeded, long nanos) {}

  /**
   * Registers a live level, read whenever the metrics are collected; called once per gauge while
   * the front door (or a password hasher) is built. Implementations keep a strong reference to
   * {@code value}: nothing else may hold it.
   *
   * @param gauge what the value measures
   * @param value reads the current value; cheap, thread-safe
   */
  default void gauge(Gauge gauge, LongSupplier value) {}

  /**
   * Returns the recorder for the key cache of one identity provider, called once per trusted issuer
   * when the front door is built; its methods run on request threads.
   *
   * @param issuer the provider's configured {@code iss}, a bounded configuration value
   * @return the recorder; default one that records nothing
   */
  default KeyCacheMetrics keyCache(String issuer) {
    return KeyCacheMetrics.NONE;
  }

  /** How a password-hash computation ended. */
  enum HashOutcome {
    /** The computation ran (whatever it found: match or mismatch). */
    COMPLETED,
    /**
     * No worker or memory budget became free within the busy timeout: the login was answered
     * "busy".
     */
    BUSY
  }

  /** A live level registered through {@link #gauge}. */
  enum Gauge {
    /** Password-hash computations running now. */
    HASHES_ACTIVE,
    /** Callers waiting for a worker or memory budget to start a password-hash computation. */
    HASHES_QUEUED,
    /**
     * Addresses and accounts the in-memory login throttle tracks (registered only for the in-memory
     * store: a shared store's size is a database metric).
     */
    THROTTLE_ENTRIES,
    /**
     * Tokens on the in-memory access-token denylist (registered only for the in-memory denylist).
     */
    DENYLIST_ENTRIES
  }

  /** The store operations measured, one per method of the store SPIs. */
  enum StoreOperation {
    /** {@code RefreshTokenStore.create}: login. */
    REFRESH_CREATE(Store.REFRESH_TOKENS, "create"),
    /** {@code RefreshTokenStore.findByLookupId}: refresh and logout. */
    REFRESH_FIND(Store.REFRESH_TOKENS, "find"),
    /** {@code RefreshTokenStore.rotate}: the compare-and-set of every refresh. */
    REFRESH_ROTATE(Store.REFRESH_TOKENS, "rotate"),
    /** {@code RefreshTokenStore.revokeFamily}: logout and reuse detection. */
    REFRESH_REVOKE_FAMILY(Store.REFRESH_TOKENS, "revoke_family"),
    /** {@code RefreshTokenStore.revokeAllForUser}: logout everywhere. */
    REFRESH_REVOKE_USER(Store.REFRESH_TOKENS, "revoke_user"),
    /** {@code RefreshTokenStore.purgeExpired}. */
    REFRESH_PURGE(Store.REFRESH_TOKENS, "purge"),
    /** {@code ThrottleStore.get}: every login attempt. */
    THROTTLE_GET(Store.THROTTLE, "get"),
    /** {@code ThrottleStore.recordFailure}: every failed login. */
    THROTTLE_RECORD_FAILURE(Store.THROTTLE, "record_failure"),
    /** {@code ThrottleStore.reset}: every successful login. */
    THROTTLE_RESET(Store.THROTTLE, "reset"),
    /** {@code ThrottleStore.purgeExpired}. */
    THROTTLE_PURGE(Store.THROTTLE, "purge"),
    /** {@code AccessTokenDenylist.deny}: logout. */
    DENYLIST_DENY(Store.DENYLIST, "deny"),
    /** {@code AccessTokenDenylist.isDenied}: every authenticated request. */
    DENYLIST_CHECK(Store.DENYLIST, "check"),
    /** {@code AccessTokenDenylist.purgeExpired}. */
    DENYLIST_PURGE(Store.DENYLIST, "purge"),
    /** {@code AuditTrail.append}: every ownership check. */
    AUDIT_APPEND(Store.AUDIT_TRAIL, "append"),
    /** {@code AuditTrail.query}. */
    AUDIT_QUERY(Store.AUDIT_TRAIL, "query"),
    /** {@code AuditTrail.purgeOlderThan}. */
    AUDIT_PURGE(Store.AUDIT_TRAIL, "purge");

    private final Store store;
    private final String operation;

    StoreOperation(Store store, String operation) {
      this.store = store;
      this.operation = operation;
    }

    /**
     * Returns the store this operation belongs to.
     *
     * @return the store
     */
    public Store store() {
      return store;
    }

    /**
     * Returns the operation's name within its store, lower case with underscores ({@code rotate},
     * {@code record_failure}), for a tag value.
     *
     * @return the name
     */
    public String operationName() {
      return operation;
    }
  }

  /** The stores behind {@link StoreOperation}. */
  enum Store {
    /** The refresh-token families. */
    REFRESH_TOKENS("refresh_tokens"),
    /** The login-throttle counters. */
    THROTTLE("throttle"),
    /** The access-token denylist. */
    DENYLIST("denylist"),
    /** The audit trail. */
    AUDIT_TRAIL("audit_trail");

    private final String tagValue;

    Store(String tagValue) {
      this.tagValue = tagValue;
    }

    /**
     * Returns the store's name, lower case with underscores, for a tag value.
     *
     * @return the name
     */
    public String storeName() {
      return tagValue;
    }
  }

  /**
   * Records what the key cache of one identity provider does: its answers from memory and the
   * fetches of the provider's JWK Set.
   */
  interface KeyCacheMetrics {

    /** Records nothing. */
    KeyCacheMetrics NONE = new KeyCacheMetrics() {};

    /** A token's key was found in the cached key set. */
    default void hit() {}

    /** A token's key was not in the cached key set (a fetch may follow, rate-limited). */
    default void miss() {}

    /**
     * A fetch of the provider's discovery document and JWK Set ended.
     *
     * @param succeeded whether a usable key set came back
     * @param nanos how long it took
     */
    default void fetch(boolean succeeded, long nanos) {}
  }
}
