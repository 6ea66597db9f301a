package dev.jwtsecurity.token;

import dev.jwtsecurity.internal.JsonWriter;
import dev.jwtsecurity.internal.SetOnce;
import dev.jwtsecurity.internal.SettingRules;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Signs access tokens: header {@code alg}, {@code typ: at+jwt} (RFC 9068) and {@code kid}; claims
 * {@code sub}, {@code iat}, {@code exp}, {@code jti} (128 random bits), {@code iss}/{@code
 * aud}/{@code env} when configured, the session claims {@code sid}/{@code cvs} when given, and the
 * application's roles, scopes and claims. Immutable and thread-safe.
 *
 * <pre>{@code
 * AccessTokenIssuer issuer = AccessTokenIssuer.builder()
 *     .keyRing(ring)
 *     .issuer("https://api.example.com")
 *     .accessTokenLifetime(Duration.ofMinutes(15))
 *     .build();
 * IssuedAccessToken token = issuer.issue(AccessTokenClaims.forSubject("alice").roles("user").build());
 * }</pre>
 *
 * <h2>Security considerations</h2>
 *
 * <p>The lifetime is bounded to 1..60 minutes, since a stolen bearer token is usable until it
 * expires; a longer one needs {@link Builder#unsafeAccessTokenLifetime}. Use refresh tokens for
 * long sessions.
 */
public final class AccessTokenIssuer {

  private static final java.util.regex.Pattern SESSION_ID =
      java.util.regex.Pattern.compile(
          "[A-Za-z0-9._-]{1," + JwsVerification.MAX_SESSION_ID_LENGTH + "}");

  private final KeyRing keyRing;
  private final String issuer;
  private final String audience;
  private final String environment;
  private final Duration lifetime;
  private final Clock clock;
  private final long lifetimeSeconds;
  // Per thread, so that no lock is shared; each draws from the injected (thread-safe) SecureRandom.
  private final ThreadLocal<PerThread> perThread;

  private AccessTokenIssuer(Builder b) {
    this.keyRing = b.keyRing;
    this.issuer = b.issuer;
    this.audience = b.audience;
    this.environment = b.environment;
    this.lifetime = b.lifetime;
    this.clock = b.clock;
    // Whole seconds (NumericDate); a sub-second remainder rounds up so that no token is born
    // expired.
    this.lifetimeSeconds = b.lifetime.plusNanos(999_999_999L).toSeconds();
    SecureRandom r = b.random;
    this.perThread = ThreadLocal.withInitial(() -> new PerThread(r));
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
   * Returns the configured lifetime.
   *
   * @return the access-token lifetime
   */
  public Duration lifetime() {
    return lifetime;
  }

  /**
   * Signs a new access token for {@code claims} with the ring's current signing key.
   *
   * @param claims what the token says
   * @return the signed token and its metadata
   */
  public IssuedAccessToken issue(AccessTokenClaims claims) {
    return issue(claims, null, null);
  }

  /**
   * Signs a new access token for {@code claims} bound to a session: {@code sid} names the session
   * (so that ending it refuses the token at once), {@code cvs} carries the user's
   * credentials-valid-since instant as the user directory answered it just before (so that a later
   * change refuses the token and an earlier one never does, whatever the timing). {@link
   * dev.jwtsecurity.JwtSecurity} issues every token this way.
   *
   * @param claims what the token says
   * @param sessionId the session id, 1 to 64 characters of {@code [A-Za-z0-9._-]}; {@code null} for
   *     none
   * @param credentialsValidSince the user's credentials-valid-since instant; {@code null} for none
   * @return the signed token and its metadata
   * @throws IllegalArgumentException if {@code sessionId} breaks its rule
   */
  public IssuedAccessToken issue(
      AccessTokenClaims claims, String sessionId, Instant credentialsValidSince) {
    Objects.requireNonNull(claims, "claims");
    if (sessionId != null && !SESSION_ID.matcher(sessionId).matches()) {
      throw new IllegalArgumentException("sessionId must be 1 to 64 characters of [A-Za-z0-9._-]");
    }
    JwtKey key = keyRing.signingKey();
    long now = Math.floorDiv(clock.millis(), 1000L);
    long exp = now + lifetimeSeconds;
    PerThread t = perThread.get();
    String jti = t.nextJti(); // 128 random bits: unique per token (RFC 9068 §2.2, RFC 7519 §4.1.7)

    JsonWriter w = new JsonWriter(t.json);
    w.beginObject();
    if (issuer != null) {
      w.member("iss", issuer);
    }
    w.member("sub", claims.subject());
    if (audience != null) {
      w.member("aud", audience);
    }
    w.member("iat", now).member("exp", exp).member("jti", jti);
    if (sessionId != null) {
      w.member("sid", sessionId);
    }
    if (credentialsValidSince != null) {
      w.member("cvs", SessionClaims.nanosOf(credentialsValidSince));
    }
    if (environment != null) {
      w.member("env", environment);
    }
    if (!claims.roles().isEmpty()) {
      w.name("roles");
      w.stringArray(claims.roles());
    }
    if (!claims.scopes().isEmpty()) {
      w.member("scope", String.join(" ", claims.scopes()));
    }
    for (Map.Entry<String, Object> e : claims.claims().entrySet()) {
      w.name(e.getKey());
      Object v = e.getValue();
      if (v instanceof String s) {
        w.string(s);
      } else if (v instanceof Long l) {
        w.number(l);
      } else if (v instanceof Boolean b) {
        w.value(b);
      } else {
        @SuppressWarnings("unchecked")
        List<String> l = (List<String>) v;
        w.stringArray(l);
      }
    }
    w.endObject();

    // header (pre-encoded per key) '.' payload '.' signature, written once into one array.
    byte[] header = key.accessTokenHeader();
    int payloadChars = Base64Url.encodedLength(w.length());
    int signingLen = header.length + payloadChars;
    int outLen = signingLen + 1 + Base64Url.encodedLength(key.signatureLength());
    byte[] out = outLen <= t.out.length ? t.out : new byte[outLen];
    System.arraycopy(header, 0, out, 0, header.length);
    Base64Url.encode(w.buffer(), 0, w.length(), out, header.length);
    byte[] sig = key.sign(out, signingLen);
    out[signingLen] = '.';
    int end = Base64Url.encode(sig, 0, sig.length, out, signingLen + 1);
    String token = new String(out, 0, end, StandardCharsets.US_ASCII);
    // The per-thread buffers keep no copy of the token or its claims once it is made.
    java.util.Arrays.fill(out, 0, end, (byte) 0);
    java.util.Arrays.fill(w.buffer(), 0, w.length(), (byte) 0);
    return new IssuedAccessToken(
        token, jti, Instant.ofEpochSecond(now), Instant.ofEpochSecond(exp));
  }

  /**
   * Token ids of 128 random bits, drawn from the injected {@link SecureRandom} 32 at a time: one
   * {@code nextBytes} call (and its provider lock) per 32 tokens instead of per token, which two
   * threads issuing at once contend on. Every id still uses its own fresh bits, each byte is used
   * once and zeroed once used. Also the buffers a token is written in, so that issuing allocates
   * little more than the token itself. One instance per thread, reached with one {@code
   * ThreadLocal} look-up.
   */
  private static final class PerThread {
    private static final int ID_BYTES = 16;
    private final SecureRandom random;
    private final byte[] pool = new byte[32 * ID_BYTES];
    private int next = pool.length;
    final byte[] json = new byte[512];
    final byte[] out = new byte[1024];

    PerThread(SecureRandom random) {
      this.random = random;
    }

    String nextJti() {
      if (next == pool.length) {
        random.nextBytes(pool);
        next = 0;
      }
      byte[] text = new byte[22];
      Base64Url.encode(pool, next, ID_BYTES, text, 0);
      java.util.Arrays.fill(pool, next, next + ID_BYTES, (byte) 0);
      next += ID_BYTES;
      return new String(text, StandardCharsets.US_ASCII);
    }
  }

  /**
   * Builds an {@link AccessTokenIssuer}. Every setting follows the same rule as in {@code
   * JwtSettings}; each setter may be called once. Not thread-safe.
   */
  public static final class Builder {
    private final SetOnce once = new SetOnce();
    private KeyRing keyRing;
    private String issuer;
    private String audience;
    private String environment;
    private Duration lifetime = SettingRules.DEFAULT_LIFETIME;
    private Clock clock = Clock.systemUTC();
    private SecureRandom random;

    private Builder() {}

    /**
     * Sets the keys; required.
     *
     * @param keyRing the key ring
     * @return this builder
     */
    public Builder keyRing(KeyRing keyRing) {
      Objects.requireNonNull(keyRing, "keyRing");
      once.mark("keyRing");
      this.keyRing = keyRing;
      return this;
    }

    /**
     * Sets the {@code iss} claim.
     *
     * @param issuer the issuer, such as the API's URL
     * @return this builder
     * @throws IllegalArgumentException if it breaks the setting's rule (as in {@code JwtSettings})
     * @throws IllegalStateException if already set
     */
    public Builder issuer(String issuer) {
      SettingRules.issuer(issuer);
      once.mark("issuer");
      this.issuer = issuer;
      return this;
    }

    /**
     * Sets the {@code aud} claim.
     *
     * @param audience the audience
     * @return this builder
     * @throws IllegalArgumentException if it breaks the setting's rule (as in {@code JwtSettings})
     * @throws IllegalStateException if already set
     */
    public Builder audience(String audience) {
      SettingRules.audience(audience);
      once.mark("audience");
      this.audience = audience;
      return this;
    }

    /**
     * Binds tokens to a deployment environment ({@code env} claim), such as {@code production}.
     *
     * @param environment the environment name
     * @return this builder
     * @throws IllegalArgumentException if it breaks the setting's rule (as in {@code JwtSettings})
     * @throws IllegalStateException if already set
     */
    public Builder environment(String environment) {
      SettingRules.environment(environment);
      once.mark("environment");
      this.environment = environment;
      return this;
    }

    /**
     * Sets the lifetime, 1 to 60 minutes; default 30 minutes.
     *
     * @param lifetime the access-token lifetime
     * @return this builder
     * @throws IllegalArgumentException if outside 1..60 minutes
     */
    public Builder accessTokenLifetime(Duration lifetime) {
      SettingRules.accessTokenLifetime(lifetime);
      once.mark("lifetime");
      this.lifetime = lifetime;
      return this;
    }

    /**
     * Sets a lifetime outside the safe bounds. Long-lived bearer tokens cannot be revoked by
     * expiry; prefer refresh tokens.
     *
     * @param lifetime any positive lifetime of at most 30 days
     * @return this builder
     * @throws IllegalArgumentException if not positive or longer than 30 days
     */
    public Builder unsafeAccessTokenLifetime(Duration lifetime) {
      SettingRules.unsafeAccessTokenLifetime(lifetime);
      once.mark("lifetime");
      this.lifetime = lifetime;
      return this;
    }

    /**
     * Sets the clock; default the system UTC clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      Objects.requireNonNull(clock, "clock");
      once.mark("clock");
      this.clock = clock;
      return this;
    }

    /**
     * Sets the random source for {@code jti}; default a new {@link SecureRandom}.
     *
     * @param random the random source
     * @return this builder
     */
    public Builder random(SecureRandom random) {
      Objects.requireNonNull(random, "random");
      once.mark("random");
      this.random = random;
      return this;
    }

    /**
     * Returns the issuer.
     *
     * @return an immutable, thread-safe issuer
     * @throws IllegalStateException if no key ring was set
     */
    public AccessTokenIssuer build() {
      if (keyRing == null) {
        throw new IllegalStateException("keyRing is required");
      }
      if (random == null) {
        random = new SecureRandom();
      }
      return new AccessTokenIssuer(this);
    }
  }
}
