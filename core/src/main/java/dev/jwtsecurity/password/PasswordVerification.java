package dev.jwtsecurity.password;

import java.util.Objects;

/**
 * The outcome of {@link PasswordHasher#verify}: a status, and whether the stored hash should be
 * upgraded.
 *
 * <pre>{@code
 * PasswordVerification v = hasher.verify(password, storedHash);
 * if (v.matches() && v.needsRehash()) { store(hasher.hash(password)); }
 * }</pre>
 *
 * <h2>Security considerations</h2>
 *
 * <p>The status is for logs and for the caller's control flow; a client must only ever learn
 * "invalid credentials".
 *
 * @param status what happened
 * @param needsRehash {@code true} only when the password matched and the stored hash is weaker than
 *     the current policy (or is bcrypt)
 */
public record PasswordVerification(Status status, boolean needsRehash) {

  /** What a verification found. */
  public enum Status {
    /** The password matches the stored hash. */
    MATCH,
    /** The password does not match. */
    MISMATCH,
    /** The password is empty. Nothing was computed. */
    PASSWORD_EMPTY,
    /** The password is longer than the {@value PasswordHasher#MAX_PASSWORD_CHARS} chars allowed. */
    PASSWORD_TOO_LONG,
    /**
     * The stored hash is not a well-formed Argon2 PHC string or bcrypt hash. Nothing was computed.
     */
    MALFORMED_HASH,
    /** The stored hash is in a format never accepted (plain text, MD5, SHA-*, unknown scheme). */
    UNSUPPORTED_SCHEME,
    /**
     * The stored hash's parameters exceed the configured {@link HashLimits}. Nothing was computed.
     */
    PARAMETERS_EXCEED_LIMITS,
    /** Too many hashes were running; the wait for memory budget timed out. Nothing was computed. */
    BUSY
  }

  /**
   * Validates the components.
   *
   * @throws NullPointerException if {@code status} is {@code null}
   * @throws IllegalArgumentException if {@code needsRehash} is set on anything but a match
   */
  public PasswordVerification {
    Objects.requireNonNull(status, "status");
    if (needsRehash && status != Status.MATCH) {
      throw new IllegalArgumentException("only a match can need a rehash");
    }
  }

  /**
   * Returns whether the password matched.
   *
   * @return {@code true} on {@link Status#MATCH}
   */
  public boolean matches() {
    return status == Status.MATCH;
  }

  static PasswordVerification of(Status status) {
    return new PasswordVerification(status, false);
  }
}
