package dev.jwtsecurity.spring;

import dev.jwtsecurity.JwtSecurity;
import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventListener;
import dev.jwtsecurity.audit.SecurityEventType;
import dev.jwtsecurity.servlet.JwtRequests;
import dev.jwtsecurity.servlet.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers a request that Spring Security's authorization refused ({@code hasRole}, {@code
 * hasAuthority}, {@code @PreAuthorize}) with the library's one generic 403 body, the same bytes as
 * its CSRF and role-guard refusals, and reports an {@code authz_fail} security event.
 *
 * <pre>{@code
 * http.exceptionHandling(e -> e.accessDeniedHandler(new JwtSecurityAccessDeniedHandler(security)));
 * }</pre>
 *
 * <p>The answer never names the missing authority.
 */
public final class JwtSecurityAccessDeniedHandler implements AccessDeniedHandler {

  /** Why the event was reported: Spring Security's authorization refused the request. */
  enum Reason {
    SPRING_SECURITY_ACCESS_DENIED
  }

  private final JwtSecurity security;

  /**
   * A handler reporting to {@code security}'s events.
   *
   * @param security the application's front door
   */
  public JwtSecurityAccessDeniedHandler(JwtSecurity security) {
    this.security = Objects.requireNonNull(security, "security");
  }

  @Override
  public void handle(
      HttpServletRequest request,
      HttpServletResponse response,
      AccessDeniedException accessDeniedException)
      throws IOException {
    Authentication user = SecurityContextHolder.getContext().getAuthentication();
    SecurityEvent.Builder event =
        SecurityEvent.builder(SecurityEventType.AUTHZ_FAIL, security.clock().instant())
            .request(JwtRequests.requestContext(request).orElse(RequestContext.UNKNOWN))
            .reason(Reason.SPRING_SECURITY_ACCESS_DENIED);
    if (user instanceof JwtSecurityAuthentication jwt) {
      event.userId(jwt.getName()).tokenId(jwt.authentication().token().tokenId());
    }
    SecurityEventListener.deliver(security.events(), event.build());
    if (response.isCommitted()) {
      return;
    }
    ProblemResponses.send(response, HttpServletResponse.SC_FORBIDDEN);
  }
}
