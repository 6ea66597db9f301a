package dev.jwtsecurity.access;

import java.util.Objects;
import java.util.Set;

/**
 * The user a request is authenticated as: an id, roles and scopes. Immutable; safe to pass to the
 * service layer.
 *
 * <pre>{@code
 * AuthenticatedUser user = auth.user();
 * if (user.hasRole("admin")) { ... }
 * if (user.hasScope("todo:write")) { ... }
 * }</pre>
 *
 * <p>Roles and scopes are the ones the access token carries, chosen by the application's claims
 * function when the token was issued; the servlet principal, {@code isUserInRole} and {@link
 * AccessGuard} all read them from here.
 *
 * @param userId the user id (the access token's {@code sub})
 * @param roles the user's roles
 * @param scopes the user's OAuth scopes
 */
public record AuthenticatedUser(String userId, Set<String> roles, Set<String> scopes) {

  /**
   * Validates and copies the components.
   *
   * @throws NullPointerException if a component is {@code null}
   * @throws IllegalArgumentException if {@code userId} is blank
   */
  public AuthenticatedUser {
    Objects.requireNonNull(userId, "userId");
    if (userId.isBlank()) {
      throw new IllegalArgumentException("userId must not be blank");
    }
    roles = Set.copyOf(roles);
    scopes = Set.copyOf(scopes);
  }

  /**
   * Returns whether the user has {@code role}.
   *
   * @param role a role name
   * @return {@code true} if the user has it
   */
  public boolean hasRole(String role) {
    return roles.contains(role);
  }

  /**
   * Returns whether the user's token carries {@code scope}.
   *
   * @param scope a scope name
   * @return {@code true} if it does
   */
  public boolean hasScope(String scope) {
    return scopes.contains(scope);
  }
}
