package dev.jwtsecurity.login;

import dev.jwtsecurity.access.AuthenticatedUser;
import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventListener;
import dev.jwtsecurity.audit.SecurityEventType;
import dev.jwtsecurity.password.PasswordHasher;
import dev.jwtsecurity.password.PasswordHashingException;
import dev.jwtsecurity.password.PasswordVerification;
import dev.jwtsecurity.throttle.LoginThrottle;
import dev.jwtsecurity.throttle.ThrottleDecision;
import dev.jwtsecurity.throttle.ThrottleKey;
import java.nio.CharBuffer;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The one uniform login path: throttle check, user look-up, password verification (or a dummy
 * verification for an unknown user), status check, rehash on success when needed, throttle update,
 * and a security event for every attempt.
 *
 * <pre>{@code
 * LoginService login = LoginService.builder()
 *     .users(users)                         // your UserCredentialsLookup
 *     .hasher(PasswordHasher.builder().build())
 *     .throttle(LoginThrottle.builder().build())
 *     .events(listener)
 *     .build();
 * LoginResult r = login.login(form.username(), form.password(), RequestContext.of(ip, userAgent, requestId));
 * }</pre>
 *
 * <h2>Security considerations</h2>
 *
 * <ul>
 *   <li><b>No user enumeration.</b> Unknown users, wrong passwords, disabled and locked accounts
 *       return the same {@link LoginResult.Failure#INVALID_CREDENTIALS} after exactly one
 *       password-hash computation each: an unknown user (or a stored hash that cannot be used) gets
 *       {@link PasswordHasher#verifyDummy}, and the account status is checked only <em>after</em>
 *       the hash (OWASP Authentication Cheat Sheet). Stored bcrypt hashes cost what their cost
 *       factor says until migrated.
 *   <li><b>Names.</b> The user name is normalised with {@link UsernameNormalizer} (strip, NFC,
 *       lower case, at most {@value UsernameNormalizer#MAX_LENGTH} chars) before look-up,
 *       throttling and logging; an invalid name is an unknown user.
 *   <li><b>Throttling.</b> A refused attempt returns {@link LoginResult.Reason#THROTTLED} without
 *       looking up or hashing. Failures count against the address group and the account; a success
 *       resets the account only. A {@code BUSY} attempt verified nothing and counts as no failure.
 *   <li><b>Events.</b> Every attempt emits {@code authn_login_success}, {@code authn_login_fail}
 *       (with the detailed cause), {@code authn_login_fail_max} and {@code authn_login_lock} when a
 *       budget is exhausted, or {@code excess_rate_limit_exceeded}, with address and user agent.
 *       Never the password.
 *   <li><b>Rehash.</b> When the stored hash is weaker than the policy (or bcrypt), a successful
 *       login stores a new Argon2id hash through {@link UserCredentialsLookup#updatePasswordHash},
 *       a compare-and-set; a failed rehash never fails the login.
 *   <li><b>Failures of the store.</b> An exception from the look-up propagates: the login fails
 *       closed.
 * </ul>
 */
public final class LoginService {

  /**
   * The detailed cause of a failed attempt: for security events and logs only, never for the
   * client.
   */
  public enum Cause {
    /** No user has this name (or the name is invalid). */
    UNKNOWN_USER,
    /** The password does not match. */
    WRONG_PASSWORD,
    /** The account is disabled. */
    ACCOUNT_DISABLED,
    /** The account is locked by an administrator or a policy. */
    ACCOUNT_LOCKED,
    /** The stored hash is malformed, of an unknown scheme or beyond the limits. */
    UNUSABLE_STORED_HASH,
    /**
     * The stored hash is a fast or unsalted digest (MD5, SHA-*, plain text), never verified: the
     * user must reset the password.
     */
    INSECURE_STORED_HASH,
    /**
     * The stored hash of an earlier system is cheaper than the migration floor: the user must reset
     * the password.
     */
    STORED_HASH_BELOW_FLOOR,
    /** The presented password is empty or too long. */
    UNUSABLE_PASSWORD,
    /** The throttle refused the attempt. */
    THROTTLED,
    /** The hashing budget was exhausted. */
    BUSY
  }

  private final UserCredentialsLookup users;
  private final PasswordHasher hasher;
  private final LoginThrottle throttle;
  private final SecurityEventListener events;
  private final Clock clock;

  private LoginService(Builder b) {
    this.users = b.users;
    this.hasher = b.hasher;
    this.throttle = b.throttle;
    this.events = b.events;
    this.clock = b.clock;
  }

  /**
   * Returns a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Text convenience for {@link #login(CharSequence, char[], RequestContext)}; a {@link String}
   * cannot be wiped.
   *
   * @param username the name as typed
   * @param password the password
   * @param request where the attempt comes from; {@code null} means {@link RequestContext#UNKNOWN}
   * @return the outcome
   * @throws NullPointerException if {@code password} is {@code null}
   */
  public LoginResult login(CharSequence username, CharSequence password, RequestContext request) {
    Objects.requireNonNull(password, "password");
    char[] chars = new char[password.length()];
    CharBuffer.wrap(password).get(chars);
    try {
      return login(username, chars, request);
    } finally {
      java.util.Arrays.fill(chars, '\0');
    }
  }

  /**
   * Attempts a login.
   *
   * @param username the name as typed (normalised here); {@code null} counts as an unknown user
   * @param password the password; not modified (wipe it yourself)
   * @param request where the attempt comes from; {@code null} means {@link RequestContext#UNKNOWN}
   * @return a {@link LoginResult.Success} or one of the generic failures
   * @throws NullPointerException if {@code password} is {@code null}
   */
  public LoginResult login(CharSequence username, char[] password, RequestContext request) {
    Objects.requireNonNull(password, "password");
    RequestContext ctx = request == null ? RequestContext.UNKNOWN : request;
    Optional<String> name = UsernameNormalizer.normalize(username);
    String account = name.orElse(null);
    String address = ctx.clientAddress();

    ThrottleDecision decision = throttle.check(address, account);
    if (!decision.allowed()) {
      emit(
          SecurityEventType.EXCESS_RATE_LIMIT_EXCEEDED,
          ctx,
          null,
          account,
          Cause.THROTTLED,
          decision);
      return new LoginResult.Failure(LoginResult.Reason.THROTTLED, decision.retryAfter());
    }

    Optional<UserCredentials> found =
        name.isPresent() ? users.findByUsername(account) : Optional.empty();
    PasswordVerification v;
    Cause cause;
    if (found.isPresent()) {
      v = hasher.verify(password, found.get().passwordHash());
      cause = causeOf(v);
      if (cause == Cause.UNUSABLE_STORED_HASH
          || cause == Cause.INSECURE_STORED_HASH
          || cause == Cause.STORED_HASH_BELOW_FLOOR) {
        // Nothing was computed: do the dummy work so this user costs the same as any other.
        PasswordVerification dummy = hasher.verifyDummy(password);
        if (dummy.status() == PasswordVerification.Status.BUSY) {
          cause = Cause.BUSY;
        }
      }
    } else {
      v = hasher.verifyDummy(password);
      cause = causeOf(v);
      if (cause == Cause.WRONG_PASSWORD) {
        cause = Cause.UNKNOWN_USER;
      }
    }

    if (cause == Cause.BUSY) {
      emit(SecurityEventType.AUTHN_LOGIN_FAIL, ctx, userIdOf(found), account, Cause.BUSY, null);
      return LoginResult.Failure.BUSY;
    }
    if (cause == null) {
      // Status is checked only after the hash, so disabled and locked accounts cost and answer like
      // a wrong password.
      UserCredentials u = found.orElseThrow();
      if (!u.enabled()) {
        cause = Cause.ACCOUNT_DISABLED;
      } else if (u.locked()) {
        cause = Cause.ACCOUNT_LOCKED;
      } else {
        return succeed(u, v, password, account, ctx);
      }
    }

    ThrottleDecision after = throttle.recordFailure(address, account);
    emit(SecurityEventType.AUTHN_LOGIN_FAIL, ctx, userIdOf(found), account, cause, null);
    if (!after.allowed()) {
      emit(SecurityEventType.AUTHN_LOGIN_FAIL_MAX, ctx, userIdOf(found), account, cause, after);
      if (after.refusedBy() == ThrottleKey.Kind.ACCOUNT) {
        emit(SecurityEventType.AUTHN_LOGIN_LOCK, ctx, userIdOf(found), account, cause, after);
      }
    }
    return LoginResult.Failure.INVALID_CREDENTIALS;
  }

  private LoginResult succeed(
      UserCredentials u,
      PasswordVerification v,
      char[] password,
      String account,
      RequestContext ctx) {
    String rehash = null;
    if (v.needsRehash()) {
      try {
        String fresh = hasher.hash(password);
        rehash =
            users.updatePasswordHash(u.userId(), u.passwordHash(), fresh)
                ? "upgraded"
                : "changed_concurrently";
      } catch (PasswordHashingException e) {
        rehash = "skipped_" + e.reason();
      } catch (RuntimeException e) {
        // The login itself is valid; the upgrade is retried at the next login.
        rehash = "failed";
      }
    }
    throttle.recordSuccess(ctx.clientAddress(), account);
    SecurityEvent.Builder event =
        SecurityEvent.builder(SecurityEventType.AUTHN_LOGIN_SUCCESS, clock.instant())
            .userId(u.userId())
            .request(ctx)
            .detail("username", account);
    if (rehash != null) {
      event.detail("rehash", rehash);
    }
    SecurityEventListener.deliver(events, event.build());
    return new LoginResult.Success(new AuthenticatedUser(u.userId(), u.roles()));
  }

  private static Cause causeOf(PasswordVerification v) {
    return switch (v.status()) {
      case MATCH -> null;
      case MISMATCH -> Cause.WRONG_PASSWORD;
      case PASSWORD_EMPTY, PASSWORD_TOO_LONG -> Cause.UNUSABLE_PASSWORD;
      case MALFORMED_HASH, UNSUPPORTED_SCHEME, PARAMETERS_EXCEED_LIMITS ->
          Cause.UNUSABLE_STORED_HASH;
      // Reported apart: the remedy is a password reset, not a repair of the row.
      case INSECURE_SCHEME -> Cause.INSECURE_STORED_HASH;
      case PARAMETERS_BELOW_FLOOR -> Cause.STORED_HASH_BELOW_FLOOR;
      case BUSY -> Cause.BUSY;
    };
  }

  private static String userIdOf(Optional<UserCredentials> found) {
    return found.map(UserCredentials::userId).orElse(null);
  }

  private void emit(
      SecurityEventType type,
      RequestContext ctx,
      String userId,
      String account,
      Cause cause,
      ThrottleDecision decision) {
    SecurityEvent.Builder b =
        SecurityEvent.builder(type, clock.instant()).userId(userId).request(ctx).reason(cause);
    if (account != null) {
      b.detail("username", account);
    }
    if (decision != null && !decision.allowed()) {
      b.detail("throttled_by", decision.refusedBy().name().toLowerCase(java.util.Locale.ROOT));
      b.detail("retry_after_s", Long.toString(decision.retryAfterSeconds()));
    }
    SecurityEventListener.deliver(events, b.build());
  }

  /**
   * Builds a {@link LoginService}. {@code users} is required; everything else has a safe default.
   */
  public static final class Builder {
    private UserCredentialsLookup users;
    private PasswordHasher hasher;
    private LoginThrottle throttle;
    private SecurityEventListener events = SecurityEventListener.none();
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Sets the user look-up (required).
     *
     * @param users the application's user store
     * @return this builder
     * @throws NullPointerException if {@code users} is {@code null}
     */
    public Builder users(UserCredentialsLookup users) {
      this.users = Objects.requireNonNull(users, "users");
      return this;
    }

    /**
     * Sets the password hasher; default {@code PasswordHasher.builder().build()}.
     *
     * @param hasher the hasher
     * @return this builder
     * @throws NullPointerException if {@code hasher} is {@code null}
     */
    public Builder hasher(PasswordHasher hasher) {
      this.hasher = Objects.requireNonNull(hasher, "hasher");
      return this;
    }

    /**
     * Sets the throttle; default {@code LoginThrottle.builder().clock(clock).build()} (in memory).
     *
     * @param throttle the throttle
     * @return this builder
     * @throws NullPointerException if {@code throttle} is {@code null}
     */
    public Builder throttle(LoginThrottle throttle) {
      this.throttle = Objects.requireNonNull(throttle, "throttle");
      return this;
    }

    /**
     * Sets the listener for security events; default none.
     *
     * @param events the listener
     * @return this builder
     * @throws NullPointerException if {@code events} is {@code null}
     */
    public Builder events(SecurityEventListener events) {
      this.events = Objects.requireNonNull(events, "events");
      return this;
    }

    /**
     * Sets the clock for event times (and the default throttle); default {@link Clock#systemUTC()}.
     *
     * @param clock the clock
     * @return this builder
     * @throws NullPointerException if {@code clock} is {@code null}
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the service.
     *
     * @return a thread-safe login service
     * @throws IllegalStateException if {@code users} was not set
     */
    public LoginService build() {
      if (users == null) {
        throw new IllegalStateException(
            "users is required: pass your UserCredentialsLookup to users(...)");
      }
      if (hasher == null) {
        hasher = PasswordHasher.builder().build();
      }
      if (throttle == null) {
        throttle = LoginThrottle.builder().clock(clock).build();
      }
      return new LoginService(this);
    }
  }
}
