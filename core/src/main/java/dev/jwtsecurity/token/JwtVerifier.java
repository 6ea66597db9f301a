package dev.jwtsecurity.token;

import dev.jwtsecurity.internal.JsonWriter;
import dev.jwtsecurity.internal.SetOnce;
import dev.jwtsecurity.internal.SettingRules;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies JWTs from any issuer against keys you pin, with the same strict JWS rules as {@link
 * AccessTokenValidator} (one implementation, two profiles) and only as much of the access-token
 * profile as you ask for. Used by the CLI's {@code verify} command; useful for tokens your
 * application receives from another issuer. Immutable and thread-safe.
 *
 * <pre>{@code
 * JwtVerifier verifier = JwtVerifier.builder()
 *     .keys(JwtKey.fromJwkSet(Files.readString(jwksFile), Algorithm.RS256))   // RS256 is the only algorithm accepted
 *     .requireType("at+jwt")
 *     .requireIssuer("https://issuer.example")
 *     .requireAudience("my-api")
 *     .requireClaim("scope")
 *     .build();
 * VerifiedJwt jwt = verifier.verify(token);   // throws InvalidTokenException with a reason
 * System.out.println(jwt.claimsJson());
 * }</pre>
 *
 * <p>Every token must meet: the size limit (8 KiB by default), the compact JWS shape and strict
 * base64url, strict header JSON, the algorithm of the key (the header's {@code alg} is only
 * compared with it; {@code none} never), no {@code jwk}/{@code jku}/{@code x5u}/{@code x5c}/{@code
 * x5t}, {@code crit}, {@code b64} or nested {@code cty: JWT}, and the signature. Then, unless
 * {@link Builder#jwsOnly()}: strict claims JSON, {@code exp} required, {@code nbf} and {@code iat}
 * checked when present (with the clock skew), and the types of {@code iss}, {@code sub}, {@code
 * aud}, {@code jti} and {@code scope}.
 *
 * <h2>Security considerations</h2>
 *
 * <p>A token without {@code kid} is accepted only when exactly one key is configured (many issuers
 * omit it); with several keys it is refused ({@code UNKNOWN_KEY}). This verifier does not check
 * {@code typ}, {@code iss} or {@code aud} unless asked: a token meant for another audience verifies
 * unless you {@link Builder#requireAudience require} yours. For your own access tokens use {@link
 * AccessTokenValidator}, which requires all of them.
 */
public final class JwtVerifier {

  private final Map<String, JwtKey> keys;
  private final JwtKey[] keyArray;
  private final JwsVerification.Profile profile;

  private JwtVerifier(Builder b) {
    this.keys = b.keys;
    this.keyArray = b.keys.values().toArray(new JwtKey[0]);
    this.profile =
        JwsVerification.Profile.general(
            b.maxTokenLength,
            b.jwsOnly ? JwsVerification.Payload.ANY_BYTES : JwsVerification.Payload.CLAIMS,
            b.type,
            new JwsVerification.Expected(b.issuer, b.audience, null, b.requiredClaims),
            b.clockSkew.toSeconds(),
            b.clock);
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
   * Verifies {@code token}.
   *
   * @param token a compact JWS
   * @return the verified header and payload
   * @throws InvalidTokenException with the reason, when the token is refused
   */
  public VerifiedJwt verify(CharSequence token) throws InvalidTokenException {
    JwsVerification.Result r = JwsVerification.verify(token, keys, keyArray, profile, true);
    return new VerifiedJwt(r.header(), r.payload(), r.claims(), r.key().keyId());
  }

  /**
   * Builds a {@link JwtVerifier}. Every setting follows the same rule as in {@code JwtSettings};
   * each setter may be called once ({@link #requireClaim} once per claim). Not thread-safe.
   */
  public static final class Builder {
    private final SetOnce once = new SetOnce();
    private Map<String, JwtKey> keys;
    private String type;
    private String issuer;
    private String audience;
    private final List<String> requiredClaims = new ArrayList<>();
    private boolean jwsOnly;
    private Duration clockSkew = SettingRules.DEFAULT_CLOCK_SKEW;
    private Clock clock = Clock.systemUTC();
    private int maxTokenLength = SettingRules.DEFAULT_MAX_TOKEN_LENGTH;

    private Builder() {}

    /**
     * Sets the keys; required. Each key accepts only its own algorithm.
     *
     * @param keys one or more keys with distinct key ids, for example from {@link
     *     JwtKey#fromJwkSet}
     * @return this builder
     * @throws IllegalArgumentException if the list is empty or two keys share a key id
     */
    public Builder keys(List<JwtKey> keys) {
      Objects.requireNonNull(keys, "keys");
      if (keys.isEmpty()) {
        throw new IllegalArgumentException("at least one key is needed");
      }
      Map<String, JwtKey> m = new LinkedHashMap<>();
      for (JwtKey k : keys) {
        Objects.requireNonNull(k, "key");
        if (m.put(k.keyId(), k) != null) {
          throw new IllegalArgumentException("two keys share the kid '" + k.keyId() + "'");
        }
      }
      once.mark("keys");
      this.keys = Map.copyOf(m);
      return this;
    }

    /**
     * Sets one key; shorthand for {@code keys(List.of(key))}.
     *
     * @param key the key
     * @return this builder
     */
    public Builder key(JwtKey key) {
      return keys(List.of(Objects.requireNonNull(key, "key")));
    }

    /**
     * Requires the header {@code typ} to be {@code type}; {@code application/T} and {@code T} are
     * the same type, and the comparison ignores case (RFC 7515 §4.1.9).
     *
     * @param type a media type such as {@code at+jwt} or {@code JWT}
     * @return this builder
     * @throws IllegalArgumentException if {@code type} is not a media type
     */
    public Builder requireType(String type) {
      SettingRules.tokenType(type);
      once.mark("requireType");
      this.type = type;
      return this;
    }

    /**
     * Requires {@code iss} to equal {@code issuer}.
     *
     * @param issuer the expected issuer: 1 to 512 characters, not blank, without control characters
     * @return this builder
     * @throws IllegalArgumentException if it breaks that rule
     * @throws IllegalStateException if already set
     */
    public Builder requireIssuer(String issuer) {
      SettingRules.issuer(issuer);
      once.mark("requireIssuer");
      this.issuer = issuer;
      return this;
    }

    /**
     * Requires {@code aud} to be, or contain, {@code audience}.
     *
     * @param audience the expected audience: 1 to 512 characters, not blank, without control
     *     characters
     * @return this builder
     * @throws IllegalArgumentException if it breaks that rule
     * @throws IllegalStateException if already set
     */
    public Builder requireAudience(String audience) {
      SettingRules.audience(audience);
      once.mark("requireAudience");
      this.audience = audience;
      return this;
    }

    /**
     * Requires a claim to be present and not {@code null}.
     *
     * @param name the claim name: 1 to 64 printable ASCII characters
     * @return this builder
     * @throws IllegalArgumentException if malformed
     * @throws IllegalStateException if this claim is already required
     */
    public Builder requireClaim(String name) {
      SettingRules.claimName(name);
      if (requiredClaims.contains(name)) {
        throw new IllegalStateException("requireClaim(" + name + ") was already called");
      }
      requiredClaims.add(name);
      return this;
    }

    /**
     * Checks only the JWS (size, shape, encoding, header rules, key, algorithm, signature and, when
     * required, {@code typ}): the payload may be any bytes, and no claim is read. For payloads that
     * are not JWT claim sets.
     *
     * @return this builder
     */
    public Builder jwsOnly() {
      once.mark("jwsOnly");
      this.jwsOnly = true;
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
      SettingRules.clockSkew(clockSkew);
      once.mark("clockSkew");
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
      Objects.requireNonNull(clock, "clock");
      once.mark("clock");
      this.clock = clock;
      return this;
    }

    /**
     * Sets the largest token accepted, in characters; default 8192.
     *
     * @param maxTokenLength 1024 to 65536 characters
     * @return this builder
     * @throws IllegalArgumentException if outside 1024..65536
     */
    public Builder maxTokenLength(int maxTokenLength) {
      SettingRules.maxTokenLength(maxTokenLength);
      once.mark("maxTokenLength");
      this.maxTokenLength = maxTokenLength;
      return this;
    }

    /**
     * Returns the verifier.
     *
     * @return an immutable, thread-safe verifier
     * @throws IllegalStateException if no key was set, or {@link #jwsOnly()} is combined with a
     *     claim requirement
     */
    public JwtVerifier build() {
      if (keys == null) {
        throw new IllegalStateException("keys are required: call keys(...) or key(...)");
      }
      if (jwsOnly && (issuer != null || audience != null || !requiredClaims.isEmpty())) {
        throw new IllegalStateException(
            "jwsOnly() reads no claims, so requireIssuer/requireAudience/requireClaim cannot be checked; drop one");
      }
      return new JwtVerifier(this);
    }
  }

  /**
   * A JWT (or JWS) that {@link JwtVerifier} has verified. Only the verifier creates one.
   *
   * <pre>{@code
   * VerifiedJwt jwt = verifier.verify(token);
   * String header = jwt.headerJson();                  // {"alg":"RS256","kid":"k1","typ":"JWT"}
   * Optional<String> claims = jwt.claimsJson();        // the payload text, unless the verifier is jwsOnly()
   * Object sub = jwt.claims().get("sub");
   * }</pre>
   *
   * <p>Values in {@link #claims()} and {@link #header()} are {@link String}, {@link Long}, {@link
   * Double}, {@link Boolean}, {@code List<Object>}, {@code Map<String, Object>}, or a JSON-null
   * marker whose {@code toString()} is {@code "null"}. {@link #toString()} shows the key id only.
   */
  public static final class VerifiedJwt {

    private final Map<String, Object> header;
    private final byte[] payload;
    private final boolean hasClaims;
    private final Map<String, Object> claims;
    private final String keyId;

    VerifiedJwt(
        Map<String, Object> header, byte[] payload, Map<String, Object> claims, String keyId) {
      this.header = Collections.unmodifiableMap(header);
      this.payload = payload;
      this.hasClaims = claims != null;
      this.claims = claims == null ? Map.of() : Collections.unmodifiableMap(claims);
      this.keyId = keyId;
    }

    /**
     * Returns the protected header members (top level unmodifiable).
     *
     * @return the header
     */
    public Map<String, Object> header() {
      return header;
    }

    /**
     * Returns the header as JSON text, members sorted by name.
     *
     * @return the header JSON
     */
    public String headerJson() {
      JsonWriter w = new JsonWriter(128);
      w.value(header);
      return w.toUtf8String();
    }

    /**
     * Returns the payload bytes exactly as signed.
     *
     * @return a copy of the payload
     */
    public byte[] payload() {
      return Arrays.copyOf(payload, payload.length);
    }

    /**
     * Returns the claims as the JSON text that was signed, unless the verifier checked only the
     * JWS.
     *
     * @return the claims JSON, or empty for {@link JwtVerifier.Builder#jwsOnly()}
     */
    public Optional<String> claimsJson() {
      return hasClaims
          ? Optional.of(new String(payload, StandardCharsets.UTF_8))
          : Optional.empty();
    }

    /**
     * Returns the claims (top level unmodifiable); empty for {@link JwtVerifier.Builder#jwsOnly()}.
     *
     * @return the claims
     */
    public Map<String, Object> claims() {
      return claims;
    }

    /**
     * Returns the id of the key that verified the signature.
     *
     * @return the key id
     */
    public String keyId() {
      return keyId;
    }

    @Override
    public String toString() {
      return "VerifiedJwt[kid=" + keyId + "]";
    }
  }
}
