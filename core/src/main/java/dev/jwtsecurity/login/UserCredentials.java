package dev.jwtsecurity.login;

import java.util.Objects;
import java.util.Set;

/**
 * What the login path needs to know about one user: returned by {@link UserCredentialsLookup}.
 *
 * <pre>{@code
 * new UserCredentials("42", row.getString("password_hash"), row.getBoolean("enabled"), row.getBoolean("locked"),
 *     Set.of("user"));
 * }</pre>
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
 * @param roles the user's roles
 */
public record UserCredentials(
    String userId, String passwordHash, boolean enabled, boolean locked, Set<String> roles) {

  /**
   * Validates and copies the components.
   *
   * @throws NullPointerException if {@code userId} or {@code roles} is {@code null}
   * @throws IllegalArgumentException if {@code userId} is blank
   */
  public UserCredentials {
    Objects.requireNonNull(userId, "userId");
    if (userId.isBlank()) {
      throw new IllegalArgumentException("userId must not be blank");
    }
    roles = Set.copyOf(roles);
  }

  /**
   * Returns the user id, flags and roles; never the hash.
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
        + ", roles="
        + roles
        + "]";
  }
}
