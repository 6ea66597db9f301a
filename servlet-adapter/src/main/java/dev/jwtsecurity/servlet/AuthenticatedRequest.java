package dev.jwtsecurity.servlet;

import dev.jwtsecurity.access.Authentication;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;

/** The request as the application sees it after a successful authentication. */
final class AuthenticatedRequest extends HttpServletRequestWrapper {

  private final JwtPrincipal principal;
  private final String authType;

  AuthenticatedRequest(HttpServletRequest request, Authentication authentication, String authType) {
    super(request);
    this.principal = new JwtPrincipal(authentication.user());
    this.authType = authType;
  }

  @Override
  public Principal getUserPrincipal() {
    return principal;
  }

  @Override
  public String getRemoteUser() {
    return principal.getName();
  }

  @Override
  public String getAuthType() {
    return authType;
  }

  @Override
  public boolean isUserInRole(String role) {
    // Servlet 6.0 §13.3: "**" means any authenticated user.
    return role != null && (role.equals("**") || principal.user().hasRole(role));
  }
}
