package dev.jwtsecurity.login;

import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of {@link dev.jwtsecurity.JwtSecurity#changePassword}.
 *
 * <pre>{@code
 * PasswordChangeResult r = security.changePassword(auth, storedHash, current, next, ctx);
 * if (r instanceof PasswordChangeResult.Refused f) {
 *   switch (f.reason()) {
 *     case THROTTLED -> tooManyRequests(f.retryAfter());
 *     case BUSY -> serviceUnavailable();
 *     default -> badRequest(f.reason());    // WRONG_PASSWORD, PASSWORD_TOO_SHORT, ...
 *   }
 * }
 * }</pre>
 */
public sealed interface PasswordChangeResult
    permits PasswordChangeResult.Changed, PasswordChangeResult.Refused {

  /**
   * Returns whether the new password was stored.
   *
   * @return {@code true} for {@link Changed}
   */
  boolean changed();

  /** Why a password change was refused. */
  enum Reason {
    /** The current password is wrong (counted by the login throttle like a failed login). */
    WRONG_PASSWORD,
    /** The new password is too short. */
    PASSWORD_TOO_SHORT,
    /** The new password is too long. */
    PASSWORD_TOO_LONG,
    /**
     * The stored hash changed between the caller's read and the update (another change won): read
     * it again.
     */
    CHANGED_CONCURRENTLY,
    /** Too many registrations or password changes from this address or for this user. */
    THROTTLED,
    /** The password-hashing budget was exhausted; try again shortly. */
    BUSY
  }

  /** The new hash was stored through {@link UserCredentialsLookup#updatePasswordHash}. */
  record Changed() implements PasswordChangeResult {
    @Override
    public boolean changed() {
      return true;
    }
  }

  /**
   * The change was refused; nothing was stored.
   *
   * @param reason why
   * @param retryAfter how long to wait for {@link Reason#THROTTLED}; zero otherwise
   */
  record Refused(Reason reason, Duration retryAfter) implements PasswordChangeResult {

    /**
     * Validates the components.
     *
     * @throws NullPointerException if a component is {@code null}
     */
    public Refused {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(retryAfter, "retryAfter");
    }

    @Override
    public boolean changed() {
      return false;
    }
  }
}
