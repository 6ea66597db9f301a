package dev.jwtsecurity.login;

import java.util.Objects;
import java.util.Optional;

/**
 * The login path's view of the user store: find a user by login name, and store an upgraded
 * password hash. The application implements it over its own user table and gives it to {@link
 * dev.jwtsecurity.JwtSecurity.Builder#users}.
 *
 * <pre>{@code
 * UserCredentialsLookup users = new UserCredentialsLookup() {
 *   public Optional<UserCredentials> findByUsername(String username) {
 *     return jdbc.query("SELECT id, password_hash, enabled, locked FROM users WHERE username = ?", username) ...;
 *   }
 *   public boolean updatePasswordHash(String userId, String expectedCurrentHash, String newHash) {
 *     return jdbc.update("UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?",
 *         newHash, userId, expectedCurrentHash) == 1;
 *   }
 * };
 * // at registration, JwtSecurity.register(...) gives the name the way the login path looks it up
 * }</pre>
 *
 * <h2>Security considerations</h2>
 *
 * <ul>
 *   <li>The name passed to {@link #findByUsername} is already normalised by {@link
 *       #normalizeUsername}; store names normalised the same way at registration, and match exactly
 *       (no {@code LIKE}, no case-insensitive collation surprises that could make two accounts
 *       match). Otherwise {@code Alice} and {@code alice} are two accounts, or two throttling
 *       budgets for one account.
 *   <li>Return empty for an unknown user, never throw: the login path then runs a dummy
 *       verification so that an unknown user and a wrong password cost the same. Throw only when
 *       the store is unreachable (the login fails closed).
 *   <li>{@link #updatePasswordHash} is a compare-and-set: if the user changed the password between
 *       the verification and the rehash, the upgrade must not overwrite the new password with a
 *       rehash of the old one.
 * </ul>
 */
public interface UserCredentialsLookup {

  /** The longest login name accepted, in Unicode code points, after normalisation. */
  int MAX_USERNAME_LENGTH = Username.MAX_CODE_POINTS;

  /**
   * Finds a user by normalised login name.
   *
   * @param normalisedUsername the normalised name, at most {@value #MAX_USERNAME_LENGTH} characters
   * @return the user, or empty when there is none
   */
  Optional<UserCredentials> findByUsername(String normalisedUsername);

  /**
   * Replaces the stored hash of {@code userId} with {@code newHash}, but only if it is still {@code
   * expectedCurrentHash}. Called after a successful login whose stored hash is weaker than the
   * current policy (and for every bcrypt hash being migrated).
   *
   * @param userId the user id from {@link UserCredentials#userId()}
   * @param expectedCurrentHash the hash that was just verified
   * @param newHash the new Argon2id PHC string
   * @return {@code true} if the hash was replaced, {@code false} if the stored hash had changed
   *     meanwhile
   */
  boolean updatePasswordHash(String userId, String expectedCurrentHash, String newHash);

  /**
   * Normalises a login name the one way the login path does before it looks a user up, throttles or
   * logs: the PRECIS {@code UsernameCaseMapped} profile of RFC 8265 ({@link Username}: surrounding
   * white space removed, full-width forms mapped, lower case (locale-independent), NFC, and only
   * the characters the profile allows).
   *
   * <pre>{@code
   * UserCredentialsLookup.normalizeUsername("  Alice@Example.COM ");   // Optional[alice@example.com]
   * UserCredentialsLookup.normalizeUsername("Ame\u0301lie");           // Optional[amélie] (one code point é)
   * UserCredentialsLookup.normalizeUsername("");                       // Optional.empty
   * }</pre>
   *
   * <p>Names the profile refuses (empty, longer than {@value #MAX_USERNAME_LENGTH} code points,
   * with spaces, ligatures, invisible or control characters, ...; {@link Username#of} says why) are
   * invalid: the login path treats them as an unknown user (same cost, same answer), never as an
   * error.
   *
   * @param raw the name as typed, or {@code null}
   * @return the normalised name, or empty when it is invalid
   */
  static Optional<String> normalizeUsername(CharSequence raw) {
    return Username.parse(raw).map(Username::value);
  }

  /**
   * What the login path needs to know about one user: returned by {@link UserCredentialsLookup}.
   *
   * <pre>{@code
   * new UserCredentials("42", row.getString("password_hash"), row.getBoolean("enabled"), row.getBoolean("locked"));
   * }</pre>
   *
   * <p>Roles and scopes are not credentials: the access token gets them from the claims function
   * given to {@link dev.jwtsecurity.JwtSecurity.Builder#claims}, at login and at every refresh.
   *
   * <h2>Security considerations</h2>
   *
   * <p>The stored hash is sensitive (it can be attacked offline): {@link #toString()} never shows
   * it.
   *
   * @param userId the stable user id (becomes the access token's {@code sub}); not blank
   * @param passwordHash the stored password hash (an Argon2 PHC string, or a bcrypt hash being
   *     migrated); may be {@code null} or empty for an account without a password, which never
   *     verifies
   * @param enabled {@code false} for a disabled (deactivated) account
   * @param locked {@code true} for an account an administrator or a policy has locked
   */
  public record UserCredentials(
      String userId, String passwordHash, boolean enabled, boolean locked) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException if {@code userId} is {@code null}
     * @throws IllegalArgumentException if {@code userId} is blank
     */
    public UserCredentials {
      Objects.requireNonNull(userId, "userId");
      if (userId.isBlank()) {
        throw new IllegalArgumentException("userId must not be blank");
      }
    }

    /**
     * Returns the user id and flags; never the hash.
     *
     * @return a description safe to log
     */
    @Override
    public String toString() {
      return "UserCredentials[userId="
          + userId
          + ", passwordHash=[redacted], enabled="
          + enabled
          + ", locked="
          + locked
          + "]";
    }
  }
}
