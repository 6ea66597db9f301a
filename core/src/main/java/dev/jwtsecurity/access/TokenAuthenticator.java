package dev.jwtsecurity.access;

import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.token.InvalidTokenException;

/**
 * Turns a presented access token into an {@link Authentication}: what a web adapter calls on every
 * request. The one the application uses is built by {@link dev.jwtsecurity.JwtSecurity} and
 * returned by {@link dev.jwtsecurity.JwtSecurity#authenticator()}.
 *
 * <pre>{@code
 * TokenAuthenticator authenticator = security.authenticator();
 * try {
 *   Authentication auth = authenticator.authenticate(bearer, RequestContext.of(ip, userAgent, requestId));
 * } catch (InvalidTokenException e) {
 *   // one generic 401; e.reason() has already been reported as a security event
 * }
 * }</pre>
 *
 * <h2>Contract for implementations</h2>
 *
 * <ul>
 *   <li>Thread-safe. The token is attacker-controlled: any refusal is an {@link
 *       InvalidTokenException} with a reason, never another exception, and never carries the token.
 *   <li>Every refusal is reported as an {@code authn_token_invalid} security event before it is
 *       thrown, so a caller never has to log it again.
 *   <li>An infrastructure failure (a user directory or denylist that cannot be reached) propagates
 *       unchecked: the request is not authenticated (fail closed).
 * </ul>
 *
 * <h2>Security considerations</h2>
 *
 * <p>The facade's authenticator validates the signature and every claim, then refuses tokens on the
 * denylist and, with a {@link UserDirectory}, tokens of users that are gone, disabled, or whose
 * credentials changed after the token was issued.
 */
public interface TokenAuthenticator {

  /**
   * Authenticates the bearer of {@code token}.
   *
   * @param token the compact access token, attacker-controlled; may be {@code null}
   * @param request where the request came from, for the security log
   * @return the authenticated user and the verified token
   * @throws InvalidTokenException when the token is refused; the reason has been reported as an
   *     event
   */
  Authentication authenticate(CharSequence token, RequestContext request)
      throws InvalidTokenException;
}
