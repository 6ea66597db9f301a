package dev.jwtsecurity.throttle;

import dev.jwtsecurity.internal.SetOnce;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Throttles login attempts per client address group and per account, independently (OWASP
 * Authentication Cheat Sheet, "Login Throttling"; OWASP Credential Stuffing Prevention Cheat
 * Sheet).
 *
 * <pre>{@code
 * LoginThrottle throttle = LoginThrottle.builder().clock(clock).build();   // in-memory, default budgets
 * ThrottleDecision d = throttle.check("203.0.113.7", "alice");
 * if (d.allowed()) {
 *   boolean ok = ...;                                                       // verify the password
 *   if (ok) throttle.recordSuccess("203.0.113.7", "alice");
 *   else throttle.recordFailure("203.0.113.7", "alice");
 * }
 * }</pre>
 *
 * <p>Each key has a failure budget per window ({@link ThrottlePolicy}); the failure that exhausts
 * it starts a lockout that doubles with every consecutive lockout, up to a cap. A success resets
 * the account's record but not the address's: otherwise an attacker who owns one account could
 * clear the budget of their address between guesses at other accounts.
 *
 * <h2>Security considerations</h2>
 *
 * <ul>
 *   <li>Account lockout lets anyone lock a victim out for a while by failing on purpose; the
 *       default lockout is capped at 15 minutes to keep that denial of service short. Pair it with
 *       alerting on {@code authn_login_lock}.
 *   <li>The address must be the real client address (trusted-proxy resolution); addresses are
 *       grouped by IPv6 /64 ({@link ThrottleKey#forAddress}).
 *   <li>Thread-safe. With several instances, give them one shared {@link ThrottleStore}.
 * </ul>
 */
public final class LoginThrottle {

  private final ThrottleStore store;
  private final Clock clock;
  private final ThrottlePolicy addressPolicy;
  private final ThrottlePolicy accountPolicy;

  private LoginThrottle(Builder b) {
    this.store = b.store != null ? b.store : ThrottleStore.inMemory();
    this.clock = b.clock;
    this.addressPolicy = b.addressPolicy;
    this.accountPolicy = b.accountPolicy;
  }

  /**
   * Returns a builder with the default policies and an in-memory store.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns whether an attempt from {@code clientAddress} for {@code account} may proceed. When
   * both keys are locked, the longer wait is returned.
   *
   * @param clientAddress the resolved client address, or {@code null}
   * @param account the normalised account name, or {@code null} to check the address only
   * @return the decision
   */
  public ThrottleDecision check(String clientAddress, String account) {
    Instant now = clock.instant();
    Duration byAddress = wait(ThrottleKey.forAddress(clientAddress), now);
    Duration byAccount =
        account == null ? Duration.ZERO : wait(ThrottleKey.forAccount(account), now);
    return decide(byAddress, byAccount);
  }

  /**
   * Records a failed attempt against both keys and returns the resulting decision: refused if this
   * failure exhausted a budget (a lockout just started) or a key was already locked.
   *
   * @param clientAddress the resolved client address, or {@code null}
   * @param account the normalised account name, or {@code null} to count against the address only
   * @return the decision for the next attempt
   */
  public ThrottleDecision recordFailure(String clientAddress, String account) {
    Instant now = clock.instant();
    ThrottleState a =
        store.recordFailure(ThrottleKey.forAddress(clientAddress), addressPolicy, now);
    Duration byAccount = Duration.ZERO;
    if (account != null) {
      byAccount =
          store.recordFailure(ThrottleKey.forAccount(account), accountPolicy, now).retryAfter(now);
    }
    return decide(a.retryAfter(now), byAccount);
  }

  /**
   * Records a successful login: forgets the account's failures. The address keeps its record (see
   * the class documentation).
   *
   * @param clientAddress the resolved client address, or {@code null} (unused; kept for symmetry
   *     and future policy)
   * @param account the normalised account name
   * @throws NullPointerException if {@code account} is {@code null}
   */
  public void recordSuccess(String clientAddress, String account) {
    store.reset(ThrottleKey.forAccount(Objects.requireNonNull(account, "account")));
  }

  /**
   * Deletes expired records from the store; call it periodically when the store is a database.
   *
   * @return the number of records deleted
   */
  public int purgeExpired() {
    return store.purgeExpired(clock.instant());
  }

  private Duration wait(ThrottleKey key, Instant now) {
    Optional<ThrottleState> s = store.get(key, now);
    return s.isPresent() ? s.get().retryAfter(now) : Duration.ZERO;
  }

  private static ThrottleDecision decide(Duration byAddress, Duration byAccount) {
    if (byAddress.isZero() && byAccount.isZero()) {
      return ThrottleDecision.allow();
    }
    return byAccount.compareTo(byAddress) >= 0
        ? ThrottleDecision.refuse(ThrottleKey.Kind.ACCOUNT, byAccount)
        : ThrottleDecision.refuse(ThrottleKey.Kind.ADDRESS, byAddress);
  }

  /** Builds a {@link LoginThrottle}; every setting has a safe default. Not thread-safe. */
  public static final class Builder {
    private final SetOnce once = new SetOnce();
    private ThrottleStore store;
    private Clock clock = Clock.systemUTC();
    private ThrottlePolicy addressPolicy = ThrottlePolicy.ADDRESS_DEFAULT;
    private ThrottlePolicy accountPolicy = ThrottlePolicy.ACCOUNT_DEFAULT;

    private Builder() {}

    /**
     * Sets where counters live; default a new {@link ThrottleStore#inMemory()}.
     *
     * @param store the store
     * @return this builder
     * @throws NullPointerException if {@code store} is {@code null}
     */
    public Builder store(ThrottleStore store) {
      Objects.requireNonNull(store, "store");
      once.mark("store");
      this.store = store;
      return this;
    }

    /**
     * Sets the clock; default {@link Clock#systemUTC()}.
     *
     * @param clock the clock
     * @return this builder
     * @throws NullPointerException if {@code clock} is {@code null}
     */
    public Builder clock(Clock clock) {
      Objects.requireNonNull(clock, "clock");
      once.mark("clock");
      this.clock = clock;
      return this;
    }

    /**
     * Sets the budget per address group; default {@link ThrottlePolicy#ADDRESS_DEFAULT}.
     *
     * @param policy the policy
     * @return this builder
     * @throws NullPointerException if {@code policy} is {@code null}
     */
    public Builder addressPolicy(ThrottlePolicy policy) {
      Objects.requireNonNull(policy, "policy");
      once.mark("addressPolicy");
      this.addressPolicy = policy;
      return this;
    }

    /**
     * Sets the budget per account; default {@link ThrottlePolicy#ACCOUNT_DEFAULT}.
     *
     * @param policy the policy
     * @return this builder
     * @throws NullPointerException if {@code policy} is {@code null}
     */
    public Builder accountPolicy(ThrottlePolicy policy) {
      Objects.requireNonNull(policy, "policy");
      once.mark("accountPolicy");
      this.accountPolicy = policy;
      return this;
    }

    /**
     * Builds the throttle.
     *
     * @return a thread-safe throttle
     */
    public LoginThrottle build() {
      return new LoginThrottle(this);
    }
  }

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
}
