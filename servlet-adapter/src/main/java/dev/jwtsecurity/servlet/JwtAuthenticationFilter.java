package dev.jwtsecurity.servlet;

import dev.jwtsecurity.access.Authentication;
import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventListener;
import dev.jwtsecurity.audit.SecurityEventType;
import dev.jwtsecurity.internal.ConstantTime;
import dev.jwtsecurity.token.InvalidTokenException;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Authenticates every request by its access token, and refuses what is not authenticated, in one
 * generic way.
 *
 * <pre>{@code
 * // Servlet API or Spring Boot FilterRegistrationBean:
 * servletContext.addFilter("jwt", new JwtAuthenticationFilter(settings))
 *     .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
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
 *       both answers are identical on every container.
 * </ol>
 *
 * <h2>Security considerations</h2>
 *
 * <p>Every refusal of one status has the same status line, headers and body (RFC 9457 {@code
 * application/problem+json}, {@link ProblemResponses}); the reason is reported to the security
 * event listener only, never to the client. The filter never logs and never echoes a token or a raw
 * header. Register it for the {@code REQUEST} dispatcher, in front of everything that needs the
 * user, and behind {@link SecurityHeadersFilter}.
 */
public class JwtAuthenticationFilter implements Filter {

  private volatile JwtAuthenticationSettings settings;
  private volatile RequestResolver resolver;

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
    this.resolver = new RequestResolver(settings.trustedProxies(), settings.random());
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
      this.resolver = new RequestResolver(s.trustedProxies(), s.random());
      this.settings = s;
    }
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    JwtAuthenticationSettings s = settings;
    if (s == null) {
      throw new IllegalStateException(
          "JwtAuthenticationFilter was not initialised; the container must call init()");
    }
    if (!(req instanceof HttpServletRequest request)
        || !(res instanceof HttpServletResponse response)) {
      throw new ServletException("JwtAuthenticationFilter serves HTTP requests only");
    }
    RequestResolver.Resolved origin = resolver.resolve(request);
    if (s.cookies() != null) {
      request.setAttribute(JwtRequests.TOKEN_COOKIES_ATTRIBUTE, s.cookies());
    }
    String uri = request.getRequestURI();
    String contextPath = request.getContextPath();

    if (s.loginPaths().matches(uri, contextPath)) {
      Optional<Duration> wait = s.loginThrottle().retryAfter(origin.context());
      if (wait.isPresent()) {
        report(
            s,
            SecurityEventType.EXCESS_RATE_LIMIT_EXCEEDED,
            origin,
            null,
            RefusalReason.LOGIN_THROTTLED);
        ProblemResponses.tooManyRequests(response, wait.get());
        return;
      }
      OutcomeRecordingResponse recording =
          new OutcomeRecordingResponse(response, s.loginThrottle(), origin.context());
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
            Tokens.headers(request.getHeaders("Authorization")),
            s.cookies() == null ? null : cookieValues(request, TokenCookies.ACCESS_COOKIE),
            s.maxTokenLength());
    if (found.refusal() != null) {
      report(s, SecurityEventType.INPUT_VALIDATION_FAIL, origin, null, found.refusal());
      response.setHeader(
          "WWW-Authenticate", "Bearer realm=\"" + s.realm() + "\", error=\"invalid_request\"");
      Problems.send(response, 400);
      return;
    }
    if (!found.found()) {
      // RFC 6750 §3.1: a request without authentication information gets no error code.
      response.setHeader("WWW-Authenticate", "Bearer realm=\"" + s.realm() + "\"");
      Problems.send(response, 401);
      return;
    }
    Authentication auth;
    try {
      auth = s.authenticator().authenticate(found.token(), origin.context());
    } catch (InvalidTokenException e) {
      // The authenticator has reported the reason; the client learns nothing but "invalid_token".
      response.setHeader(
          "WWW-Authenticate", "Bearer realm=\"" + s.realm() + "\", error=\"invalid_token\"");
      Problems.send(response, 401);
      return;
    }
    boolean cookie = found.source() == TokenExtraction.Source.COOKIE;
    if (cookie && !isSafeMethod(request.getMethod())) {
      RefusalReason csrf = csrfRefusal(s, request, origin, auth);
      if (csrf != null) {
        report(s, SecurityEventType.AUTHZ_FAIL, origin, auth, csrf);
        Problems.send(response, 403);
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
      if (!isNotFound(s, e) || response.isCommitted()) {
        throw e;
      }
      // The same call the application makes for a genuine not-found: same status, headers and body
      // on every container, so "exists but not yours" and "does not exist" cannot be told apart
      // (OWASP IDOR prevention).
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
  }

  /**
   * Records a login outcome in the gate as soon as the login path sets its status, before any byte
   * of the answer can reach the client: recording after the chain returned would let the next
   * attempt arrive before this failure counts.
   */
  private static final class OutcomeRecordingResponse extends HttpServletResponseWrapper {
    private final LoginThrottleGate gate;
    private final RequestContext context;
    private boolean recorded;

    OutcomeRecordingResponse(
        HttpServletResponse response, LoginThrottleGate gate, RequestContext context) {
      super(response);
      this.gate = gate;
      this.context = context;
    }

    void recordOnce(int status) {
      if (recorded) {
        return;
      }
      if (status >= 200 && status < 300) {
        recorded = true;
        gate.record(context, true);
      } else if (status == 400 || status == 401 || status == 403) {
        recorded = true;
        gate.record(context, false);
      }
    }

    @Override
    public void setStatus(int sc) {
      // Failures count at once; a success is recorded when the chain returns (a later status may
      // still replace it).
      if (sc >= 400) {
        recordOnce(sc);
      }
      super.setStatus(sc);
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
      recordOnce(sc);
      super.sendError(sc, msg);
    }

    @Override
    public void sendError(int sc) throws IOException {
      recordOnce(sc);
      super.sendError(sc);
    }

    @Override
    public void flushBuffer() throws IOException {
      recordOnce(getStatus());
      super.flushBuffer();
    }
  }

  private static boolean isNotFound(JwtAuthenticationSettings s, Throwable e) {
    Throwable t = e;
    for (int depth = 0; t != null && depth < 16; depth++) {
      for (Class<? extends Throwable> type : s.notFoundExceptions()) {
        if (type.isInstance(t)) {
          return true;
        }
      }
      t = t.getCause();
    }
    return false;
  }

  /**
   * RFC 9110 §9.2.1 safe methods; every other method, known or not, is treated as state-changing.
   */
  static boolean isSafeMethod(String method) {
    return method != null
        && (method.equals("GET")
            || method.equals("HEAD")
            || method.equals("OPTIONS")
            || method.equals("TRACE"));
  }

  /**
   * OWASP CSRF Prevention Cheat Sheet: Fetch Metadata, then Origin verification, then a signed
   * double-submit cookie. All three must pass; the first failure is the reason.
   */
  private static RefusalReason csrfRefusal(
      JwtAuthenticationSettings s,
      HttpServletRequest request,
      RequestResolver.Resolved origin,
      Authentication auth) {
    List<String> sites = Tokens.headers(request.getHeaders("Sec-Fetch-Site"));
    if (sites.size() > 1
        || (sites.size() == 1 && !sites.get(0).trim().equalsIgnoreCase("same-origin"))) {
      return RefusalReason.CSRF_CROSS_SITE;
    }
    List<String> origins = Tokens.headers(request.getHeaders("Origin"));
    if (origins.size() > 1) {
      return RefusalReason.CSRF_ORIGIN_MISMATCH;
    }
    if (origins.size() == 1) {
      String o = normalizeOrigin(origins.get(0));
      if (o == null || !isAllowedOrigin(s, request, origin, o)) {
        return RefusalReason.CSRF_ORIGIN_MISMATCH;
      }
    } else if (sites.isEmpty()) {
      // Browsers send Origin on every state-changing fetch/XHR and form post; with neither header
      // there is no
      // evidence the request is same-origin, and the cheat sheet recommends blocking.
      return RefusalReason.CSRF_ORIGIN_MISSING;
    }
    List<String> headers = Tokens.headers(request.getHeaders(TokenCookies.CSRF_HEADER));
    List<String> cookies = cookieValues(request, TokenCookies.CSRF_COOKIE);
    if (headers.size() != 1 || cookies.size() != 1 || headers.get(0).isEmpty()) {
      return RefusalReason.CSRF_TOKEN_MISSING;
    }
    String header = headers.get(0);
    boolean echoed = ConstantTime.equals(header, cookies.get(0));
    boolean bound = s.cookies().isCsrfTokenOf(header, auth.token().tokenId());
    return echoed && bound ? null : RefusalReason.CSRF_TOKEN_MISMATCH;
  }

  private static boolean isAllowedOrigin(
      JwtAuthenticationSettings s,
      HttpServletRequest request,
      RequestResolver.Resolved origin,
      String presented) {
    if (!s.allowedOrigins().isEmpty()) {
      return s.allowedOrigins().contains(presented);
    }
    String own =
        normalizeOrigin(
            (origin.secure() ? "https" : "http")
                + "://"
                + request.getServerName()
                + ":"
                + request.getServerPort());
    return presented.equals(own);
  }

  /**
   * Returns {@code scheme://host[:port]} in lower case without a default port, or {@code null} if
   * not an origin.
   */
  static String normalizeOrigin(String value) {
    if (value == null || value.length() > 256) {
      return null;
    }
    try {
      String o = JwtAuthenticationSettings.Builder.origin(value.trim());
      if (o.startsWith("https://") && o.endsWith(":443")) {
        return o.substring(0, o.length() - 4);
      }
      if (o.startsWith("http://") && o.endsWith(":80")) {
        return o.substring(0, o.length() - 3);
      }
      return o;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Every value of cookie {@code name} across all {@code Cookie} headers, parsed the same way on
   * every container.
   */
  static List<String> cookieValues(HttpServletRequest request, String name) {
    List<String> values = new ArrayList<>();
    for (String header : Tokens.headers(request.getHeaders("Cookie"))) {
      // RFC 6265 §4.1.1: no cookie value contains ';', ',' or whitespace, even inside quotes, so
      // split on all of
      // them (a quote must not let one pair swallow the next and hide a duplicate token cookie).
      for (String pair : Tokens.config(header.replace(';', ','))) {
        int eq = pair.indexOf('=');
        String n = eq < 0 ? pair : pair.substring(0, eq);
        // Cookie names are case-sensitive (RFC 6265 §5.4), but a case variant of our name is a
        // planting attempt.
        if (n.trim().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
          values.add(eq < 0 ? "" : pair.substring(eq + 1).trim());
        }
      }
    }
    return values;
  }

  private static void report(
      JwtAuthenticationSettings s,
      SecurityEventType type,
      RequestResolver.Resolved origin,
      Authentication auth,
      RefusalReason reason) {
    SecurityEvent.Builder event =
        SecurityEvent.builder(type, s.clock().instant()).request(origin.context()).reason(reason);
    if (auth != null) {
      event.userId(auth.user().userId()).tokenId(auth.token().tokenId());
    }
    SecurityEventListener.deliver(s.events(), event.build());
  }

  @Override
  public void destroy() {
    // Nothing to release.
  }
}
