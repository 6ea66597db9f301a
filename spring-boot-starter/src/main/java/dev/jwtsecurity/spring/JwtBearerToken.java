package dev.jwtsecurity.spring;

import dev.jwtsecurity.audit.RequestContext;
import java.util.List;
import java.util.Objects;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * An access token not yet validated, for {@link JwtSecurityAuthenticationProvider}: what an
 * application hands to Spring's {@code AuthenticationManager} when a token arrives outside an HTTP
 * request (a STOMP {@code CONNECT} frame, a message header).
 *
 * <pre>{@code
 * org.springframework.security.core.Authentication user =
 *     authenticationManager.authenticate(new JwtBearerToken(token, RequestContext.UNKNOWN));
 * }</pre>
 *
 * <p>{@link #toString()} never shows the token; {@link #eraseCredentials()} drops it.
 */
public final class JwtBearerToken extends AbstractAuthenticationToken {

  private static final long serialVersionUID = 1L;

  private String token;
  private final transient RequestContext request;

  /**
   * A token presented in {@code request}.
   *
   * @param token the compact JWS as presented
   * @param request where it came from, for the security events
   */
  public JwtBearerToken(String token, RequestContext request) {
    super(List.of());
    this.token = Objects.requireNonNull(token, "token");
    this.request = Objects.requireNonNull(request, "request");
  }

  /**
   * Returns where the token came from.
   *
   * @return the request context
   */
  public RequestContext request() {
    return request;
  }

  /** Returns the token, until {@link #eraseCredentials()}. */
  @Override
  public String getCredentials() {
    return token;
  }

  /** Returns an empty string: the user is not known before validation. */
  @Override
  public Object getPrincipal() {
    return "";
  }

  @Override
  public void eraseCredentials() {
    super.eraseCredentials();
    token = "";
  }

  @Override
  public boolean equals(Object o) {
    return this == o;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }

  @Override
  public String toString() {
    return "JwtBearerToken[token=(redacted)]";
  }
}
