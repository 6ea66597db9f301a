package dev.jwtsecurity.servlet;

import dev.jwtsecurity.JwtSecurity;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Both servlet filters, configured from the front door in one step: the {@link
 * SecurityHeadersFilter} (HTTPS, trusted proxies, security headers) and, behind it, the {@link
 * JwtAuthenticationFilter}.
 *
 * <pre>{@code
 * JwtSecurity security = JwtSecurity.builder(JwtSettings.fromEnvironment(System.getenv()))
 *     .users(userTable)
 *     .build();
 * JwtSecurityFilters.builder(security)
 *     .publicPaths("/health", "/api/auth/*")
 *     .loginPaths("/api/auth/login")
 *     .trustedProxies("10.0.0.0/8")
 *     .build()
 *     .register(servletContext);        // from a ServletContextListener or initializer
 * }</pre>
 *
 * <p>Everything the filters need that the front door already has is taken from it, never asked
 * again: its {@linkplain JwtSecurity#authenticator() authenticator}, its {@linkplain
 * JwtSecurity#events() security events} (the security log, the failure monitor and the
 * application's listeners), its clock and random source, and its {@linkplain
 * JwtSecurity#loginThrottle() login throttle}, which guards the login paths by client address while
 * {@link JwtSecurity#login} counts each outcome per address and account. Trusted proxies are set
 * here once and serve both filters. For Spring Boot's {@code FilterRegistrationBean}, take the two
 * filters from {@link #securityHeadersFilter()} and {@link #authenticationFilter()}.
 *
 * <h2>Security considerations</h2>
 *
 * <p>The defaults are the filters' own: plain HTTP refused, no forwarding header believed, every
 * mapped path requires a bearer token, no cookie is read. {@link
 * Builder#unsafeAllowPlainHttpOnLoopback()} is for development only. In cookie mode the CSRF key is
 * random per instance unless set on the {@link TokenCookies.Builder}: several instances need the
 * same key.
 */
public final class JwtSecurityFilters {

  /** The name the security-headers filter is registered under. */
  public static final String HEADERS_FILTER_NAME = "jwt-security-headers";

  /** The name the authentication filter is registered under. */
  public static final String AUTHENTICATION_FILTER_NAME = "jwt-security-authentication";

  private final SecurityHeadersFilter headers;
  private final JwtAuthenticationFilter authentication;
  private final TokenCookies cookies;
  private final List<String> protectedPaths;

  private JwtSecurityFilters(Builder b) {
    JwtSecurity security = b.security;
    b.headers.events(security.events()).clock(security.clock()).random(security.random());
    b.authentication
        .authenticator(security.authenticator())
        .events(security.events())
        .clock(security.clock())
        .random(security.random());
    if (b.hasLoginPaths) {
      b.authentication.loginThrottle(LoginThrottleGate.checking(security.loginThrottle()));
    }
    if (b.cookies != null) {
      if (!b.cookies.hasRandom()) {
        b.cookies.random(security.random());
      }
      this.cookies = b.cookies.build();
      b.authentication.cookies(cookies);
    } else {
      this.cookies = null;
    }
    this.headers = new SecurityHeadersFilter(b.headers.build());
    this.authentication = new JwtAuthenticationFilter(b.authentication.build());
    this.protectedPaths =
        b.protectedPaths.isEmpty() ? List.of("/*") : List.copyOf(b.protectedPaths);
  }

  /**
   * Returns a builder over the front door whose authenticator, events, clock, random source and
   * login throttle the filters share.
   *
   * @param security the application's front door
   * @return a new builder
   * @throws NullPointerException if {@code security} is {@code null}
   */
  public static Builder builder(JwtSecurity security) {
    return new Builder(Objects.requireNonNull(security, "security"));
  }

  /**
   * Registers both filters for the {@code REQUEST} dispatcher, before the filters of {@code
   * web.xml}: {@value #HEADERS_FILTER_NAME} on {@code /*} first, then {@value
   * #AUTHENTICATION_FILTER_NAME} on the {@linkplain Builder#protectedPaths protected paths}.
   *
   * @param context the servlet context, during its initialisation
   * @throws IllegalStateException if the context is already initialised, or a filter of either name
   *     is registered already
   */
  public void register(ServletContext context) {
    Objects.requireNonNull(context, "context");
    EnumSet<DispatcherType> request = EnumSet.of(DispatcherType.REQUEST);
    added(context.addFilter(HEADERS_FILTER_NAME, headers), HEADERS_FILTER_NAME)
        .addMappingForUrlPatterns(request, false, "/*");
    added(context.addFilter(AUTHENTICATION_FILTER_NAME, authentication), AUTHENTICATION_FILTER_NAME)
        .addMappingForUrlPatterns(request, false, protectedPaths.toArray(String[]::new));
  }

  private static FilterRegistration.Dynamic added(FilterRegistration.Dynamic r, String name) {
    if (r == null) {
      throw new IllegalStateException("a filter named " + name + " is already registered");
    }
    return r;
  }

  /**
   * Returns the security-headers filter, to register first (for example with Spring Boot's {@code
   * FilterRegistrationBean} at the highest precedence).
   *
   * @return the filter; the same instance on every call
   */
  public SecurityHeadersFilter securityHeadersFilter() {
    return headers;
  }

  /**
   * Returns the authentication filter, to register behind the security-headers filter.
   *
   * @return the filter; the same instance on every call
   */
  public JwtAuthenticationFilter authenticationFilter() {
    return authentication;
  }

  /**
   * Returns the cookie writer of cookie mode, whose CSRF key the authentication filter checks, for
   * the login, refresh and logout paths that write and clear the cookies.
   *
   * @return the cookie writer, or empty when cookie mode is off
   */
  public Optional<TokenCookies> tokenCookies() {
    return Optional.ofNullable(cookies);
  }

  @Override
  public String toString() {
    return "JwtSecurityFilters[protectedPaths="
        + protectedPaths
        + ", cookieMode="
        + (cookies != null)
        + "]";
  }

  /**
   * Builds {@link JwtSecurityFilters}. Each option is the one of the same name on {@link
   * JwtAuthenticationSettings.Builder} or {@link SecurityHeadersSettings.Builder}; what the front
   * door provides cannot be set here. Single-valued options fail when set twice. Not thread-safe.
   */
  public static final class Builder {
    private final JwtSecurity security;
    private final JwtAuthenticationSettings.Builder authentication =
        JwtAuthenticationSettings.builder();
    private final SecurityHeadersSettings.Builder headers = SecurityHeadersSettings.builder();
    private final List<String> protectedPaths = new ArrayList<>();
    private TokenCookies.Builder cookies;
    private boolean hasLoginPaths;
    private boolean built;

    private Builder(JwtSecurity security) {
      this.security = security;
    }

    /**
     * Adds URL patterns the authentication filter is mapped to by {@link #register}; default {@code
     * /*}. Servlet URL-pattern syntax ({@code /api/*}, {@code *.do}, exact paths).
     *
     * @param urlPatterns the patterns
     * @return this builder
     * @throws IllegalArgumentException if a pattern is empty
     */
    public Builder protectedPaths(String... urlPatterns) {
      for (String p : urlPatterns) {
        if (Objects.requireNonNull(p, "urlPattern").isEmpty()) {
          throw new IllegalArgumentException("a URL pattern must not be empty");
        }
        protectedPaths.add(p);
      }
      return this;
    }

    /**
     * Adds paths that need no token; see {@link JwtAuthenticationSettings.Builder#publicPaths}.
     *
     * @param patterns {@code /exact} or {@code /prefix/*}, relative to the context path
     * @return this builder
     * @throws IllegalArgumentException if a pattern is not of those two forms
     */
    public Builder publicPaths(String... patterns) {
      authentication.publicPaths(patterns);
      return this;
    }

    /**
     * Adds login paths: public, and refused with 429 while the front door's login throttle locks
     * the client address out; see {@link JwtAuthenticationSettings.Builder#loginPaths}.
     *
     * @param patterns the patterns
     * @return this builder
     * @throws IllegalArgumentException if a pattern is not valid
     */
    public Builder loginPaths(String... patterns) {
      authentication.loginPaths(patterns);
      hasLoginPaths |= patterns.length > 0;
      return this;
    }

    /**
     * Turns cookie mode on with the default cookies: the access token is also accepted from the
     * {@value TokenCookies#ACCESS_COOKIE} cookie, with the CSRF checks on every state-changing
     * request it authenticates.
     *
     * @return this builder
     * @throws IllegalStateException if cookie mode is on already
     */
    public Builder cookieMode() {
      return cookieMode(TokenCookies.builder());
    }

    /**
     * Turns cookie mode on with cookies configured on {@code cookies} (refresh path, {@code
     * SameSite}, CSRF key); the front door's random source makes the CSRF key unless the builder
     * has its own.
     *
     * @param cookies the cookie configuration, built here
     * @return this builder
     * @throws IllegalStateException if cookie mode is on already
     */
    public Builder cookieMode(TokenCookies.Builder cookies) {
      Objects.requireNonNull(cookies, "cookies");
      if (this.cookies != null) {
        throw new IllegalStateException("cookie mode was already turned on");
      }
      this.cookies = cookies;
      return this;
    }

    /**
     * Adds origins allowed for cookie-authenticated writes; see {@link
     * JwtAuthenticationSettings.Builder#allowedOrigins}.
     *
     * @param origins {@code https://host[:port]}
     * @return this builder
     * @throws IllegalArgumentException if an origin is malformed
     */
    public Builder allowedOrigins(String... origins) {
      authentication.allowedOrigins(origins);
      return this;
    }

    /**
     * Adds trusted proxies, for both filters; see {@link
     * SecurityHeadersSettings.Builder#trustedProxies}.
     *
     * @param cidrs address literals or CIDR blocks
     * @return this builder
     * @throws IllegalArgumentException if an entry is not an address or CIDR block
     */
    public Builder trustedProxies(String... cidrs) {
      headers.trustedProxies(cidrs);
      return this;
    }

    /**
     * Sets the realm of the {@code WWW-Authenticate} challenge; default {@code api}.
     *
     * @param realm 1-64 visible ASCII characters, without {@code "} or {@code \}
     * @return this builder
     * @throws IllegalArgumentException if the realm cannot be sent as is
     * @throws IllegalStateException if set before
     */
    public Builder realm(String realm) {
      authentication.realm(realm);
      return this;
    }

    /**
     * Adds an exception type answered with the one 404; see {@link
     * JwtAuthenticationSettings.Builder#notFoundException}.
     *
     * @param type the exception type
     * @return this builder
     */
    public Builder notFoundException(Class<? extends Throwable> type) {
      authentication.notFoundException(type);
      return this;
    }

    /**
     * Sets the longest token accepted before validation; default 8 KiB.
     *
     * @param maxTokenLength 256..65536
     * @return this builder
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if set before
     */
    public Builder maxTokenLength(int maxTokenLength) {
      authentication.maxTokenLength(maxTokenLength);
      return this;
    }

    /**
     * Sets or adds a response header; see {@link SecurityHeadersSettings.Builder#header}.
     *
     * @param name the header name
     * @param value the value
     * @return this builder
     * @throws IllegalArgumentException if the name or value is not acceptable
     */
    public Builder header(String name, String value) {
      headers.header(name, value);
      return this;
    }

    /**
     * Stops sending a default header; see {@link SecurityHeadersSettings.Builder#withoutHeader}.
     *
     * @param name the header name
     * @return this builder
     * @throws IllegalArgumentException if the header is not one the filter sends, or is HSTS
     */
    public Builder withoutHeader(String name) {
      headers.withoutHeader(name);
      return this;
    }

    /**
     * Sets the {@code Strict-Transport-Security} value; see {@link
     * SecurityHeadersSettings.Builder#strictTransportSecurity}.
     *
     * @param value an RFC 6797 value with a {@code max-age}
     * @return this builder
     * @throws IllegalArgumentException if the value has no {@code max-age}
     * @throws IllegalStateException if set before
     */
    public Builder strictTransportSecurity(String value) {
      headers.strictTransportSecurity(value);
      return this;
    }

    /**
     * Redirects plain-HTTP GET and HEAD to HTTPS (308) instead of refusing them; see {@link
     * SecurityHeadersSettings.Builder#redirectPlainHttp}.
     *
     * @return this builder
     * @throws IllegalStateException if called before
     */
    public Builder redirectPlainHttp() {
      headers.redirectPlainHttp();
      return this;
    }

    /**
     * Lets plain HTTP through from loopback clients. <strong>For development only</strong>; see
     * {@link SecurityHeadersSettings.Builder#unsafeAllowPlainHttpOnLoopback}.
     *
     * @return this builder
     * @throws IllegalStateException if called before
     */
    public Builder unsafeAllowPlainHttpOnLoopback() {
      headers.unsafeAllowPlainHttpOnLoopback();
      return this;
    }

    /**
     * Returns both filters, wired to the front door.
     *
     * @return the filters
     * @throws IllegalStateException if called twice on one builder
     */
    public JwtSecurityFilters build() {
      if (built) {
        throw new IllegalStateException("build() was already called on this builder");
      }
      built = true;
      return new JwtSecurityFilters(this);
    }
  }
}
