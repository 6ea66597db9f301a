package dev.jwtsecurity.access;

import dev.jwtsecurity.token.VerifiedAccessToken;
import java.util.Objects;

/**
 * The outcome of a successful authentication: who the caller is, and the verified token that proved
 * it.
 *
 * <pre>{@code
 * Authentication auth = authenticator.authenticate(bearer, ctx);
 * String userId = auth.user().userId();
 * Instant expires = auth.token().expiresAt();
 * }</pre>
 *
 * @param user the authenticated user
 * @param token the verified access token
 */
public record Authentication(AuthenticatedUser user, VerifiedAccessToken token) {

  /**
   * Checks the components.
   *
   * @throws NullPointerException if a component is {@code null}
   */
  public Authentication {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(token, "token");
  }
}
