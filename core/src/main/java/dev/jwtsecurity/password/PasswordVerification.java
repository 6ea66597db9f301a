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
 *     the current policy (or is of another scheme than Argon2id: bcrypt, PBKDF2, scrypt)
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
    /**
     * The password is longer than the {@value PasswordHasher#MAX_PASSWORD_CODE_POINTS} code points
     * allowed.
     */
    PASSWORD_TOO_LONG,
    /**
     * The stored hash is not well-formed in the format it claims (Argon2 PHC string, bcrypt, or a
     * {@link PasswordMigration} format). Nothing was computed.
     */
    MALFORMED_HASH,
    /** The stored hash is in a format this library does not know. Nothing was computed. */
    UNSUPPORTED_SCHEME,
    /**
     * The stored hash is a fast or unsalted digest (plain text, MD5, SHA-1, SHA-2, Spring's {@code
     * {noop}}, {@code {sha256}}, ...; see {@link PasswordMigration}): never verified, whatever the
     * configuration. Nothing was computed; the user must reset the password.
     */
    INSECURE_SCHEME,
    /**
     * The stored hash's parameters exceed the configured {@link HashLimits} (or the {@link
     * PasswordMigration} caps). Nothing was computed.
     */
    PARAMETERS_EXCEED_LIMITS,
    /**
     * The stored hash is of an earlier system's format and cheaper than the {@link
     * PasswordMigration} floor, so it may have been cracked already. Nothing was computed; the user
     * must reset the password (or the floor is lowered by name).
     */
    PARAMETERS_BELOW_FLOOR,
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
