package dev.jwtsecurity.access;

import java.util.Objects;
import java.util.Set;

/**
 * The user a request is authenticated as: an id and roles. Immutable; safe to pass to the service
 * layer.
 *
 * <pre>{@code
 * AuthenticatedUser user = new AuthenticatedUser("42", Set.of("user"));
 * if (user.hasRole("admin")) { ... }
 * }</pre>
 *
 * @param userId the user id (the access token's {@code sub})
 * @param roles the user's roles
 */
public record AuthenticatedUser(String userId, Set<String> roles) {

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
}
