package dev.jwtsecurity.servlet;

import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventListener;
import dev.jwtsecurity.audit.SecurityEventType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Enforces HTTPS, resolves the client through trusted proxies, and sets the security headers on
 * every response.
 *
 * <pre>{@code
 * // With the authentication filter behind it, from the front door:
 * JwtSecurityFilters.builder(security).trustedProxies("10.0.0.0/8").build().register(servletContext);
 * // or alone:
 * servletContext.addFilter("jwt-headers", new SecurityHeadersFilter(SecurityHeadersSettings.builder().build()))
 *     .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
 * }</pre>
 *
 * <p>Headers are set before the rest of the chain runs, so they are present even when the
 * application commits the response early or throws. {@code Strict-Transport-Security} is sent on
 * HTTPS responses only (RFC 6797 §7.2: a browser ignores it over HTTP, and sending it there tells
 * nothing true). A plain-HTTP request is refused with 403 and the generic problem body, or, by
 * configuration, a GET or HEAD is redirected with 308 to {@code https://}.
 *
 * <h2>Security considerations</h2>
 *
 * <p>Whether a request is HTTPS is decided by the connection, or by {@code
 * X-Forwarded-Proto}/{@code Forwarded} from a trusted proxy only. Register this filter first,
 * before {@link JwtAuthenticationFilter}, so no token is looked at on a request that travelled in
 * clear (the token is compromised anyway: the client should be told to rotate, not served).
 */
public final class SecurityHeadersFilter implements Filter {

  private volatile SecurityHeadersSettings settings;
  private volatile RequestResolver resolver;

  /** A filter configured in {@link #init} from {@code web.xml} init-parameters; see README. */
  public SecurityHeadersFilter() {}

  /**
   * A filter with the given settings; {@link #init} does not read init-parameters.
   *
   * @param settings the settings
   */
  public SecurityHeadersFilter(SecurityHeadersSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.resolver = new RequestResolver(settings.trustedProxies(), settings.random());
  }

  /**
   * Reads init-parameters when the no-argument constructor was used.
   *
   * @param config the filter configuration
   * @throws IllegalArgumentException if an init-parameter is invalid; the message says which
   */
  @Override
  public void init(FilterConfig config) throws ServletException {
    if (settings == null) {
      SecurityHeadersSettings s =
          InitParameters.headers(
              config::getInitParameter, config.getServletContext()::getAttribute);
      this.resolver = new RequestResolver(s.trustedProxies(), s.random());
      this.settings = s;
    }
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    SecurityHeadersSettings s = settings;
    if (s == null) {
      throw new IllegalStateException(
          "SecurityHeadersFilter was not initialised; the container must call init()");
    }
    if (!(req instanceof HttpServletRequest request)
        || !(res instanceof HttpServletResponse response)) {
      throw new ServletException("SecurityHeadersFilter serves HTTP requests only");
    }
    RequestResolver.Resolved origin = resolver.resolve(request);
    for (Map.Entry<String, String> h : s.headers().entrySet()) {
      response.setHeader(h.getKey(), h.getValue());
    }
    if (origin.secure()) {
      response.setHeader("Strict-Transport-Security", s.hsts());
    } else if (!(s.allowPlainHttpOnLoopback()
        && TrustedProxies.isLoopback(origin.clientAddress()))) {
      SecurityEventListener.deliver(
          s.events(),
          SecurityEvent.builder(SecurityEventType.INPUT_VALIDATION_FAIL, s.clock().instant())
              .request(origin.context())
              .reason(RefusalReason.PLAIN_HTTP)
              .build());
      String method = request.getMethod();
      String location =
          s.plainHttp() == SecurityHeadersSettings.PlainHttp.REDIRECT
              ? httpsLocation(request)
              : null;
      if (location != null && ("GET".equals(method) || "HEAD".equals(method))) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Location", location);
        response.setStatus(308);
        return;
      }
      ProblemResponses.send(response, 403);
      return;
    }
    chain.doFilter(request, response);
  }

  /**
   * The same URL over HTTPS, built from the server name (not echoed raw) and only when the path is
   * canonical.
   */
  private static String httpsLocation(HttpServletRequest request) {
    String host = request.getServerName();
    String uri = request.getRequestURI();
    if (host == null
        || uri == null
        || PathPatterns.canonical(uri) == null
        || (TrustedProxies.literal(host) == null && !isHostName(host))) {
      return null;
    }
    String query = request.getQueryString();
    if (query != null) {
      for (int i = 0; i < query.length(); i++) {
        char c = query.charAt(i);
        if (c <= 0x20 || c >= 0x7f) {
          return null;
        }
      }
    }
    return "https://" + host + uri + (query == null ? "" : "?" + query);
  }

  private static boolean isHostName(String host) {
    if (host.isEmpty() || host.length() > 253) {
      return false;
    }
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (!((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.')) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns the headers this filter sets on every response, for the answers no filter sees: the
   * container's own error answers to requests it refuses before the application (an oversized
   * header, an ambiguous path, a malformed request line). A container-level error hook (Jetty's
   * {@code ErrorHandler}, a Tomcat {@code ErrorReportValve}) sets them with {@link
   * ProblemResponses#body(int)} so that every answer carries the same headers and body.
   *
   * <pre>{@code
   * filters.securityHeadersFilter().responseHeaders(request.isSecure()).forEach(response::setHeader);
   * }</pre>
   *
   * @param secure whether the answer goes out over HTTPS (adds {@code Strict-Transport-Security})
   * @return the header names and values, unmodifiable
   * @throws IllegalStateException if the filter was created without settings and {@link #init} has
   *     not run yet
   */
  public Map<String, String> responseHeaders(boolean secure) {
    SecurityHeadersSettings s = settings;
    if (s == null) {
      throw new IllegalStateException(
          "SecurityHeadersFilter was not initialised; the container must call init()");
    }
    if (!secure) {
      return s.headers();
    }
    Map<String, String> all = new LinkedHashMap<>(s.headers());
    all.put("Strict-Transport-Security", s.hsts());
    return Collections.unmodifiableMap(all);
  }

  /** The settings in use, or {@code null} before {@link #init} configured them. */
  SecurityHeadersSettings settings() {
    return settings;
  }

  @Override
  public void destroy() {
    // Nothing to release.
  }
}
