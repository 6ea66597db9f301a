package dev.jwtsecurity.servlet;

import dev.jwtsecurity.audit.SecurityEventListener;
import dev.jwtsecurity.internal.SetOnce;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The immutable settings of a {@link SecurityHeadersFilter}: response headers, HTTPS enforcement
 * and trusted proxies.
 *
 * <pre>{@code
 * SecurityHeadersSettings settings = SecurityHeadersSettings.builder()
 *     .trustedProxies("10.0.0.0/8")
 *     .redirectPlainHttp()                        // GET/HEAD over http:// get 308 to https://
 *     .header("Content-Security-Policy", "default-src 'self'")
 *     .build();
 * }</pre>
 *
 * <p>Defaults, suited to a JSON API:
 *
 * <ul>
 *   <li>{@code X-Content-Type-Options: nosniff}
 *   <li>{@code X-Frame-Options: DENY}
 *   <li>{@code X-XSS-Protection: 0} (not {@code 1; mode=block}; see below)
 *   <li>{@code Content-Security-Policy: default-src 'none'; frame-ancestors 'none'}
 *   <li>{@code Referrer-Policy: no-referrer}
 *   <li>{@code Strict-Transport-Security: max-age=31536000; includeSubDomains}, on HTTPS responses
 *       only (RFC 6797 §7.2)
 *   <li>plain-HTTP requests refused with 403
 * </ul>
 *
 * <h2>Security considerations</h2>
 *
 * <p>{@code X-XSS-Protection: 1; mode=block} switched on the XSS auditor of old browsers, which
 * itself allowed cross-site information leaks; OWASP's Secure Headers Project marks the header
 * deprecated and recommends {@code 0}. {@code header("X-XSS-Protection", "1; mode=block")} restores
 * the guide's value. Plain HTTP on loopback is only allowed through {@link
 * Builder#unsafeAllowPlainHttpOnLoopback()}, for development.
 */
public final class SecurityHeadersSettings {

  /** How a plain-HTTP request is answered. */
  enum PlainHttp {
    REFUSE,
    REDIRECT
  }

  private static final String DEFAULT_HSTS = "max-age=31536000; includeSubDomains";

  private final Map<String, String> headers;
  private final String hsts;
  private final PlainHttp plainHttp;
  private final boolean allowPlainHttpOnLoopback;
  private final TrustedProxies trustedProxies;
  private final SecureRandom random;
  private final SecurityEventListener events;
  private final Clock clock;

  private SecurityHeadersSettings(Builder b) {
    this.headers = Map.copyOf(b.headers);
    this.hsts = b.hsts == null ? DEFAULT_HSTS : b.hsts;
    this.plainHttp = b.plainHttp == null ? PlainHttp.REFUSE : b.plainHttp;
    this.allowPlainHttpOnLoopback = b.allowPlainHttpOnLoopback;
    this.trustedProxies = TrustedProxies.parse(b.trustedProxies);
    this.random = b.random == null ? new SecureRandom() : b.random;
    // No refusal goes unrecorded: without a listener of the application's, the security log.
    this.events = b.events == null ? SecurityEventListener.securityLog() : b.events;
    this.clock = b.clock == null ? Clock.systemUTC() : b.clock;
  }

  /**
   * Returns a builder with the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  Map<String, String> headers() {
    return headers;
  }

  String hsts() {
    return hsts;
  }

  PlainHttp plainHttp() {
    return plainHttp;
  }

  boolean allowPlainHttpOnLoopback() {
    return allowPlainHttpOnLoopback;
  }

  TrustedProxies trustedProxies() {
    return trustedProxies;
  }

  SecureRandom random() {
    return random;
  }

  SecurityEventListener events() {
    return events;
  }

  Clock clock() {
    return clock;
  }

  @Override
  public String toString() {
    return "SecurityHeadersSettings[headers="
        + headers
        + ", hsts="
        + hsts
        + ", plainHttp="
        + plainHttp
        + "]";
  }

  /** Builds {@link SecurityHeadersSettings}. Not thread-safe. */
  public static final class Builder {
    private final SetOnce once = new SetOnce();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String hsts;
    private PlainHttp plainHttp;
    private boolean allowPlainHttpOnLoopback;
    private final List<String> trustedProxies = new ArrayList<>();
    private SecureRandom random;
    private SecurityEventListener events;
    private Clock clock;

    private Builder() {
      headers.put("X-Content-Type-Options", "nosniff");
      headers.put("X-Frame-Options", "DENY");
      headers.put("X-XSS-Protection", "0");
      headers.put("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
      headers.put("Referrer-Policy", "no-referrer");
    }

    /**
     * Sets (or adds) a response header sent on every response.
     *
     * @param name the header name; {@code Strict-Transport-Security} goes through {@link
     *     #strictTransportSecurity}
     * @param value the value: visible ASCII and spaces only
     * @return this builder
     * @throws IllegalArgumentException if the name is not a token or the value has control
     *     characters
     */
    public Builder header(String name, String value) {
      checkName(name);
      if (name.equalsIgnoreCase("Strict-Transport-Security")) {
        return strictTransportSecurity(value);
      }
      headers.put(name, checkValue(value));
      return this;
    }

    /**
     * Stops sending a default header, such as {@code X-Frame-Options} when a CSP {@code
     * frame-ancestors} covers it.
     *
     * @param name the header name
     * @return this builder
     * @throws IllegalArgumentException if the header is not one this filter sends
     */
    public Builder withoutHeader(String name) {
      checkName(name);
      if (name.equalsIgnoreCase("Strict-Transport-Security")) {
        throw new IllegalArgumentException(
            "HSTS cannot be switched off: the API is served over HTTPS only. Shorten it with"
                + " strictTransportSecurity(...)");
      }
      if (headers.keySet().removeIf(k -> k.equalsIgnoreCase(name))) {
        return this;
      }
      throw new IllegalArgumentException("'" + name + "' is not a header this filter sends");
    }

    /**
     * Sets the {@code Strict-Transport-Security} value sent on HTTPS responses; default {@code
     * max-age=31536000; includeSubDomains}.
     *
     * @param value an RFC 6797 value with a {@code max-age}
     * @return this builder
     * @throws IllegalArgumentException if the value has no {@code max-age}
     * @throws IllegalStateException if set before
     */
    public Builder strictTransportSecurity(String value) {
      checkValue(value);
      if (!value.toLowerCase(Locale.ROOT).contains("max-age=")) {
        throw new IllegalArgumentException(
            "Strict-Transport-Security needs max-age=<seconds> (RFC 6797 §6.1.1)");
      }
      once.mark("strictTransportSecurity");
      this.hsts = value;
      return this;
    }

    /**
     * Answers plain-HTTP GET and HEAD requests with a 308 redirect to the same URL over HTTPS
     * instead of 403. Other methods are still refused: a redirect would have sent the body (and any
     * credentials) in clear already.
     *
     * @return this builder
     * @throws IllegalStateException if called before
     */
    public Builder redirectPlainHttp() {
      once.mark("redirectPlainHttp");
      this.plainHttp = PlainHttp.REDIRECT;
      return this;
    }

    /**
     * Lets plain HTTP through when the resolved client address is a loopback address. <strong>For
     * development only</strong>: behind a proxy on the same host, every request comes from loopback
     * unless the proxy is trusted.
     *
     * @return this builder
     * @throws IllegalStateException if called before
     */
    public Builder unsafeAllowPlainHttpOnLoopback() {
      once.mark("unsafeAllowPlainHttpOnLoopback");
      this.allowPlainHttpOnLoopback = true;
      return this;
    }

    /**
     * Adds trusted proxies whose {@code Forwarded}, {@code X-Forwarded-For}, {@code
     * X-Forwarded-Proto} and {@code X-Request-Id} headers are believed; default none. The {@link
     * JwtAuthenticationFilter} behind this filter uses the same resolution, so this is the one
     * place to list them.
     *
     * @param cidrs address literals or CIDR blocks
     * @return this builder
     * @throws IllegalArgumentException if an entry is not an address or CIDR block
     */
    public Builder trustedProxies(String... cidrs) {
      List<String> list = List.of(cidrs);
      TrustedProxies.parse(list);
      trustedProxies.addAll(list);
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
     * Sets where refused plain-HTTP requests are reported; default the SLF4J security log ({@link
     * SecurityEventListener#securityLog()}).
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
     * Returns the settings.
     *
     * @return immutable settings
     */
    public SecurityHeadersSettings build() {
      return new SecurityHeadersSettings(this);
    }

    private static void checkName(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isEmpty()) {
        throw new IllegalArgumentException("header name must not be empty");
      }
      for (int i = 0; i < name.length(); i++) {
        char c = name.charAt(i);
        if (!(Character.isLetterOrDigit(c) && c < 0x80) && c != '-') {
          throw new IllegalArgumentException("header name must be letters, digits and '-'");
        }
      }
    }

    private static String checkValue(String value) {
      Objects.requireNonNull(value, "value");
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c < 0x20 || c > 0x7e) {
          throw new IllegalArgumentException(
              "header value must be visible ASCII and spaces (no CR/LF)");
        }
      }
      return value;
    }
  }
}
