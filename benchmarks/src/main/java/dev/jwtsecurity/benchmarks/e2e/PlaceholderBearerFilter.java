package dev.jwtsecurity.benchmarks.e2e;

import dev.jwtsecurity.access.Authentication;
import dev.jwtsecurity.access.TokenAuthenticator;
import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.token.InvalidTokenException;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;

/**
 * Stand-in for the servlet adapter's filter while it does not exist: the work every bearer filter
 * must do (read the header, authenticate through {@link TokenAuthenticator}, expose the principal,
 * answer 401 with a generic body), so the harness measures our engine over HTTP. Kept for
 * comparison: {@code -Dbench.filter=placeholder} (see {@link LoopbackServer.FilterHook}).
 */
final class PlaceholderBearerFilter implements Filter {

  private final TokenAuthenticator authenticator;

  PlaceholderBearerFilter(TokenAuthenticator authenticator) {
    this.authenticator = authenticator;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest req = (HttpServletRequest) request;
    HttpServletResponse resp = (HttpServletResponse) response;
    String header = req.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      refuse(resp);
      return;
    }
    Authentication auth;
    try {
      auth =
          authenticator.authenticate(
              header.substring(7),
              RequestContext.of(req.getRemoteAddr(), req.getHeader("User-Agent"), null));
    } catch (InvalidTokenException e) {
      refuse(resp);
      return;
    }
    String user = auth.user().userId();
    resp.setHeader("Cache-Control", "no-store");
    resp.setHeader("X-Content-Type-Options", "nosniff");
    resp.setHeader("X-Frame-Options", "DENY");
    chain.doFilter(
        new HttpServletRequestWrapper(req) {
          @Override
          public Principal getUserPrincipal() {
            return () -> user;
          }

          @Override
          public String getRemoteUser() {
            return user;
          }

          @Override
          public boolean isUserInRole(String role) {
            return auth.user().roles().contains(role);
          }

          @Override
          public String getAuthType() {
            return "Bearer";
          }
        },
        response);
  }

  private static void refuse(HttpServletResponse resp) throws IOException {
    resp.setStatus(401);
    resp.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    resp.setContentType("text/plain;charset=utf-8");
    resp.getWriter().write("unauthorized\n");
  }
}
