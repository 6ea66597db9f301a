package dev.jwtsecurity;

import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventListener;
import dev.jwtsecurity.audit.SecurityEventType;
import dev.jwtsecurity.login.InvalidUsernameException;
import dev.jwtsecurity.login.PasswordChangeResult;
import dev.jwtsecurity.login.RegistrationResult;
import dev.jwtsecurity.login.UserCredentialsLookup;
import dev.jwtsecurity.login.Username;
import dev.jwtsecurity.login.UsernameRegistry;
import dev.jwtsecurity.password.PasswordHasher;
import dev.jwtsecurity.password.PasswordHashingException;
import dev.jwtsecurity.password.PasswordVerification;
import dev.jwtsecurity.throttle.LoginThrottle;
import dev.jwtsecurity.throttle.ThrottleKey;
import dev.jwtsecurity.throttle.ThrottlePolicy;
import dev.jwtsecurity.throttle.ThrottleState;
import dev.jwtsecurity.throttle.ThrottleStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Registration and password change behind {@link JwtSecurity#register} and {@link
 * JwtSecurity#changePassword}: each attempt costs a password hash, so each is throttled.
 *
 * <ul>
 *   <li><b>Per address group</b>, every attempt counts against one budget shared by registrations
 *       and password changes (default {@link #DEFAULT_ADDRESS_POLICY}), whatever its outcome: a
 *       refused name or a taken one also answers a question an enumerating client asks. An address
 *       locked out of login is refused here too, so a locked-out client cannot keep the hasher busy
 *       through another door.
 *   <li><b>Per user</b>, wrong current passwords in a password change count like failed logins
 *       ({@link ThrottlePolicy#ACCOUNT_DEFAULT}), and also against the address's login budget.
 *   <li>Cheap checks (the username profile, password lengths) come before the registry look-up and
 *       the hash.
 * </ul>
 */
final class AccountChangeService {

  /** 20 attempts per hour per address group, then 15 minutes doubling up to one hour. */
  static final ThrottlePolicy DEFAULT_ADDRESS_POLICY =
      new ThrottlePolicy(20, Duration.ofHours(1), Duration.ofMinutes(15), Duration.ofHours(1));

  /** The reason of the security events; never told to the client. */
  enum Cause {
    /** Registration refused by the throttle. */
    REGISTRATION_THROTTLED,
    /** Password change refused by the throttle. */
    PASSWORD_CHANGE_THROTTLED,
    /** A new name looks like a registered one. */
    USERNAME_CONFUSABLE,
    /** The current password given to a password change is wrong. */
    WRONG_PASSWORD,
    /** The new password is too short. */
    PASSWORD_TOO_SHORT,
    /** The new password is too long. */
    PASSWORD_TOO_LONG,
    /** The stored hash changed meanwhile. */
    CHANGED_CONCURRENTLY,
    /** The hashing budget was exhausted. */
    BUSY
  }

  private final PasswordHasher hasher;
  private final ThrottleStore store;
  private final LoginThrottle loginThrottle;
  private final ThrottlePolicy addressPolicy;
  private final ThrottlePolicy accountPolicy;
  private final UsernameRegistry registry;
  private final UserCredentialsLookup users;
  private final SecurityEventListener events;
  private final Clock clock;

  AccountChangeService(
      PasswordHasher hasher,
      ThrottleStore store,
      LoginThrottle loginThrottle,
      ThrottlePolicy addressPolicy,
      ThrottlePolicy accountPolicy,
      UsernameRegistry registry,
      UserCredentialsLookup users,
      SecurityEventListener events,
      Clock clock) {
    this.hasher = Objects.requireNonNull(hasher, "hasher");
    this.store = Objects.requireNonNull(store, "store");
    this.loginThrottle = Objects.requireNonNull(loginThrottle, "loginThrottle");
    this.addressPolicy = Objects.requireNonNull(addressPolicy, "addressPolicy");
    this.accountPolicy = Objects.requireNonNull(accountPolicy, "accountPolicy");
    this.registry = registry;
    this.users = users;
    this.events = Objects.requireNonNull(events, "events");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  RegistrationResult register(CharSequence rawUsername, CharSequence password, RequestContext ctx) {
    if (registry == null) {
      throw new IllegalStateException(
          "register() needs the registered names' skeletons: configure"
              + " JwtSecurity.builder(settings).usernameRegistry(skeleton -> ...)");
    }
    String address = ctx.clientAddress();
    Duration wait = admit(address, null);
    if (!wait.isZero()) {
      emit(SecurityEventType.EXCESS_RATE_LIMIT_EXCEEDED, ctx, null, Cause.REGISTRATION_THROTTLED)
          .detail("retry_after_s", Long.toString(seconds(wait)))
          .send();
      return new RegistrationResult.Refused(RegistrationResult.Reason.THROTTLED, null, wait);
    }
    Username username;
    try {
      username = Username.of(rawUsername == null ? "" : rawUsername);
    } catch (InvalidUsernameException e) {
      return refused(RegistrationResult.Reason.USERNAME_INVALID, e.reason());
    }
    int length = PasswordHasher.length(password);
    if (length < PasswordHasher.MIN_NEW_PASSWORD_CODE_POINTS) {
      return refused(RegistrationResult.Reason.PASSWORD_TOO_SHORT, null);
    }
    if (length > PasswordHasher.MAX_PASSWORD_CODE_POINTS) {
      return refused(RegistrationResult.Reason.PASSWORD_TOO_LONG, null);
    }
    if (registry.isSkeletonTaken(username.skeleton())) {
      emit(SecurityEventType.INPUT_VALIDATION_FAIL, ctx, null, Cause.USERNAME_CONFUSABLE)
          .detail("username", username.value())
          .send();
      return refused(
          RegistrationResult.Reason.USERNAME_TAKEN, InvalidUsernameException.Reason.CONFUSABLE);
    }
    try {
      return new RegistrationResult.Accepted(username, hasher.hash(password));
    } catch (PasswordHashingException e) {
      // Empty and too long were refused above: only the budget is left.
      return refused(RegistrationResult.Reason.BUSY, null);
    }
  }

  PasswordChangeResult changePassword(
      String userId,
      String storedHash,
      CharSequence current,
      CharSequence next,
      RequestContext ctx) {
    if (users == null) {
      throw new IllegalStateException(
          "changePassword() stores the new hash through your user table: configure"
              + " JwtSecurity.builder(settings).users(lookup)");
    }
    String address = ctx.clientAddress();
    ThrottleKey account = accountKey(userId);
    Duration wait = admit(address, account);
    if (!wait.isZero()) {
      emit(
              SecurityEventType.EXCESS_RATE_LIMIT_EXCEEDED,
              ctx,
              userId,
              Cause.PASSWORD_CHANGE_THROTTLED)
          .detail("retry_after_s", Long.toString(seconds(wait)))
          .send();
      return new PasswordChangeResult.Refused(PasswordChangeResult.Reason.THROTTLED, wait);
    }
    int length = PasswordHasher.length(next);
    if (length < PasswordHasher.MIN_NEW_PASSWORD_CODE_POINTS) {
      return changeRefused(ctx, userId, PasswordChangeResult.Reason.PASSWORD_TOO_SHORT);
    }
    if (length > PasswordHasher.MAX_PASSWORD_CODE_POINTS) {
      return changeRefused(ctx, userId, PasswordChangeResult.Reason.PASSWORD_TOO_LONG);
    }
    PasswordVerification v = hasher.verify(current, storedHash);
    if (v.status() == PasswordVerification.Status.BUSY) {
      return changeRefused(ctx, userId, PasswordChangeResult.Reason.BUSY);
    }
    if (!v.matches()) {
      store.recordFailure(account, accountPolicy, clock.instant());
      loginThrottle.recordFailure(address, null);
      return changeRefused(ctx, userId, PasswordChangeResult.Reason.WRONG_PASSWORD);
    }
    String fresh;
    try {
      fresh = hasher.hash(next);
    } catch (PasswordHashingException e) {
      return changeRefused(ctx, userId, PasswordChangeResult.Reason.BUSY);
    }
    if (!users.updatePasswordHash(userId, storedHash, fresh)) {
      return changeRefused(ctx, userId, PasswordChangeResult.Reason.CHANGED_CONCURRENTLY);
    }
    store.reset(account);
    emit(SecurityEventType.AUTHN_PASSWORD_CHANGE, ctx, userId, null).send();
    return new PasswordChangeResult.Changed();
  }

  /**
   * Refuses when the address is locked out of login or has spent its budget, or the account is
   * locked; otherwise counts this attempt and lets it through (the attempt that spends the budget
   * still runs).
   */
  private Duration admit(String address, ThrottleKey account) {
    Instant now = clock.instant();
    ThrottleKey key = addressKey(address);
    Duration wait = loginThrottle.check(address, null).retryAfter();
    wait = max(wait, retryAfter(key, now));
    if (account != null) {
      wait = max(wait, retryAfter(account, now));
    }
    if (wait.isZero()) {
      store.recordFailure(key, addressPolicy, now);
    }
    return wait;
  }

  private Duration retryAfter(ThrottleKey key, Instant now) {
    Optional<ThrottleState> s = store.get(key, now);
    return s.isPresent() ? s.get().retryAfter(now) : Duration.ZERO;
  }

  /** Registrations and password changes of one address group: never the login budget's key. */
  static ThrottleKey addressKey(String address) {
    return new ThrottleKey(
        ThrottleKey.Kind.ADDRESS, "acctops:" + ThrottleKey.forAddress(address).id());
  }

  /** Wrong current passwords of one user: a name a login key ({@code acct:...}) never has. */
  static ThrottleKey accountKey(String userId) {
    String id = "pwchange:" + userId;
    if (id.length() > ThrottleKey.MAX_ID_LENGTH) {
      id = "pwchange#" + sha256(userId);
    }
    return new ThrottleKey(ThrottleKey.Kind.ACCOUNT, id);
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static long seconds(Duration d) {
    return d.toSeconds() + (d.toNanosPart() > 0 ? 1 : 0);
  }

  private static RegistrationResult refused(
      RegistrationResult.Reason reason, InvalidUsernameException.Reason problem) {
    return new RegistrationResult.Refused(reason, problem, Duration.ZERO);
  }

  private PasswordChangeResult changeRefused(
      RequestContext ctx, String userId, PasswordChangeResult.Reason reason) {
    emit(SecurityEventType.AUTHN_PASSWORD_CHANGE_FAIL, ctx, userId, Cause.valueOf(reason.name()))
        .send();
    return new PasswordChangeResult.Refused(reason, Duration.ZERO);
  }

  private Event emit(SecurityEventType type, RequestContext ctx, String userId, Cause cause) {
    return new Event(
        SecurityEvent.builder(type, clock.instant()).userId(userId).request(ctx).reason(cause));
  }

  /** A security event being built, delivered by {@link #send}. */
  private final class Event {
    private final SecurityEvent.Builder builder;

    Event(SecurityEvent.Builder builder) {
      this.builder = builder;
    }

    Event detail(String key, String value) {
      builder.detail(key, value);
      return this;
    }

    void send() {
      SecurityEventListener.deliver(events, builder.build());
    }
  }
}
