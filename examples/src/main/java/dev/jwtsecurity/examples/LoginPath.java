package dev.jwtsecurity.examples;

import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventListener;
import dev.jwtsecurity.audit.SecurityEventType;
import dev.jwtsecurity.audit.Severity;
import dev.jwtsecurity.login.UserCredentials;
import dev.jwtsecurity.login.UserCredentialsLookup;
import dev.jwtsecurity.login.UsernameNormalizer;
import dev.jwtsecurity.password.PasswordHasher;
import dev.jwtsecurity.password.PasswordHashingException;
import dev.jwtsecurity.password.PasswordVerification;
import dev.jwtsecurity.throttle.LoginThrottle;
import dev.jwtsecurity.throttle.ThrottleDecision;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The demo's one login path: throttle, look up, verify (or a dummy verification for an unknown user), record,
 * events. Every failure has one outcome ({@link Outcome.Failed}) whatever its cause, and an unknown user costs one
 * Argon2 computation like a wrong password.
 *
 * <p>This is the only class of the demo that composes the login pieces ({@link LoginThrottle}, {@link PasswordHasher},
 * {@link UserCredentialsLookup}); when core's {@code dev.jwtsecurity.login} service lands it replaces the body of
 * {@link #login} and nothing else in the demo changes.
 */
final class LoginPath {

  /** What a login attempt came to. */
  sealed interface Outcome {
    /** The password matched an enabled user. */
    record Success(String userId) implements Outcome {}

    /** Unknown user, wrong password, disabled account or bad input: one answer for all. */
    record Failed() implements Outcome {}

    /** Too many failures for this account or address. */
    record Throttled(Duration retryAfter) implements Outcome {}

    /** The hasher's memory budget is exhausted (many concurrent logins); try again shortly. */
    record Busy() implements Outcome {}
  }

  /** Why a login failed: for the security log only, never for the client. */
  enum FailureReason {
    UNKNOWN_USER,
    BAD_PASSWORD,
    ACCOUNT_DISABLED,
    INVALID_INPUT
  }

  private final UserCredentialsLookup users;
  private final PasswordHasher hasher;
  private final LoginThrottle throttle;
  private final SecurityEventListener events;
  private final Clock clock;

  LoginPath(
      UserCredentialsLookup users,
      PasswordHasher hasher,
      LoginThrottle throttle,
      SecurityEventListener events,
      Clock clock) {
    this.users = users;
    this.hasher = hasher;
    this.throttle = throttle;
    this.events = events;
    this.clock = clock;
  }

  Outcome login(String rawUsername, String password, RequestContext request) {
    Optional<String> name = UsernameNormalizer.normalize(rawUsername);
    String account = name.orElse(null);
    String address = request.clientAddress();
    ThrottleDecision before = throttle.check(address, account);
    if (!before.allowed()) {
      event(SecurityEventType.EXCESS_RATE_LIMIT_EXCEEDED, Severity.WARN, account, request, before.refusedBy());
      return new Outcome.Throttled(before.retryAfter());
    }
    Optional<UserCredentials> user = name.isPresent() ? users.findByUsername(account) : Optional.empty();
    PasswordVerification v =
        user.isPresent() && user.get().passwordHash() != null
            ? hasher.verify(password, user.get().passwordHash())
            : hasher.verifyDummy(password); // same cost as a wrong password: no user enumeration by timing
    if (v.status() == PasswordVerification.Status.BUSY) {
      return new Outcome.Busy();
    }
    FailureReason reason;
    if (name.isEmpty()) {
      reason = FailureReason.INVALID_INPUT;
    } else if (user.isEmpty()) {
      reason = FailureReason.UNKNOWN_USER;
    } else if (!v.matches()) {
      reason = FailureReason.BAD_PASSWORD;
    } else if (!user.get().enabled() || user.get().locked()) {
      reason = FailureReason.ACCOUNT_DISABLED;
    } else {
      String userId = user.get().userId();
      throttle.recordSuccess(address, account);
      if (v.needsRehash()) {
        rehash(userId, password, user.get().passwordHash());
      }
      SecurityEventListener.deliver(
          events,
          SecurityEvent.builder(SecurityEventType.AUTHN_LOGIN_SUCCESS, clock.instant())
              .userId(userId)
              .request(request)
              .build());
      return new Outcome.Success(userId);
    }
    ThrottleDecision after = throttle.recordFailure(address, account);
    SecurityEventListener.deliver(
        events,
        SecurityEvent.builder(SecurityEventType.AUTHN_LOGIN_FAIL, clock.instant())
            .severity(Severity.WARN)
            .userId(user.map(UserCredentials::userId).orElse(account))
            .request(request)
            .reason(reason)
            .build());
    if (!after.allowed()) {
      event(SecurityEventType.AUTHN_LOGIN_LOCK, Severity.WARN, account, request, after.refusedBy());
    }
    return new Outcome.Failed();
  }

  private void rehash(String userId, String password, String oldHash) {
    try {
      users.updatePasswordHash(userId, oldHash, hasher.hash(password));
    } catch (PasswordHashingException e) {
      // The login succeeded; the upgrade is retried at the next one.
    }
  }

  private void event(
      SecurityEventType type, Severity severity, String account, RequestContext request, Enum<?> reason) {
    SecurityEvent.Builder b = SecurityEvent.builder(type, clock.instant()).severity(severity).request(request);
    if (account != null) {
      b.userId(account);
    }
    if (reason != null) {
      b.reason(reason);
    }
    SecurityEventListener.deliver(events, b.build());
  }
}
