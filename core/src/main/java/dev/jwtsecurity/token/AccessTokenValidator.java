package dev.jwtsecurity.token;

import dev.jwtsecurity.token.InvalidTokenException.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * Validates access tokens. By default it requires a compact JWS signed by a key of the {@link KeyRing} with that key's
 * one algorithm, header {@code typ: at+jwt}, and the claims {@code sub}, {@code exp}, {@code iat} and {@code jti};
 * {@code iss}, {@code aud} and {@code env} must match exactly when configured; times are checked with at most {@value
 * #MAX_CLOCK_SKEW_SECONDS} seconds of skew. Immutable and thread-safe.
 *
 * <pre>{@code
 * AccessTokenValidator validator = AccessTokenValidator.builder()
 *     .keyRing(ring)
 *     .issuer("https://api.example.com")
 *     .build();
 * try {
 *   VerifiedAccessToken token = validator.validate(bearer);
 * } catch (InvalidTokenException e) {
 *   // e.reason() for the security log; one generic 401 for the client
 * }
 * }</pre>
 *
 * <h2>Security considerations</h2>
 *
 * <p>The algorithm comes from the key found by {@code kid}, never from the token (RFC 8725 §3.1); {@code jwk}, {@code
 * jku}, {@code x5u} and {@code x5c} headers are never used to find a key. The token is never part of an exception
 * message.
 */
public final class AccessTokenValidator {

  /** The largest allowed clock skew, in seconds. */
  public static final long MAX_CLOCK_SKEW_SECONDS = 300;

  /** The default clock skew. */
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);

  /** The default largest token accepted, in characters. */
  public static final int DEFAULT_MAX_TOKEN_LENGTH = 8192;

  private final KeyRing keyRing;
  private final String issuer;
  private final String audience;
  private final String environment;
  private final Duration clockSkew;
  private final Clock clock;
  private final int maxTokenLength;

  private AccessTokenValidator(Builder b) {
    this.keyRing = b.keyRing;
    this.issuer = b.issuer;
    this.audience = b.audience;
    this.environment = b.environment;
    this.clockSkew = b.clockSkew;
    this.clock = b.clock;
    this.maxTokenLength = b.maxTokenLength;
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
   * Validates {@code token} and returns its verified claims.
   *
   * @param token the compact JWS from the {@code Authorization} header or cookie
   * @return the verified token
   * @throws InvalidTokenException with the reason, when the token is refused for any reason
   */
  public VerifiedAccessToken validate(CharSequence token) throws InvalidTokenException {
    if (token == null) {
      throw new InvalidTokenException(Reason.MALFORMED);
    }
    if (token.length() > maxTokenLength) {
      throw new InvalidTokenException(Reason.TOO_LARGE);
    }
    String s = token.toString();
    JsonWebSignature jws = new JsonWebSignature();
    JwtKey key;
    try {
      jws.setCompactSerialization(s);
      String kid = jws.getKeyIdHeaderValue();
      key = kid == null ? null : keyRing.snapshot().byKid.get(kid);
      if (key == null) {
        throw new InvalidTokenException(Reason.UNKNOWN_KEY);
      }
      if (!key.algorithm().jwsName().equals(jws.getAlgorithmHeaderValue())) {
        throw new InvalidTokenException(Reason.UNSUPPORTED_ALGORITHM);
      }
      if (!"at+jwt".equals(jws.getHeader("typ"))) {
        throw new InvalidTokenException(Reason.WRONG_TYPE);
      }
      jws.setAlgorithmConstraints(
          new AlgorithmConstraints(
              AlgorithmConstraints.ConstraintType.PERMIT, key.algorithm().jwsName()));
      jws.setKey(key.verificationKey());
      if (!jws.verifySignature()) {
        throw new InvalidTokenException(Reason.BAD_SIGNATURE);
      }
      return checkClaims(JwtClaims.parse(jws.getUnverifiedPayload()));
    } catch (JoseException | org.jose4j.jwt.consumer.InvalidJwtException | RuntimeException e) {
      throw new InvalidTokenException(Reason.MALFORMED);
    }
  }

  private VerifiedAccessToken checkClaims(JwtClaims c) throws InvalidTokenException {
    try {
      String sub = c.getSubject();
      String jti = c.getJwtId();
      NumericDate exp = c.getExpirationTime();
      NumericDate iat = c.getIssuedAt();
      if (sub == null || sub.isEmpty() || jti == null || jti.isEmpty() || exp == null || iat == null) {
        throw new InvalidTokenException(Reason.MISSING_OR_INVALID_CLAIM);
      }
      long now = clock.instant().getEpochSecond();
      long skew = clockSkew.toSeconds();
      if (now - skew >= exp.getValue()) {
        throw new InvalidTokenException(Reason.EXPIRED);
      }
      NumericDate nbf = c.getNotBefore();
      if (nbf != null && nbf.getValue() > now + skew) {
        throw new InvalidTokenException(Reason.NOT_YET_VALID);
      }
      if (iat.getValue() > now + skew) {
        throw new InvalidTokenException(Reason.ISSUED_IN_FUTURE);
      }
      String iss = c.getIssuer();
      if (issuer != null && !issuer.equals(iss)) {
        throw new InvalidTokenException(Reason.WRONG_ISSUER);
      }
      List<String> aud = c.hasAudience() ? c.getAudience() : List.of();
      if (audience != null && !aud.contains(audience)) {
        throw new InvalidTokenException(Reason.WRONG_AUDIENCE);
      }
      Object env = c.getClaimValue("env");
      if (environment != null ? !environment.equals(env) : env != null) {
        throw new InvalidTokenException(Reason.WRONG_ENVIRONMENT);
      }
      Set<String> roles =
          c.hasClaim("roles") ? new LinkedHashSet<>(c.getStringListClaimValue("roles")) : Set.of();
      Set<String> scopes = new LinkedHashSet<>();
      if (c.hasClaim("scope")) {
        String sc = c.getStringClaimValue("scope");
        int start = 0;
        while (start <= sc.length()) {
          int end = sc.indexOf(' ', start);
          if (end < 0) {
            end = sc.length();
          }
          if (end > start) {
            scopes.add(sc.substring(start, end));
          }
          start = end + 1;
        }
      }
      Map<String, Object> app = new HashMap<>();
      for (Map.Entry<String, Object> e : c.getClaimsMap().entrySet()) {
        if (!AccessTokenClaims.RESERVED.contains(e.getKey())) {
          Object v = e.getValue();
          if (v instanceof List) {
            List<String> l = new ArrayList<>();
            for (Object o : (List<?>) v) {
              l.add(String.valueOf(o));
            }
            v = List.copyOf(l);
          }
          if (v != null) {
            app.put(e.getKey(), v);
          }
        }
      }
      return new VerifiedAccessToken(
          sub,
          jti,
          Instant.ofEpochSecond(iat.getValue()),
          Instant.ofEpochSecond(exp.getValue()),
          nbf == null ? null : Instant.ofEpochSecond(nbf.getValue()),
          iss,
          aud,
          roles,
          scopes,
          app);
    } catch (MalformedClaimException e) {
      throw new InvalidTokenException(Reason.MISSING_OR_INVALID_CLAIM);
    }
  }

  /** Builds an {@link AccessTokenValidator}. Not thread-safe. */
  public static final class Builder {
    private KeyRing keyRing;
    private String issuer;
    private String audience;
    private String environment;
    private Duration clockSkew = DEFAULT_CLOCK_SKEW;
    private Clock clock = Clock.systemUTC();
    private int maxTokenLength = DEFAULT_MAX_TOKEN_LENGTH;

    private Builder() {}

    /**
     * Sets the keys; required.
     *
     * @param keyRing the key ring
     * @return this builder
     */
    public Builder keyRing(KeyRing keyRing) {
      this.keyRing = Objects.requireNonNull(keyRing, "keyRing");
      return this;
    }

    /**
     * Requires {@code iss} to equal {@code issuer}.
     *
     * @param issuer the expected issuer
     * @return this builder
     */
    public Builder issuer(String issuer) {
      this.issuer = Objects.requireNonNull(issuer, "issuer");
      return this;
    }

    /**
     * Requires {@code aud} to contain {@code audience}.
     *
     * @param audience the expected audience
     * @return this builder
     */
    public Builder audience(String audience) {
      this.audience = Objects.requireNonNull(audience, "audience");
      return this;
    }

    /**
     * Requires the {@code env} claim to equal {@code environment}; without this, tokens carrying an {@code env} claim
     * are refused.
     *
     * @param environment the deployment environment
     * @return this builder
     */
    public Builder environment(String environment) {
      this.environment = Objects.requireNonNull(environment, "environment");
      return this;
    }

    /**
     * Sets the tolerated clock skew; default 30 seconds, at most 5 minutes.
     *
     * @param clockSkew the skew
     * @return this builder
     * @throws IllegalArgumentException if negative or above 5 minutes
     */
    public Builder clockSkew(Duration clockSkew) {
      Objects.requireNonNull(clockSkew, "clockSkew");
      if (clockSkew.isNegative() || clockSkew.toSeconds() > MAX_CLOCK_SKEW_SECONDS) {
        throw new IllegalArgumentException("clock skew must be 0 to 300 seconds");
      }
      this.clockSkew = clockSkew;
      return this;
    }

    /**
     * Sets the clock; default the system UTC clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Returns the validator.
     *
     * @return an immutable, thread-safe validator
     * @throws IllegalStateException if no key ring was set
     */
    public AccessTokenValidator build() {
      if (keyRing == null) {
        throw new IllegalStateException("keyRing is required");
      }
      return new AccessTokenValidator(this);
    }
  }
}
