package dev.jwtsecurity.servlet;

import dev.jwtsecurity.access.AuthenticatedUser;
import java.security.Principal;
import java.util.Objects;
import java.util.Set;

/**
 * The {@link Principal} of a request authenticated by {@link JwtAuthenticationFilter}: the user id
 * (the token's {@code sub}) and roles.
 *
 * <pre>{@code
 * if (request.getUserPrincipal() instanceof JwtPrincipal p) {
 *   String userId = p.getName();
 *   Set<String> roles = p.roles();
 * }
 * }</pre>
 *
 * @param user the authenticated user
 */
public record JwtPrincipal(AuthenticatedUser user) implements Principal {

  /**
   * Checks the component.
   *
   * @throws NullPointerException if {@code user} is {@code null}
   */
  public JwtPrincipal {
    Objects.requireNonNull(user, "user");
  }

  /**
   * Returns the user id.
   *
   * @return the token's {@code sub}
   */
  @Override
  public String getName() {
    return user.userId();
  }

  /**
   * Returns the user's roles.
   *
   * @return an immutable set
   */
  public Set<String> roles() {
    return user.roles();
  }
}
