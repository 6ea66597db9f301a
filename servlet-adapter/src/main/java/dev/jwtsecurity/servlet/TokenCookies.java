package dev.jwtsecurity.servlet;

import dev.jwtsecurity.internal.ConstantTime;
import dev.jwtsecurity.internal.SetOnce;
import dev.jwtsecurity.token.IssuedAccessToken;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Writes and clears the token cookies of cookie mode, and derives the CSRF token bound to each
 * access token.
 *
 * <pre>{@code
 * TokenCookies cookies = TokenCookies.builder().refreshPath("/api/auth/refresh").build();
 * // at login:
 * String csrf = cookies.writeAccessToken(response, issued);      // __Host-access_token + __Host-csrf
 * cookies.writeRefreshToken(response, refreshToken, Duration.ofDays(7));
 * // at logout:
 * cookies.clear(response);
 * }</pre>
 *
 * <p>Cookies written (the {@code Set-Cookie} header is built here, so it is the same on every
 * container):
 *
 * <ul>
 *   <li>{@value #ACCESS_COOKIE}: {@code HttpOnly; Secure; SameSite=Strict; Path=/; Max-Age=}the
 *       token lifetime. The {@code __Host-} prefix makes the browser refuse it unless it is {@code
 *       Secure}, host-only and {@code Path=/}, so a sibling subdomain cannot plant or shadow it.
 *   <li>{@value #REFRESH_COOKIE}: {@code HttpOnly; Secure; SameSite=Strict; Path=}the refresh path:
 *       the refresh token is only sent to the one endpoint that spends it. {@code __Host-} requires
 *       {@code Path=/}, so this cookie uses the {@code __Secure-} prefix (which still requires
 *       {@code Secure}).
 *   <li>{@value #CSRF_COOKIE}: readable by scripts (not {@code HttpOnly}), {@code Secure;
 *       SameSite=Strict; Path=/}; its value must be echoed in the {@value #CSRF_HEADER} header of
 *       every state-changing request (double submit).
 * </ul>
 *
 * <h2>Security considerations</h2>
 *
 * <p>The CSRF token is {@code base64url(HMAC-SHA256(csrfKey, jti))}: bound to the access token it
 * was issued with, so a token planted by an attacker (cookie tossing) is useless, and rotated at
 * every login and refresh. The key is random per instance unless configured: with several instances
 * behind a load balancer, configure the same key everywhere ({@code JWT_CSRF_KEY}) or CSRF checks
 * fail closed on the instances that did not write the cookie.
 */
public final class TokenCookies {

  /** The access-token cookie name. */
  public static final String ACCESS_COOKIE = "__Host-access_token";

  /** The refresh-token cookie name. */
  public static final String REFRESH_COOKIE = "__Secure-refresh_token";

  /** The CSRF double-submit cookie name. */
  public static final String CSRF_COOKIE = "__Host-csrf";

  /** The request header that must echo the CSRF cookie. */
  public static final String CSRF_HEADER = "X-CSRF-Token";

  /** The refresh path used unless configured. */
  public static final String DEFAULT_REFRESH_PATH = "/api/auth/refresh";

  /** The {@code SameSite} attribute of the token cookies. */
  public enum SameSite {
    /** Never sent on cross-site requests; the default. */
    STRICT("Strict"),
    /**
     * Sent on top-level cross-site navigations with safe methods (links from other sites keep the
     * login).
     */
    LAX("Lax");

    private final String attribute;

    SameSite(String attribute) {
      this.attribute = attribute;
    }

    String attribute() {
      return attribute;
    }
  }

  private static final int MIN_KEY_BYTES = 32;

  private final SameSite sameSite;
  private final String refreshPath;
  private final byte[] csrfKey;

  private TokenCookies(Builder b) {
    this.sameSite = b.sameSite == null ? SameSite.STRICT : b.sameSite;
    this.refreshPath = b.refreshPath == null ? DEFAULT_REFRESH_PATH : b.refreshPath;
    if (b.csrfKey != null) {
      this.csrfKey = b.csrfKey.clone();
    } else {
      this.csrfKey = new byte[MIN_KEY_BYTES];
      (b.random == null ? new SecureRandom() : b.random).nextBytes(csrfKey);
    }
  }

  /**
   * Returns a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Writes the access-token cookie and the CSRF cookie bound to it, both with {@code Max-Age} equal
   * to the token's lifetime.
   *
   * @param response the response, not yet committed
   * @param token the issued access token
   * @return the CSRF token (also in the CSRF cookie), for a login response body if the client
   *     prefers it there
   */
  public String writeAccessToken(HttpServletResponse response, IssuedAccessToken token) {
    Objects.requireNonNull(response, "response");
    Objects.requireNonNull(token, "token");
    requireCookieValue(token.value(), "access token");
    long maxAge = Math.max(0, token.expiresInSeconds());
    String csrf = csrfToken(token.tokenId());
    response.addHeader("Set-Cookie", cookie(ACCESS_COOKIE, token.value(), "/", maxAge, true));
    response.addHeader("Set-Cookie", cookie(CSRF_COOKIE, csrf, "/", maxAge, false));
    return csrf;
  }

  /**
   * Writes the refresh-token cookie, scoped to the refresh path.
   *
   * @param response the response, not yet committed
   * @param refreshToken the opaque refresh token
   * @param maxAge how long the browser keeps it (the refresh token's remaining lifetime)
   * @throws IllegalArgumentException if the token has characters a cookie value cannot carry, or
   *     maxAge is negative
   */
  public void writeRefreshToken(
      HttpServletResponse response, String refreshToken, Duration maxAge) {
    Objects.requireNonNull(response, "response");
    requireCookieValue(refreshToken, "refresh token");
    if (maxAge.isNegative()) {
      throw new IllegalArgumentException("maxAge must not be negative");
    }
    response.addHeader(
        "Set-Cookie", cookie(REFRESH_COOKIE, refreshToken, refreshPath, maxAge.toSeconds(), true));
  }

  /**
   * Clears the three cookies ({@code Max-Age=0}) and sends {@code Clear-Site-Data: "cookies",
   * "storage"}, for logout.
   *
   * @param response the response, not yet committed
   */
  public void clear(HttpServletResponse response) {
    Objects.requireNonNull(response, "response");
    response.addHeader("Set-Cookie", cookie(ACCESS_COOKIE, "", "/", 0, true));
    response.addHeader("Set-Cookie", cookie(CSRF_COOKIE, "", "/", 0, false));
    response.addHeader("Set-Cookie", cookie(REFRESH_COOKIE, "", refreshPath, 0, true));
    // W3C Clear Site Data: "storage" too, so nothing the logged-out user's pages cached in
    // localStorage survives.
    response.setHeader("Clear-Site-Data", "\"cookies\", \"storage\"");
  }

  /** The refresh path the refresh cookie is scoped to. */
  String refreshPath() {
    return refreshPath;
  }

  String csrfToken(String tokenId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(csrfKey, "HmacSHA256"));
      byte[] tag =
          mac.doFinal(("jwt-security csrf v1\0" + tokenId).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
    }
  }

  /** Constant-time check that {@code presented} is the CSRF token of {@code tokenId}. */
  boolean isCsrfTokenOf(String presented, String tokenId) {
    return ConstantTime.equals(csrfToken(tokenId), presented);
  }

  private String cookie(String name, String value, String path, long maxAge, boolean httpOnly) {
    StringBuilder sb = new StringBuilder(name.length() + value.length() + 96);
    sb.append(name)
        .append('=')
        .append(value)
        .append("; Path=")
        .append(path)
        .append("; Max-Age=")
        .append(maxAge);
    sb.append("; Secure");
    if (httpOnly) {
      sb.append("; HttpOnly");
    }
    sb.append("; SameSite=").append(sameSite.attribute());
    return sb.toString();
  }

  /** RFC 6265 §4.1.1 cookie-octet: visible ASCII except {@code " , ; \}. */
  static void requireCookieValue(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x21 || c > 0x7e || c == '"' || c == ',' || c == ';' || c == '\\') {
        throw new IllegalArgumentException(
            what + " has a character a cookie value cannot carry (RFC 6265 §4.1.1)");
      }
    }
  }

  static void requirePath(String path) {
    if (path == null
        || !path.startsWith("/")
        || PathPatterns.canonical(path) == null
        || !path.equals(PathPatterns.canonical(path))) {
      throw new IllegalArgumentException(
          "refresh path must be a canonical absolute path like /api/auth/refresh");
    }
  }

  @Override
  public String toString() {
    return "TokenCookies[sameSite="
        + sameSite
        + ", refreshPath="
        + refreshPath
        + ", csrfKey=redacted]";
  }

  /** Builds {@link TokenCookies}. Not thread-safe. */
  public static final class Builder {
    private final SetOnce once = new SetOnce();
    private SameSite sameSite;
    private String refreshPath;
    private byte[] csrfKey;
    private SecureRandom random;

    private Builder() {}

    /**
     * Sets {@code SameSite}; default {@link SameSite#STRICT}. {@code None} is not offered: it would
     * send the token cookie on cross-site requests.
     *
     * @param sameSite the attribute
     * @return this builder
     * @throws IllegalStateException if set before
     */
    public Builder sameSite(SameSite sameSite) {
      Objects.requireNonNull(sameSite, "sameSite");
      once.mark("sameSite");
      this.sameSite = sameSite;
      return this;
    }

    /**
     * Sets the path the refresh-token cookie is scoped to; default {@value
     * TokenCookies#DEFAULT_REFRESH_PATH}.
     *
     * @param refreshPath a canonical absolute path
     * @return this builder
     * @throws IllegalArgumentException if the path is not canonical and absolute
     * @throws IllegalStateException if set before
     */
    public Builder refreshPath(String refreshPath) {
      requirePath(refreshPath);
      once.mark("refreshPath");
      this.refreshPath = refreshPath;
      return this;
    }

    /**
     * Sets the key that binds CSRF tokens to access tokens; default a random key per instance. Set
     * the same key on every instance of a load-balanced application.
     *
     * @param key at least 32 random bytes; copied
     * @return this builder
     * @throws IllegalArgumentException if the key is shorter than 32 bytes or all one byte value
     * @throws IllegalStateException if set before
     */
    public Builder csrfKey(byte[] key) {
      Objects.requireNonNull(key, "key");
      if (key.length < MIN_KEY_BYTES) {
        throw new IllegalArgumentException("CSRF key must be at least 32 random bytes");
      }
      byte[] same = new byte[key.length];
      Arrays.fill(same, key[0]);
      if (Arrays.equals(same, key)) {
        throw new IllegalArgumentException("CSRF key must be random, not one repeated byte");
      }
      once.mark("csrfKey");
      this.csrfKey = key.clone();
      return this;
    }

    /**
     * Sets the random source for the default CSRF key; default a new {@link SecureRandom}, or the
     * front door's when {@link JwtSecurityFilters} builds the cookies.
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

    /** Whether a random source was given; the filters' builder shares the front door's if not. */
    boolean hasRandom() {
      return random != null;
    }

    /**
     * Returns the cookie writer.
     *
     * @return an immutable, thread-safe cookie writer
     */
    public TokenCookies build() {
      return new TokenCookies(this);
    }
  }
}
