package dev.jwtsecurity.spring;

import dev.jwtsecurity.access.Authentication;
import dev.jwtsecurity.servlet.JwtAuthenticationFilter;
import dev.jwtsecurity.servlet.JwtRequests;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The authentication step of the Spring Security filter chain: the servlet adapter's {@link
 * JwtAuthenticationFilter} (in its framework mode) finds and validates the token, refuses malformed
 * and invalid ones and checks CSRF for cookie-authenticated writes; this filter then puts the
 * result into Spring Security's {@link SecurityContext}, where URL rules, {@code @PreAuthorize} and
 * {@code @AuthenticationPrincipal} find it. A request without a token goes on anonymous, for
 * Spring's authorization to decide.
 */
final class SecurityContextBridge extends OncePerRequestFilter {

  private final JwtAuthenticationFilter jwt;
  private final String rolePrefix;
  private final String scopePrefix;
  private final SecurityContextHolderStrategy contexts =
      SecurityContextHolder.getContextHolderStrategy();
  // Stateless: the context lives for this request (and its error and async dispatches) only.
  private final SecurityContextRepository repository =
      new RequestAttributeSecurityContextRepository();

  SecurityContextBridge(JwtAuthenticationFilter jwt, String rolePrefix, String scopePrefix) {
    this.jwt = jwt;
    this.rolePrefix = rolePrefix;
    this.scopePrefix = scopePrefix;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    jwt.doFilter(
        request,
        response,
        (req, res) -> {
          Optional<Authentication> auth = JwtRequests.authentication(req);
          if (auth.isPresent()) {
            SecurityContext context = contexts.createEmptyContext();
            context.setAuthentication(
                JwtSecurityAuthentication.of(auth.get(), rolePrefix, scopePrefix));
            contexts.setContext(context);
            repository.saveContext(context, (HttpServletRequest) req, (HttpServletResponse) res);
          }
          chain.doFilter(req, res);
        });
  }
}
