package dev.jwtsecurity.spring;

import dev.jwtsecurity.access.TokenAuthenticator;
import dev.jwtsecurity.token.InvalidTokenException;
import java.util.Objects;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * Spring Security's {@link AuthenticationProvider} for jwt-security access tokens: authenticates a
 * {@link JwtBearerToken} with the library's {@link TokenAuthenticator} and answers a {@link
 * JwtSecurityAuthentication} with {@code ROLE_} and {@code SCOPE_} authorities.
 *
 * <pre>{@code
 * Authentication user = provider.authenticate(new JwtBearerToken(token, RequestContext.UNKNOWN));
 * }</pre>
 *
 * <p>HTTP requests do not go through it: the filter the {@link JwtSecurityConfigurer} adds
 * authenticates them with the same authenticator. It is auto-configured as a bean, so the
 * application's {@code AuthenticationManager} accepts the library's tokens, and Spring Boot does
 * not create its in-memory user with a generated password.
 *
 * <h2>Security considerations</h2>
 *
 * <p>Every refusal is one {@link BadCredentialsException} with a fixed message; the reason goes to
 * the security events only. The token is never part of an exception or a log line.
 */
public final class JwtSecurityAuthenticationProvider implements AuthenticationProvider {

  private final TokenAuthenticator authenticator;
  private final String rolePrefix;
  private final String scopePrefix;

  /**
   * A provider on {@code authenticator}.
   *
   * @param authenticator the front door's authenticator
   * @param rolePrefix the prefix of role authorities, normally {@code ROLE_}
   * @param scopePrefix the prefix of scope authorities, normally {@code SCOPE_}
   */
  public JwtSecurityAuthenticationProvider(
      TokenAuthenticator authenticator, String rolePrefix, String scopePrefix) {
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    this.rolePrefix = Objects.requireNonNull(rolePrefix, "rolePrefix");
    this.scopePrefix = Objects.requireNonNull(scopePrefix, "scopePrefix");
  }

  @Override
  public Authentication authenticate(Authentication authentication) throws AuthenticationException {
    JwtBearerToken bearer = (JwtBearerToken) authentication;
    try {
      return JwtSecurityAuthentication.of(
          authenticator.authenticate(bearer.getCredentials(), bearer.request()),
          rolePrefix,
          scopePrefix);
    } catch (InvalidTokenException e) {
      // The authenticator has reported the reason as a security event; the message is fixed.
      throw new BadCredentialsException("invalid access token");
    }
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return JwtBearerToken.class.isAssignableFrom(authentication);
  }
}
