package dev.jwtsecurity.servlet;

import dev.jwtsecurity.access.AccessDeniedException;
import dev.jwtsecurity.access.Authentication;
import dev.jwtsecurity.access.ResourceNotFoundException;
import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.token.AccessTokenClaims;
import dev.jwtsecurity.token.AccessTokenIssuer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The application behind the filters in the HTTP suite. */
final class TestApp extends HttpServlet {

  private static final long serialVersionUID = 1L;

  private final transient AccessTokenIssuer issuer;

  TestApp(AccessTokenIssuer issuer) {
    this.issuer = issuer;
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
    String path = req.getRequestURI();
    switch (path) {
      case "/api/items/42" -> {
        // Item 42 exists only when the test says it belongs to someone else; else it is a genuine
        // not-found.
        if ("bob".equals(req.getHeader("X-Test-Owner"))) {
          throw new ResourceNotFoundException(); // what core's Ownership throws
        }
        res.sendError(404);
      }
      case "/api/boom" -> throw new IllegalStateException("application failure");
      case "/api/admin" ->
          // What core's role guard throws for a user without the role.
          throw new AccessDeniedException(AccessDeniedException.Reason.MISSING_ROLE);
      case "/api/early" -> {
        res.setStatus(200);
        res.getOutputStream().write("early".getBytes(StandardCharsets.UTF_8));
        res.flushBuffer();
      }
      case "/api/auth/login" -> {
        if (!"ok".equals(req.getHeader("X-Test-Login"))) {
          ProblemResponses.send(res, 401);
          return;
        }
        TokenCookies cookies = JwtRequests.tokenCookies(req).orElseThrow();
        var token = issuer.issue(AccessTokenClaims.forSubject("alice").roles("user").build());
        cookies.writeAccessToken(res, token);
        cookies.writeRefreshToken(res, "opaque-refresh-token", Duration.ofDays(7));
        write(res, "logged in");
      }
      case "/public/refresh" -> {
        // A public refresh path: the application asks the library for the refresh cookie.
        write(res, "refresh=" + JwtRequests.refreshToken(req).orElse("none"));
      }
      case "/public/logout" -> {
        JwtRequests.tokenCookies(req).orElseThrow().clear(res);
        write(res, "bye");
      }
      default -> {
        if (path.endsWith("/whoami")) {
          RequestContext ctx = JwtRequests.requestContext(req).orElseThrow();
          write(res, "client=" + ctx.clientAddress() + " id=" + ctx.requestId());
          return;
        }
        Authentication auth = JwtRequests.authentication(req).orElse(null);
        write(
            res,
            "method="
                + req.getMethod()
                + " user="
                + req.getRemoteUser()
                + " principal="
                + (req.getUserPrincipal() == null ? null : req.getUserPrincipal().getName())
                + " admin="
                + req.isUserInRole("admin")
                + " user-role="
                + req.isUserInRole("user")
                + " authType="
                + req.getAuthType()
                + " jti="
                + (auth == null ? null : auth.token().tokenId()));
      }
    }
  }

  private static void write(HttpServletResponse res, String text) throws IOException {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    res.setContentType("text/plain;charset=UTF-8");
    res.setContentLength(b.length);
    res.getOutputStream().write(b);
  }
}
