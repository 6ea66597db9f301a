package dev.jwtsecurity;

import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventListener;
import dev.jwtsecurity.audit.SecurityEventType;
import dev.jwtsecurity.login.LoginResult;
import dev.jwtsecurity.login.UserCredentialsLookup;
import dev.jwtsecurity.login.UserCredentialsLookup.UserCredentials;
import dev.jwtsecurity.password.PasswordHasher;
import dev.jwtsecurity.password.PasswordHashingException;
import dev.jwtsecurity.password.PasswordVerification;
import dev.jwtsecurity.throttle.LoginThrottle;
import dev.jwtsecurity.throttle.LoginThrottle.ThrottleDecision;
import dev.jwtsecurity.throttle.ThrottleKey;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The one uniform password check behind {@link JwtSecurity#login}: throttle check, user look-up,
 * password verification (or a dummy verification for an unknown user), status check, rehash on
 * success when needed, throttle update, and a security event for every attempt.
 *
 * <ul>
 *   <li><b>No user enumeration.</b> Unknown users, wrong passwords, disabled and locked accounts
 *       give the same failure after exactly one password-hash computation each: an unknown user (or
 *       a stored hash that cannot be used) gets {@link PasswordHasher#verifyDummy}, and the account
 *       status is checked only <em>after</em> the hash (OWASP Authentication Cheat Sheet).
 *   <li><b>Throttling.</b> A refused attempt returns {@code THROTTLED} without looking up or
 *       hashing. Failures count against the address group and the account; a success resets the
 *       account only. A {@code BUSY} attempt verified nothing and counts as no failure.
 *   <li><b>Rehash.</b> A successful login whose stored hash is weaker than the policy (or of an
 *       earlier system's scheme: bcrypt, PBKDF2, scrypt) stores a new Argon2id hash through the
 *       look-up's compare-and-set; a failed rehash never fails the login.
 *   <li>An exception from the look-up propagates: the login fails closed.
 * </ul>
 */
final class LoginService {

  /**
   * The detailed cause of a failed attempt: the reason of the security event, never told to the
   * client.
   */
  enum Cause {
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

  /** A verified user, or the failure to answer with. */
  record Outcome(String userId, LoginResult.Failure failure) {
    static Outcome verified(String userId) {
      return new Outcome(userId, null);
    }

    static Outcome failed(LoginResult.Failure failure) {
      return new Outcome(null, failure);
    }
  }

  private final UserCredentialsLookup users;
  private final PasswordHasher hasher;
  private final LoginThrottle throttle;
  private final SecurityEventListener events;
  private final Clock clock;

  LoginService(
      UserCredentialsLookup users,
      PasswordHasher hasher,
      LoginThrottle throttle,
      SecurityEventListener events,
      Clock clock) {
    this.users = Objects.requireNonNull(users, "users");
    this.hasher = Objects.requireNonNull(hasher, "hasher");
    this.throttle = Objects.requireNonNull(throttle, "throttle");
    this.events = Objects.requireNonNull(events, "events");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Checks a password.
   *
   * @param username the name as typed (normalised here); {@code null} counts as an unknown user
   * @param password the password; never kept
   * @param ctx where the attempt comes from
   */
  Outcome verify(CharSequence username, CharSequence password, RequestContext ctx) {
    Objects.requireNonNull(password, "password");
    Optional<String> name = UserCredentialsLookup.normalizeUsername(username);
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
      return Outcome.failed(
          new LoginResult.Failure(LoginResult.Reason.THROTTLED, decision.retryAfter()));
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
      return Outcome.failed(LoginResult.Failure.BUSY);
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
        succeed(u, v, password, account, ctx);
        return Outcome.verified(u.userId());
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
    return Outcome.failed(LoginResult.Failure.INVALID_CREDENTIALS);
  }

  private void succeed(
      UserCredentials u,
      PasswordVerification v,
      CharSequence password,
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
      b.detail("throttled_by", decision.refusedBy().name().toLowerCase(Locale.ROOT));
      b.detail("retry_after_s", Long.toString(decision.retryAfterSeconds()));
    }
    SecurityEventListener.deliver(events, b.build());
  }
}
