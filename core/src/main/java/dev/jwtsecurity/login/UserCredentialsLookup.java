package dev.jwtsecurity.login;

import java.util.Optional;

/**
 * The login path's view of the user store: find a user by login name, and store an upgraded
 * password hash. The application implements it over its own user table (the {@code
 * jwt-security-jdbc} module ships a SQL one).
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
 * }</pre>
 *
 * <h2>Security considerations</h2>
 *
 * <ul>
 *   <li>The name passed to {@link #findByUsername} is already normalised by the login path ({@link
 *       UsernameNormalizer}); store names normalised the same way, and match exactly (no {@code
 *       LIKE}, no case-insensitive collation surprises that could make two accounts match).
 *   <li>Return empty for an unknown user, never throw: the login path then runs a dummy
 *       verification so that an unknown user and a wrong password cost the same. Throw only when
 *       the store is unreachable (the login fails closed).
 *   <li>{@link #updatePasswordHash} is a compare-and-set: if the user changed the password between
 *       the verification and the rehash, the upgrade must not overwrite the new password with a
 *       rehash of the old one.
 * </ul>
 */
public interface UserCredentialsLookup {

  /**
   * Finds a user by normalised login name.
   *
   * @param normalisedUsername the normalised name, at most {@link UsernameNormalizer#MAX_LENGTH}
   *     characters
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
}
