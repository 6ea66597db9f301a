package dev.jwtsecurity.servlet;

import dev.jwtsecurity.access.Authentication;
import dev.jwtsecurity.audit.RequestContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * The one accessor application code uses to reach what the filters established about a request.
 *
 * <pre>{@code
 * Authentication auth = JwtRequests.authentication(request).orElseThrow();
 * String jti = auth.token().tokenId();
 * RequestContext ctx = JwtRequests.requestContext(request).orElse(RequestContext.UNKNOWN);
 * }</pre>
 *
 * <p>The values live in request attributes under the names below. Only code inside the application
 * can set request attributes; never set them yourself.
 */
public final class JwtRequests {

  /** Request attribute holding the {@link Authentication} of an authenticated request. */
  public static final String AUTHENTICATION_ATTRIBUTE =
      "dev.jwtsecurity.servlet.JwtRequests.authentication";

  /** Request attribute holding the {@link TokenCookies} of a filter in cookie mode. */
  public static final String TOKEN_COOKIES_ATTRIBUTE =
      "dev.jwtsecurity.servlet.JwtRequests.tokenCookies";

  /**
   * {@code getAuthType()} of a request authenticated by an {@code Authorization: Bearer} header.
   */
  public static final String AUTH_TYPE_BEARER = "BEARER";

  /** {@code getAuthType()} of a request authenticated by the access-token cookie. */
  public static final String AUTH_TYPE_COOKIE = "COOKIE";

  private JwtRequests() {}

  /**
   * Returns the authentication of a request that passed {@link JwtAuthenticationFilter}.
   *
   * @param request the request
   * @return the user and verified token, or empty on a public path
   */
  public static Optional<Authentication> authentication(ServletRequest request) {
    Objects.requireNonNull(request, "request");
    return request.getAttribute(AUTHENTICATION_ATTRIBUTE) instanceof Authentication a
        ? Optional.of(a)
        : Optional.empty();
  }

  /**
   * Returns where the request came from (client address after trusted-proxy resolution, cleaned
   * user agent, request id), as recorded in security events; pass it to core services such as the
   * login service.
   *
   * @param request the request
   * @return the context, or empty if no jwt-security filter saw the request
   */
  public static Optional<RequestContext> requestContext(ServletRequest request) {
    Objects.requireNonNull(request, "request");
    return request.getAttribute(RequestResolver.RESOLVED_ATTRIBUTE)
            instanceof RequestResolver.Resolved r
        ? Optional.of(r.context())
        : Optional.empty();
  }

  /**
   * Returns the refresh token of the {@value TokenCookies#REFRESH_COOKIE} cookie, for a refresh or
   * logout path that the filter in cookie mode let through. The filter does not authenticate such a
   * path (it is public: the access token may have expired), so this is where the cookie's CSRF
   * defence runs: the token is offered only when the request
   *
   * <ul>
   *   <li>passed a {@link JwtAuthenticationFilter} in cookie mode (the filter is mapped to it);
   *   <li>is state-changing (not GET, HEAD, OPTIONS or TRACE);
   *   <li>carries exactly one refresh cookie, with a well-formed value;
   *   <li>proves it was sent by a page of this origin: {@code Sec-Fetch-Site}, when sent, is {@code
   *       same-origin}; {@code Origin}, when sent, is the request's own origin or an allowed one;
   *       at least one of the two is present.
   * </ul>
   *
   * <pre>{@code
   * Optional<String> refresh = JwtRequests.refreshToken(request);
   * if (refresh.isEmpty()) {
   *   ProblemResponses.send(response, 401);     // none, or refused: the reason is in the log
   *   return;
   * }
   * TokenPair next = security.refresh(refresh.get(), ctx);
   * }</pre>
   *
   * <p>The cookie is parsed from the raw {@code Cookie} headers the way the filter parses the
   * access-token cookie, never through {@code getCookies()}.
   *
   * <h4>Security considerations</h4>
   *
   * <p>A refusal is reported once as a security event ({@code authz_fail} with a {@code CSRF_...}
   * reason, or {@code input_validation_fail}), never to the client: answer it like a missing token.
   * A request that merely carries the cookie, without the application asking for it, is neither
   * checked nor reported.
   *
   * @param request the request
   * @return the refresh token, or empty when there is none or it is refused
   */
  public static Optional<String> refreshToken(HttpServletRequest request) {
    Objects.requireNonNull(request, "request");
    return request.getAttribute(RefreshCookie.ATTRIBUTE) instanceof RefreshCookie c
        ? Optional.ofNullable(c.token(request))
        : Optional.empty();
  }

  /**
   * Returns the cookie writer of the {@link JwtAuthenticationFilter} in cookie mode, so that a
   * login servlet configured from {@code web.xml} writes cookies with the same CSRF key as the
   * filter checks.
   *
   * @param request the request
   * @return the cookie writer, or empty when cookie mode is off
   */
  public static Optional<TokenCookies> tokenCookies(ServletRequest request) {
    Objects.requireNonNull(request, "request");
    return request.getAttribute(TOKEN_COOKIES_ATTRIBUTE) instanceof TokenCookies c
        ? Optional.of(c)
        : Optional.empty();
  }
}
