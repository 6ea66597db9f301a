package dev.jwtsecurity.servlet;

import dev.jwtsecurity.access.ResourceNotFoundException;
import dev.jwtsecurity.access.TokenAuthenticator;
import dev.jwtsecurity.audit.SecurityEventListener;
import dev.jwtsecurity.internal.SetOnce;
import dev.jwtsecurity.token.AccessTokenValidator;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The immutable settings of a {@link JwtAuthenticationFilter}.
 *
 * <pre>{@code
 * JwtAuthenticationSettings settings = JwtAuthenticationSettings.builder()
 *     .authenticator(authenticator)
 *     .events(listener)
 *     .publicPaths("/health", "/api/auth/*")
 *     .loginPaths("/api/auth/login")
 *     .loginThrottle(gate)
 *     .cookies(TokenCookies.builder().build())      // cookie mode, with CSRF defence
 *     .build();
 * }</pre>
 *
 * <p>By default every path the filter is mapped to requires a valid access token in an {@code
 * Authorization: Bearer} header; nothing else is accepted. Refusals are written to the SLF4J
 * security log unless {@link Builder#events} names another listener. Trusted proxies are not set
 * here: they belong to {@link SecurityHeadersSettings}, whose resolution this filter reuses.
 *
 * <h2>Security considerations</h2>
 *
 * <p>Public paths are an allow-list matched against the canonical path only (see {@link
 * Builder#publicPaths}); a path that is not canonical is never public.
 */
public final class JwtAuthenticationSettings {

  private final TokenAuthenticator authenticator;
  private final SecurityEventListener events;
  private final Clock clock;
  private final SecureRandom random;
  private final String realm;
  private final PathPatterns publicPaths;
  private final PathPatterns loginPaths;
  private final LoginThrottleGate loginThrottle;
  private final TokenCookies cookies;
  private final List<String> allowedOrigins;
  private final List<Class<? extends Throwable>> notFoundExceptions;
  private final int maxTokenLength;
  private final boolean authorizationByFramework;

  private JwtAuthenticationSettings(Builder b) {
    this.authenticator = b.authenticator;
    // No refusal goes unrecorded: without a listener of the application's, the security log.
    this.events = b.events != null ? b.events : SecurityEventListener.securityLog();
    this.clock = b.clock != null ? b.clock : Clock.systemUTC();
    this.random = b.random != null ? b.random : new SecureRandom();
    this.realm = b.realm != null ? b.realm : "api";
    this.publicPaths = PathPatterns.of(b.publicPaths);
    this.loginPaths = PathPatterns.of(b.loginPaths);
    this.loginThrottle = b.loginThrottle;
    this.cookies = b.cookies;
    this.allowedOrigins = List.copyOf(b.allowedOrigins);
    this.notFoundExceptions = List.copyOf(b.notFoundExceptions);
    this.maxTokenLength =
        b.maxTokenLength != 0 ? b.maxTokenLength : AccessTokenValidator.DEFAULT_MAX_TOKEN_LENGTH;
    this.authorizationByFramework = b.authorizationByFramework;
  }

  /**
   * Returns a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  TokenAuthenticator authenticator() {
    return authenticator;
  }

  SecurityEventListener events() {
    return events;
  }

  Clock clock() {
    return clock;
  }

  SecureRandom random() {
    return random;
  }

  String realm() {
    return realm;
  }

  PathPatterns publicPaths() {
    return publicPaths;
  }

  PathPatterns loginPaths() {
    return loginPaths;
  }

  LoginThrottleGate loginThrottle() {
    return loginThrottle;
  }

  TokenCookies cookies() {
    return cookies;
  }

  List<String> allowedOrigins() {
    return allowedOrigins;
  }

  List<Class<? extends Throwable>> notFoundExceptions() {
    return notFoundExceptions;
  }

  int maxTokenLength() {
    return maxTokenLength;
  }

  boolean authorizationByFramework() {
    return authorizationByFramework;
  }

  @Override
  public String toString() {
    return "JwtAuthenticationSettings[realm=" + realm + ", cookieMode=" + (cookies != null) + "]";
  }

  /** Builds {@link JwtAuthenticationSettings}. Not thread-safe. */
  public static final class Builder {
    private final SetOnce once = new SetOnce();
    private TokenAuthenticator authenticator;
    private SecurityEventListener events;
    private Clock clock;
    private SecureRandom random;
    private String realm;
    private final List<String> publicPaths = new ArrayList<>();
    private final List<String> loginPaths = new ArrayList<>();
    private LoginThrottleGate loginThrottle;
    private TokenCookies cookies;
    private final List<String> allowedOrigins = new ArrayList<>();
    private final List<Class<? extends Throwable>> notFoundExceptions =
        new ArrayList<>(List.of(ResourceNotFoundException.class));
    private int maxTokenLength;
    private boolean authorizationByFramework;

    private Builder() {}

    /**
     * Sets the authenticator that validates tokens and reports invalid ones; required.
     *
     * @param authenticator the core authenticator
     * @return this builder
     */
    public Builder authenticator(TokenAuthenticator authenticator) {
      Objects.requireNonNull(authenticator, "authenticator");
      once.mark("authenticator");
      this.authenticator = authenticator;
      return this;
    }

    /**
     * Sets where the filter reports its own refusals (malformed requests, CSRF, throttling);
     * default the SLF4J security log ({@link SecurityEventListener#securityLog()}). Invalid tokens
     * are reported by the authenticator's listener.
     *
     * @param events the listener; include {@code SecurityEventListener.securityLog()} to keep the
     *     log
     * @return this builder
     * @throws IllegalStateException if set before
     */
    public Builder events(SecurityEventListener events) {
      Objects.requireNonNull(events, "events");
      once.mark("events");
      this.events = events;
      return this;
    }

    /**
     * Sets the clock for event times; default the system UTC clock.
     *
     * @param clock the clock
     * @return this builder
     * @throws IllegalStateException if set before
     */
    public Builder clock(Clock clock) {
      Objects.requireNonNull(clock, "clock");
      once.mark("clock");
      this.clock = clock;
      return this;
    }

    /**
     * Sets the random source for request ids; default a new {@link SecureRandom}.
     *
     * @param random the source
     * @return this builder
     * @throws IllegalStateException if set before
     */
    public Builder random(SecureRandom random) {
      Objects.requireNonNull(random, "random");
      once.mark("random");
      this.random = random;
      return this;
    }

    /**
     * Sets the realm of the {@code WWW-Authenticate} challenge; default {@code api}.
     *
     * @param realm 1-64 visible ASCII characters, without {@code "} or {@code \}
     * @return this builder
     * @throws IllegalArgumentException if the realm cannot be sent as a quoted string as is
     * @throws IllegalStateException if set before
     */
    public Builder realm(String realm) {
      Objects.requireNonNull(realm, "realm");
      if (realm.isEmpty() || realm.length() > 64) {
        throw new IllegalArgumentException("realm must be 1-64 characters");
      }
      for (int i = 0; i < realm.length(); i++) {
        char c = realm.charAt(i);
        if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
          throw new IllegalArgumentException(
              "realm must be printable ASCII without quotes or backslashes");
        }
      }
      once.mark("realm");
      this.realm = realm;
      return this;
    }

    /**
     * Adds paths that need no token (login, refresh, health). {@code /health} matches exactly;
     * {@code /api/auth/*} matches {@code /api/auth} and everything below. Paths are relative to the
     * context path and matched after percent-decoding, only when the request path is canonical. On
     * a public path the filter does not look at tokens.
     *
     * @param patterns the patterns
     * @return this builder
     * @throws IllegalArgumentException if a pattern is not of the two forms above
     */
    public Builder publicPaths(String... patterns) {
      for (String p : patterns) {
        PathPatterns.of(List.of(Objects.requireNonNull(p, "pattern")));
        publicPaths.add(p);
      }
      return this;
    }

    /**
     * Adds login paths: public, and guarded by the {@linkplain #loginThrottle login throttle}. Same
     * pattern syntax as {@link #publicPaths}.
     *
     * @param patterns the patterns
     * @return this builder
     * @throws IllegalArgumentException if a pattern is not valid
     */
    public Builder loginPaths(String... patterns) {
      for (String p : patterns) {
        PathPatterns.of(List.of(Objects.requireNonNull(p, "pattern")));
        loginPaths.add(p);
      }
      return this;
    }

    /**
     * Sets the throttle consulted before each request to a login path; required when login paths
     * are set.
     *
     * @param gate the throttle
     * @return this builder
     * @throws IllegalStateException if set before
     */
    public Builder loginThrottle(LoginThrottleGate gate) {
      Objects.requireNonNull(gate, "gate");
      once.mark("loginThrottle");
      this.loginThrottle = gate;
      return this;
    }

    /**
     * Turns cookie mode on: the access token is also accepted from the {@value
     * TokenCookies#ACCESS_COOKIE} cookie, and every state-changing request it authenticates must
     * pass the CSRF checks.
     *
     * @param cookies the cookie writer whose CSRF key the filter checks against
     * @return this builder
     * @throws IllegalStateException if set before
     */
    public Builder cookies(TokenCookies cookies) {
      Objects.requireNonNull(cookies, "cookies");
      once.mark("cookies");
      this.cookies = cookies;
      return this;
    }

    /**
     * Adds origins allowed in the {@code Origin} header of cookie-authenticated state-changing
     * requests, such as {@code https://app.example.com}; default only the request's own origin
     * (scheme, host and port as the server sees them after trusted-proxy resolution).
     *
     * @param origins serialised origins: scheme, host and optional port, no path
     * @return this builder
     * @throws IllegalArgumentException if an origin is not {@code https://host[:port]} or {@code
     *     http://host[:port]}
     */
    public Builder allowedOrigins(String... origins) {
      for (String o : origins) {
        allowedOrigins.add(CsrfDefence.origin(Objects.requireNonNull(o, "origin")));
      }
      return this;
    }

    /**
     * Adds an exception type that means "no such resource for this user", besides core's {@link
     * ResourceNotFoundException} (always included): when the application throws it (directly or as
     * the cause of a {@code ServletException}), the filter answers with {@code
     * response.sendError(404)}, the same answer as the application's genuine not-found.
     *
     * @param type the exception type
     * @return this builder
     */
    public Builder notFoundException(Class<? extends Throwable> type) {
      notFoundExceptions.add(Objects.requireNonNull(type, "type"));
      return this;
    }

    /**
     * Sets the longest token accepted before validation; default 8 KiB, as the validator.
     *
     * @param maxTokenLength 256..65536
     * @return this builder
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if set before
     */
    public Builder maxTokenLength(int maxTokenLength) {
      if (maxTokenLength < 256 || maxTokenLength > 65536) {
        throw new IllegalArgumentException("maxTokenLength must be 256..65536");
      }
      once.mark("maxTokenLength");
      this.maxTokenLength = maxTokenLength;
      return this;
    }

    /**
     * Leaves the decision whether a request needs a user to a framework behind the filter (Spring
     * Security's {@code authorizeHttpRequests}, Jakarta Security): a request without any token
     * passes on unauthenticated instead of getting 401, and public paths are not needed. Everything
     * else is unchanged: a presented token is validated (invalid: 401), a malformed or ambiguous
     * one is refused (400), cookie-authenticated writes pass the CSRF checks (403), and login paths
     * are throttled.
     *
     * <p>Security consideration: with this setting the filter refuses no anonymous request; the
     * framework behind it must deny what needs a user. The Spring Boot starter sets it inside the
     * Spring Security filter chain, in front of Spring's authorization.
     *
     * @return this builder
     * @throws IllegalStateException if called before
     */
    public Builder authorizationByFramework() {
      once.mark("authorizationByFramework");
      this.authorizationByFramework = true;
      return this;
    }

    /**
     * Returns the settings.
     *
     * @return immutable settings
     * @throws IllegalStateException if no authenticator was set, login paths were set without a
     *     throttle, or public paths were set with {@link #authorizationByFramework()}
     */
    public JwtAuthenticationSettings build() {
      if (authenticator == null) {
        throw new IllegalStateException(
            "authenticator is required: pass the TokenAuthenticator of JwtSecurity.authenticator()");
      }
      if (!loginPaths.isEmpty() && loginThrottle == null) {
        throw new IllegalStateException(
            "login paths need a login throttle (a login endpoint without one is open to password"
                + " guessing); set loginThrottle(...)");
      }
      if (authorizationByFramework && !publicPaths.isEmpty()) {
        throw new IllegalStateException(
            "public paths are the framework's decision with authorizationByFramework(); permit"
                + " them there (for example permitAll() in Spring Security) instead");
      }
      return new JwtAuthenticationSettings(this);
    }
  }
}
