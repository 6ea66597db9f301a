package dev.jwtsecurity.login;

import java.util.Objects;

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
 * <p>The stored hash is sensitive (it can be attacked offline): {@link #toString()} never shows it.
 *
 * @param userId the stable user id (becomes the access token's {@code sub}); not blank
 * @param passwordHash the stored password hash (an Argon2 PHC string, or a bcrypt hash being
 *     migrated); may be {@code null} or empty for an account without a password, which never
 *     verifies
 * @param enabled {@code false} for a disabled (deactivated) account
 * @param locked {@code true} for an account an administrator or a policy has locked
 */
public record UserCredentials(String userId, String passwordHash, boolean enabled, boolean locked) {

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
