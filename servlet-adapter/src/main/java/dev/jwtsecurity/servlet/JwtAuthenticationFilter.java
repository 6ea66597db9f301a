package dev.jwtsecurity.servlet;

import dev.jwtsecurity.access.AccessDeniedException;
import dev.jwtsecurity.access.Authentication;
import dev.jwtsecurity.token.InvalidTokenException;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Authenticates every request by its access token, and refuses what is not authenticated, in one
 * generic way.
 *
 * <pre>{@code
 * // Configured from the front door, behind the SecurityHeadersFilter:
 * JwtSecurityFilters.builder(security).publicPaths("/health").build().register(servletContext);
 * // then, in a servlet:
 * String userId = request.getRemoteUser();
 * boolean admin = request.isUserInRole("admin");
 * Authentication auth = JwtRequests.authentication(request).orElseThrow();
 * }</pre>
 *
 * <p>What it does, in order:
 *
 * <ol>
 *   <li>Login paths: asks the {@link LoginThrottleGate}; a refused attempt gets 429 with {@code
 *       Retry-After}.
 *   <li>Public paths pass untouched.
 *   <li>Finds exactly one token: one {@code Authorization: Bearer} header (scheme in any case, one
 *       RFC 6750 §2.1 {@code b64token}) or, in cookie mode, one {@value TokenCookies#ACCESS_COOKIE}
 *       cookie. Several headers, several cookies, a header and a cookie, or a malformed value: 400
 *       with {@code error="invalid_request"} (RFC 6750 §3.1). No token: 401 with a bare {@code
 *       Bearer realm="..."} challenge (RFC 6750 §3.1).
 *   <li>Validates it with the core {@link dev.jwtsecurity.access.TokenAuthenticator}; refused: 401
 *       with {@code error="invalid_token"}.
 *   <li>Cookie-authenticated state-changing requests (any method but GET, HEAD, OPTIONS, TRACE)
 *       must pass the CSRF checks: {@code Sec-Fetch-Site} (when sent) is {@code same-origin};
 *       {@code Origin} is an allowed origin (when absent, {@code Sec-Fetch-Site: same-origin} must
 *       be present); {@value TokenCookies#CSRF_HEADER} equals the {@value TokenCookies#CSRF_COOKIE}
 *       cookie and is the token bound to this access token. Else 403.
 *   <li>Passes a wrapped request: {@code getUserPrincipal()} is a {@link JwtPrincipal}, {@code
 *       getRemoteUser()}, {@code isUserInRole()} and {@code getAuthType()} ({@link
 *       JwtRequests#AUTH_TYPE_BEARER} or {@link JwtRequests#AUTH_TYPE_COOKIE}) answer from the
 *       token; the response gets {@code Cache-Control: no-store}.
 *   <li>When the application throws {@link dev.jwtsecurity.access.ResourceNotFoundException}
 *       (core's ownership check) or another configured not-found exception, answers {@code
 *       response.sendError(404)}: the same call the application makes for a genuine not-found, so
 *       both answers are identical on every container. When it throws {@link
 *       dev.jwtsecurity.access.AccessDeniedException} (core's role guard, which has reported the
 *       reason), answers the generic 403.
 * </ol>
 *
 * <p>In cookie mode the refresh-token cookie is a credential too. A refresh or logout path is
 * usually public (its access token may have expired), so the application reads the cookie through
 * {@link JwtRequests#refreshToken}, which offers it only on a state-changing request that passes
 * the same Fetch Metadata and origin checks.
 *
 * <p>The client address, request id and scheme come from {@link SecurityHeadersFilter} when it ran
 * first, which is where trusted proxies are configured; alone, this filter takes the connection's
 * peer and scheme as they are.
 *
 * <h2>Security considerations</h2>
 *
 * <p>Every refusal of one status has the same status line, headers and body (RFC 9457 {@code
 * application/problem+json}, {@link ProblemResponses}); the reason is reported to the security
 * event listener only, never to the client. The filter never logs and never echoes a token or a raw
 * header. Register it for the {@code REQUEST} dispatcher, in front of everything that needs the
 * user, and behind {@link SecurityHeadersFilter}.
 */
public final class JwtAuthenticationFilter implements Filter {

  private volatile JwtAuthenticationSettings settings;
  private volatile Wiring wiring;

  /** What the filter derives once from its settings. */
  private record Wiring(RequestResolver resolver, EventReporter reporter) {
    static Wiring of(JwtAuthenticationSettings s) {
      // No trusted proxies here: resolving the client through proxies is SecurityHeadersFilter's
      // job, configured there once; this filter reuses its resolution when it ran first.
      return new Wiring(
          new RequestResolver(TrustedProxies.NONE, s.random()),
          new EventReporter(s.events(), s.clock()));
    }
  }

  /**
   * A filter configured in {@link #init} from {@code web.xml} init-parameters and the environment;
   * see README.
   */
  public JwtAuthenticationFilter() {}

  /**
   * A filter with the given settings; {@link #init} does not read init-parameters.
   *
   * @param settings the settings
   */
  public JwtAuthenticationFilter(JwtAuthenticationSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.wiring = Wiring.of(settings);
  }

  /**
   * Reads the configuration from init-parameters and the environment when the no-argument
   * constructor was used.
   *
   * @param config the filter configuration
   * @throws IllegalStateException if the configuration is missing or insecure; the message says how
   *     to fix it
   */
  @Override
  public void init(FilterConfig config) throws ServletException {
    if (settings == null) {
      JwtAuthenticationSettings s =
          InitParameters.authentication(
              config::getInitParameter, config.getServletContext()::getAttribute, System.getenv());
      this.wiring = Wiring.of(s);
      this.settings = s;
    }
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    JwtAuthenticationSettings s = settings;
    Wiring w = wiring;
    if (s == null || w == null) {
      throw new IllegalStateException(
          "JwtAuthenticationFilter was not initialised; the container must call init()");
    }
    if (!(req instanceof HttpServletRequest request)
        || !(res instanceof HttpServletResponse response)) {
      throw new ServletException("JwtAuthenticationFilter serves HTTP requests only");
    }
    RequestResolver.Resolved origin = w.resolver().resolve(request);
    if (s.cookies() != null) {
      request.setAttribute(JwtRequests.TOKEN_COOKIES_ATTRIBUTE, s.cookies());
      request.setAttribute(
          RefreshCookie.ATTRIBUTE, new RefreshCookie(origin, s.allowedOrigins(), w.reporter()));
    }
    String uri = request.getRequestURI();
    String contextPath = request.getContextPath();

    if (s.loginPaths().matches(uri, contextPath)) {
      Optional<Duration> wait = s.loginThrottle().retryAfter(origin.context());
      if (wait.isPresent()) {
        w.reporter().refused(origin, RefusalReason.LOGIN_THROTTLED);
        ProblemResponses.tooManyRequests(response, wait.get());
        return;
      }
      LoginOutcomeRecorder recording =
          new LoginOutcomeRecorder(response, s.loginThrottle(), origin.context());
      proceed(s, request, recording, chain);
      recording.recordOnce(response.getStatus());
      return;
    }
    if (s.publicPaths().matches(uri, contextPath)) {
      proceed(s, request, response, chain);
      return;
    }

    TokenExtraction.Result found =
        TokenExtraction.extract(
            HeaderLists.values(request.getHeaders("Authorization")),
            s.cookies() == null ? null : RequestCookies.values(request, TokenCookies.ACCESS_COOKIE),
            s.maxTokenLength());
    if (found.refusal() != null) {
      w.reporter().refused(origin, found.refusal());
      response.setHeader(
          "WWW-Authenticate", "Bearer realm=\"" + s.realm() + "\", error=\"invalid_request\"");
      ProblemResponses.send(response, 400);
      return;
    }
    if (!found.found()) {
      if (s.authorizationByFramework()) {
        // The framework behind decides whether this path needs a user, and answers if it does.
        proceed(s, request, response, chain);
        return;
      }
      // RFC 6750 §3.1: a request without authentication information gets no error code.
      response.setHeader("WWW-Authenticate", "Bearer realm=\"" + s.realm() + "\"");
      ProblemResponses.send(response, 401);
      return;
    }
    Authentication auth;
    try {
      auth = s.authenticator().authenticate(found.token(), origin.context());
    } catch (InvalidTokenException e) {
      // The authenticator has reported the reason; the client learns nothing but "invalid_token".
      response.setHeader(
          "WWW-Authenticate", "Bearer realm=\"" + s.realm() + "\", error=\"invalid_token\"");
      ProblemResponses.send(response, 401);
      return;
    }
    boolean cookie = found.source() == TokenExtraction.Source.COOKIE;
    if (cookie && !CsrfDefence.isSafeMethod(request.getMethod())) {
      RefusalReason csrf =
          CsrfDefence.refusal(
              request, s.allowedOrigins(), origin.secure(), s.cookies(), auth.token().tokenId());
      if (csrf != null) {
        w.reporter().refused(origin, csrf, auth);
        ProblemResponses.send(response, 403);
        return;
      }
    }
    // Authenticated answers are personal: never stored by a shared or browser cache (OWASP REST
    // Security).
    response.setHeader("Cache-Control", "no-store");
    request.setAttribute(JwtRequests.AUTHENTICATION_ATTRIBUTE, auth);
    proceed(
        s,
        new AuthenticatedRequest(
            request, auth, cookie ? JwtRequests.AUTH_TYPE_COOKIE : JwtRequests.AUTH_TYPE_BEARER),
        response,
        chain);
  }

  private static void proceed(
      JwtAuthenticationSettings s,
      HttpServletRequest request,
      HttpServletResponse response,
      FilterChain chain)
      throws IOException, ServletException {
    try {
      chain.doFilter(request, response);
    } catch (IOException | ServletException | RuntimeException e) {
      if (response.isCommitted()) {
        throw e;
      }
      if (causedBy(e, s.notFoundExceptions())) {
        // The same call the application makes for a genuine not-found: same status, headers and
        // body on every container, so "exists but not yours" and "does not exist" cannot be told
        // apart (OWASP: insecure direct object references).
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
      } else if (causedBy(e, List.of(AccessDeniedException.class))) {
        // The role guard has reported the reason; the client gets the filters' one 403.
        ProblemResponses.send(response, HttpServletResponse.SC_FORBIDDEN);
      } else {
        throw e;
      }
    }
  }

  private static boolean causedBy(Throwable e, List<Class<? extends Throwable>> types) {
    Throwable t = e;
    for (int depth = 0; t != null && depth < 16; depth++) {
      for (Class<? extends Throwable> type : types) {
        if (type.isInstance(t)) {
          return true;
        }
      }
      t = t.getCause();
    }
    return false;
  }

  /** The settings in use, or {@code null} before {@link #init} configured them. */
  JwtAuthenticationSettings settings() {
    return settings;
  }

  @Override
  public void destroy() {
    // Nothing to release.
  }
}
