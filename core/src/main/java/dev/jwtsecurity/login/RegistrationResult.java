package dev.jwtsecurity.login;

import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of {@link dev.jwtsecurity.JwtSecurity#register}: the normalised name, its skeleton
 * and the password hash to store, or why the registration was refused.
 *
 * <pre>{@code
 * switch (security.register(form.username(), form.password(), ctx)) {
 *   case RegistrationResult.Accepted a -> users.insert(a.username().value(), a.username().skeleton(), a.passwordHash());
 *   case RegistrationResult.Refused r when r.reason() == RegistrationResult.Reason.THROTTLED ->
 *       tooManyRequests(r.retryAfter());
 *   case RegistrationResult.Refused r when r.reason() == RegistrationResult.Reason.BUSY -> serviceUnavailable();
 *   case RegistrationResult.Refused r -> badRequest(r.message());   // a fixed text, safe to show
 * }
 * }</pre>
 */
public sealed interface RegistrationResult
    permits RegistrationResult.Accepted, RegistrationResult.Refused {

  /**
   * Returns whether the registration may go ahead.
   *
   * @return {@code true} for {@link Accepted}
   */
  boolean accepted();

  /** Why a registration was refused. */
  enum Reason {
    /** The username profile refused the name ({@link Refused#usernameProblem()} says why). */
    USERNAME_INVALID,
    /** A registered name has the same skeleton: the same name, or one that looks like it. */
    USERNAME_TAKEN,
    /**
     * Shorter than {@link dev.jwtsecurity.password.PasswordHasher#MIN_NEW_PASSWORD_CODE_POINTS}
     * code points.
     */
    PASSWORD_TOO_SHORT,
    /**
     * Longer than {@link dev.jwtsecurity.password.PasswordHasher#MAX_PASSWORD_CODE_POINTS} code
     * points.
     */
    PASSWORD_TOO_LONG,
    /** Too many registrations or password changes from this address, or it is locked out. */
    THROTTLED,
    /** The password-hashing budget was exhausted; try again shortly. */
    BUSY
  }

  /**
   * The registration may go ahead: store the name, its skeleton and the hash (a unique constraint
   * on the name and on the skeleton closes the race between two registrations).
   *
   * @param username the normalised name and its skeleton
   * @param passwordHash the Argon2id PHC string of the password
   */
  record Accepted(Username username, String passwordHash) implements RegistrationResult {

    /**
     * Validates the components.
     *
     * @throws NullPointerException if a component is {@code null}
     */
    public Accepted {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(passwordHash, "passwordHash");
    }

    @Override
    public boolean accepted() {
      return true;
    }

    /**
     * Returns the name; never the hash.
     *
     * @return a description safe to log
     */
    @Override
    public String toString() {
      return "Accepted[username=" + username + ", passwordHash=[redacted]]";
    }
  }

  /**
   * The registration was refused.
   *
   * @param reason why
   * @param usernameProblem the profile's reason for {@link Reason#USERNAME_INVALID} and {@link
   *     InvalidUsernameException.Reason#CONFUSABLE} for {@link Reason#USERNAME_TAKEN}; {@code null}
   *     otherwise
   * @param retryAfter how long to wait for {@link Reason#THROTTLED}; zero otherwise
   */
  record Refused(
      Reason reason, InvalidUsernameException.Reason usernameProblem, Duration retryAfter)
      implements RegistrationResult {

    /**
     * Validates the components.
     *
     * @throws NullPointerException if {@code reason} or {@code retryAfter} is {@code null}
     */
    public Refused {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(retryAfter, "retryAfter");
    }

    @Override
    public boolean accepted() {
      return false;
    }

    /**
     * Returns a fixed explanation, safe to show to the person registering and to log (never the
     * input).
     *
     * @return the explanation
     */
    public String message() {
      if (usernameProblem != null) {
        return usernameProblem.message();
      }
      return switch (reason) {
        case USERNAME_INVALID -> "the username is not allowed";
        case USERNAME_TAKEN -> InvalidUsernameException.Reason.CONFUSABLE.message();
        case PASSWORD_TOO_SHORT ->
            "the password must have at least "
                + dev.jwtsecurity.password.PasswordHasher.MIN_NEW_PASSWORD_CODE_POINTS
                + " characters";
        case PASSWORD_TOO_LONG ->
            "the password must have at most "
                + dev.jwtsecurity.password.PasswordHasher.MAX_PASSWORD_CODE_POINTS
                + " characters";
        case THROTTLED -> "too many attempts; try again later";
        case BUSY -> "the service is busy; try again shortly";
      };
    }

    /**
     * Returns {@link #retryAfter()} in whole seconds, rounded up: the {@code Retry-After} value.
     *
     * @return seconds to wait
     */
    public long retryAfterSeconds() {
      long s = retryAfter.toSeconds();
      return retryAfter.toNanosPart() > 0 ? s + 1 : s;
    }
  }
}
