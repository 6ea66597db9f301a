package dev.jwtsecurity.spring;

import dev.jwtsecurity.access.AuthenticatedUser;
import dev.jwtsecurity.access.Authentication;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The Spring Security {@link org.springframework.security.core.Authentication} of a request that
 * presented a valid jwt-security access token: the principal is the {@link AuthenticatedUser}, the
 * authorities are its roles ({@code ROLE_} prefix) and scopes ({@code SCOPE_} prefix).
 *
 * <pre>{@code
 * @GetMapping("/api/me")
 * String me(@AuthenticationPrincipal AuthenticatedUser user) { return user.userId(); }
 *
 * @PreAuthorize("hasRole('admin')")                  // the token's role "admin"
 * @PreAuthorize("hasAuthority('SCOPE_todo:read')")   // the token's scope "todo:read"
 * }</pre>
 *
 * <p>{@link #getName()} is the user id; {@link #authentication()} the library's result, with the
 * verified token's claims. There are no credentials: the token itself is never kept.
 */
public final class JwtSecurityAuthentication extends AbstractAuthenticationToken {

  private static final long serialVersionUID = 1L;

  private final transient Authentication authentication;

  /**
   * The authentication of {@code authentication}'s user, with the given authorities.
   *
   * @param authentication the library's result for the request's token
   * @param authorities the authorities
   */
  public JwtSecurityAuthentication(
      Authentication authentication, List<? extends GrantedAuthority> authorities) {
    super(authorities);
    this.authentication = Objects.requireNonNull(authentication, "authentication");
    setAuthenticated(true);
  }

  /**
   * Maps a library result to authorities: each role with {@code rolePrefix}, each scope with {@code
   * scopePrefix}.
   *
   * @param authentication the library's result
   * @param rolePrefix for example {@code ROLE_}
   * @param scopePrefix for example {@code SCOPE_}
   * @return the Spring Security authentication
   */
  public static JwtSecurityAuthentication of(
      Authentication authentication, String rolePrefix, String scopePrefix) {
    AuthenticatedUser user = authentication.user();
    List<GrantedAuthority> authorities = new ArrayList<>();
    for (String role : user.roles()) {
      authorities.add(new SimpleGrantedAuthority(rolePrefix + role));
    }
    for (String scope : user.scopes()) {
      authorities.add(new SimpleGrantedAuthority(scopePrefix + scope));
    }
    return new JwtSecurityAuthentication(authentication, authorities);
  }

  /**
   * Returns the library's result: the user and the verified access token.
   *
   * @return the authentication
   */
  public Authentication authentication() {
    return authentication;
  }

  /** Returns the authenticated user: what {@code @AuthenticationPrincipal} injects. */
  @Override
  public AuthenticatedUser getPrincipal() {
    return authentication.user();
  }

  /** Returns an empty string: the token is not kept after validation. */
  @Override
  public Object getCredentials() {
    return "";
  }

  @Override
  public String getName() {
    return authentication.user().userId();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JwtSecurityAuthentication other
        && super.equals(other)
        && authentication.equals(other.authentication);
  }

  @Override
  public int hashCode() {
    return 31 * super.hashCode() + authentication.hashCode();
  }
}
