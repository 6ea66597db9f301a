package dev.jwtsecurity.password;

import java.util.Objects;

/**
 * A password could not be hashed: it is empty or too long, or too many hashes were running. The
 * message names the reason only, never the password.
 *
 * <pre>{@code
 * try {
 *   String phc = hasher.hash(password);
 * } catch (PasswordHashingException e) {
 *   if (e.reason() == PasswordHashingException.Reason.TOO_LONG) { ... }
 * }
 * }</pre>
 */
public final class PasswordHashingException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why a password was not hashed. */
  public enum Reason {
    /** The password is empty. */
    EMPTY,
    /** The password is longer than {@link PasswordHasher#MAX_PASSWORD_CODE_POINTS} code points. */
    TOO_LONG,
    /** The memory budget stayed exhausted for the whole wait. */
    BUSY
  }

  private final Reason reason;

  PasswordHashingException(Reason reason) {
    super("password not hashed: " + reason);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /**
   * Returns why the password was not hashed.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }
}
