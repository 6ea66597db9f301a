package dev.jwtsecurity.token;

import dev.jwtsecurity.internal.JsonObject;
import dev.jwtsecurity.internal.SetOnce;
import dev.jwtsecurity.internal.SettingRules;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Validates access tokens. By default it requires a compact JWS signed by a key of the {@link
 * KeyRing} with that key's one algorithm, header {@code typ: at+jwt}, and the claims {@code sub},
 * {@code exp}, {@code iat} and {@code jti}; {@code iss}, {@code aud} and {@code env} must match
 * exactly when configured; times are checked with at most the configured skew (at most 5 minutes).
 * Immutable and thread-safe.
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
 * <p>The algorithm comes from the key found by {@code kid}, never from the token (RFC 8725 §3.1);
 * {@code none} is refused in any capitalisation. A token without {@code kid} is refused ({@code
 * UNKNOWN_KEY}): the ring never guesses. Tokens carrying {@code jwk}, {@code jku}, {@code x5u},
 * {@code x5c} or {@code x5t} are refused ({@code UNSUPPORTED_HEADER}) and nothing is ever fetched;
 * so are {@code crit} (no extension is understood, RFC 7515 §4.1.11), {@code b64} (RFC 7797) and
 * {@code cty: JWT} (nested tokens are never unwrapped).
 *
 * <p>The token's size is checked before anything else; then the exact shape (three base64url parts,
 * no padding, no whitespace, canonical final bits), the header JSON, the key and the signature. The
 * header {@code typ} and the claims are trusted only after the signature verifies. JSON with
 * duplicate member names, nesting deeper than 8, ill-formed UTF-8, lone surrogates or trailing data
 * is refused ({@code MALFORMED}), where lenient parsers pick a value. NumericDate claims ({@code
 * exp}, {@code iat}, {@code nbf}) must be JSON integers from 0 to 253402300799 (year 9999):
 * strings, fractions ({@code 1.5}, {@code 1e9}), negative and huge values are refused ({@code
 * MISSING_OR_INVALID_CLAIM}). RFC 7519 allows fractional seconds; access tokens never need them,
 * and refusing them leaves no rounding to disagree about. The token is never part of an exception
 * message.
 */
public final class AccessTokenValidator {

  /** The default largest token accepted, in characters: 8 KiB. */
  public static final int DEFAULT_MAX_TOKEN_LENGTH = SettingRules.DEFAULT_MAX_TOKEN_LENGTH;

  private final KeyRing keyRing;
  private final String issuer;
  private final String audience;
  private final String environment;
  private final Duration clockSkew;
  private final Clock clock;
  private final int maxTokenLength;
  private final JwsVerification.Profile profile;
  private final List<ClaimRule> rules;

  private AccessTokenValidator(Builder b) {
    this.rules = b.rules;
    this.keyRing = b.keyRing;
    this.issuer = b.issuer;
    this.audience = b.audience;
    this.environment = b.environment;
    this.clockSkew = b.clockSkew;
    this.clock = b.clock;
    this.maxTokenLength = b.maxTokenLength;
    this.profile =
        JwsVerification.Profile.accessToken(
            maxTokenLength,
            new JwsVerification.Expected(issuer, audience, environment, List.of()),
            clockSkew.toSeconds(),
            maxLifetimeSeconds(b.lifetime),
            clock);
  }

  /** Whole seconds, a remainder rounded up: the issuer's rule for {@code exp - iat}. */
  static long maxLifetimeSeconds(Duration lifetime) {
    return lifetime.plusNanos(999_999_999L).toSeconds();
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
   * Validates {@code token} and returns its verified claims. Reads the key ring's snapshot once, so
   * a rotation running at the same time is seen entirely or not at all.
   *
   * @param token the compact JWS from the {@code Authorization} header or cookie
   * @return the verified token
   * @throws InvalidTokenException with the reason, when the token is refused for any reason
   */
  public VerifiedAccessToken validate(CharSequence token) throws InvalidTokenException {
    KeyRing.Snapshot s = keyRing.snapshot();
    JwsVerification.Result r = JwsVerification.verify(token, s.byKid, s.keys, profile, false);
    if (!rules.isEmpty()) {
      // Last, on a read-only view: a rule sees only tokens that passed every other check.
      ClaimRule.checkAll(rules, Collections.unmodifiableMap(r.claims()));
    }
    return toVerified(r.claims());
  }

  /**
   * Whether the token's header is, byte for byte, the one this validator's key ring writes: then it
   * is one of this application's own tokens (or a forgery of one), never another issuer's.
   */
  boolean hasOwnHeader(CharSequence token) {
    JwtKey[] keys = keyRing.snapshot().keys;
    for (JwtKey k : keys) {
      byte[] h = k.accessTokenHeader(); // ends with '.'
      if (token.length() > h.length && matches(token, h)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(CharSequence token, byte[] h) {
    for (int i = 0; i < h.length; i++) {
      if (token.charAt(i) != h[i]) {
        return false;
      }
    }
    return true;
  }

  private static VerifiedAccessToken toVerified(Map<String, Object> c) {
    Object aud = c.get("aud");
    List<String> audience =
        aud == null ? List.of() : aud instanceof String s ? List.of(s) : stringList(aud);
    Object roles = c.get("roles");
    Set<String> roleSet = roles == null ? Set.of() : stringSet(roles);
    Object scope = c.get("scope");
    Set<String> scopes = scope == null ? Set.of() : splitScopes((String) scope);
    Map<String, Object> app = null;
    if (c instanceof JsonObject o) {
      for (int i = 0; i < o.size(); i++) { // by index: no entry object per member
        app = appClaim(app, o.nameAt(i), o.valueAt(i));
      }
    } else {
      for (Map.Entry<String, Object> e : c.entrySet()) {
        app = appClaim(app, e.getKey(), e.getValue());
      }
    }
    Object nbf = c.get("nbf");
    Object iss = c.get("iss");
    Object cvs = c.get("cvs");
    return new VerifiedAccessToken(
        (String) c.get("sub"),
        (String) c.get("jti"),
        (Long) c.get("iat"),
        (Long) c.get("exp"),
        nbf == null ? VerifiedAccessToken.NO_NBF : (Long) nbf,
        (String) iss,
        audience,
        roleSet,
        scopes,
        app == null ? Map.of() : app,
        (String) c.get("sid"),
        cvs == null ? VerifiedAccessToken.NO_CVS : (Long) cvs);
  }

  private static Map<String, Object> appClaim(Map<String, Object> app, String name, Object v) {
    if (AccessTokenClaims.RESERVED.contains(name)) {
      return app;
    }
    // Application claims keep the types AccessTokenClaims can write; other JSON shapes are not
    // exposed.
    if (v instanceof String || v instanceof Long || v instanceof Boolean) {
      return put(app, name, v);
    }
    if (JwsVerification.isStringArray(v)) {
      return put(app, name, stringList(v));
    }
    return app;
  }

  /**
   * An immutable set of the (checked) strings; the common sizes without {@code Set.copyOf}'s
   * HashSet, on the per-request path.
   */
  @SuppressWarnings("unchecked") // checked by JwsVerification to hold strings only
  private static Set<String> stringSet(Object v) {
    List<String> l = (List<String>) v;
    return switch (l.size()) {
      case 0 -> Set.of();
      case 1 -> Set.of(l.get(0));
      case 2 -> l.get(0).equals(l.get(1)) ? Set.of(l.get(0)) : Set.of(l.get(0), l.get(1));
      default -> Set.copyOf(l);
    };
  }

  private static Map<String, Object> put(Map<String, Object> m, String k, Object v) {
    Map<String, Object> out = m == null ? new HashMap<>() : m;
    out.put(k, v);
    return out;
  }

  @SuppressWarnings("unchecked")
  private static List<String> stringList(Object v) {
    return List.copyOf((List<String>) v); // checked by JwsVerification to hold strings only
  }

  private static Set<String> splitScopes(String sc) {
    // RFC 9068 §2.2.3 / RFC 6749 §3.3: space-delimited.
    Set<String> scopes = new LinkedHashSet<>();
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
    return scopes;
  }

  /**
   * Builds an {@link AccessTokenValidator}. Every setting follows the same rule as in {@code
   * JwtSettings}; each setter may be called once. Not thread-safe.
   */
  public static final class Builder {
    private final SetOnce once = new SetOnce();
    private KeyRing keyRing;
    private String issuer;
    private String audience;
    private String environment;
    private Duration clockSkew = SettingRules.DEFAULT_CLOCK_SKEW;
    private Duration lifetime = SettingRules.MAX_LIFETIME;
    private Clock clock = Clock.systemUTC();
    private int maxTokenLength = DEFAULT_MAX_TOKEN_LENGTH;
    private List<ClaimRule> rules = List.of();

    private Builder() {}

    /**
     * Adds checks of your own on the claims, run in order after every built-in check; the first
     * that fails refuses the token with reason {@code CLAIM_RULE} and its name ({@link
     * InvalidTokenException#rule()}).
     *
     * @param rules one or more rules with distinct names
     * @return this builder
     * @throws IllegalArgumentException if none is given or two share a name
     * @throws IllegalStateException if already set
     */
    public Builder claimRules(ClaimRule... rules) {
      List<ClaimRule> checked = TrustedIssuer.ruleList(rules);
      once.mark("claimRules");
      this.rules = checked;
      return this;
    }

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
     * Requires {@code iss} to equal {@code issuer}.
     *
     * @param issuer the expected issuer: 1 to 512 characters, not blank, without control characters
     * @return this builder
     * @throws IllegalArgumentException if it breaks that rule
     * @throws IllegalStateException if already set
     */
    public Builder issuer(String issuer) {
      SettingRules.issuer(issuer);
      once.mark("issuer");
      this.issuer = issuer;
      return this;
    }

    /**
     * Requires {@code aud} to contain {@code audience}.
     *
     * @param audience the expected audience: 1 to 512 characters, not blank, without control
     *     characters
     * @return this builder
     * @throws IllegalArgumentException if it breaks that rule
     * @throws IllegalStateException if already set
     */
    public Builder audience(String audience) {
      SettingRules.audience(audience);
      once.mark("audience");
      this.audience = audience;
      return this;
    }

    /**
     * Requires the {@code env} claim to equal {@code environment}; without this, tokens carrying an
     * {@code env} claim are refused.
     *
     * @param environment the deployment environment: 1 to 64 characters of {@code [A-Za-z0-9._-]}
     * @return this builder
     * @throws IllegalArgumentException if malformed
     * @throws IllegalStateException if already set
     */
    public Builder environment(String environment) {
      SettingRules.environment(environment);
      once.mark("environment");
      this.environment = environment;
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
     * Sets the lifetime the issuer gives its tokens: a token whose {@code exp - iat} is longer than
     * this plus the clock skew is refused ({@code LIFETIME_TOO_LONG}), however well signed. Default
     * 60 minutes, the longest lifetime an issuer accepts without {@code unsafeAccessTokenLifetime};
     * {@code JwtSettings.validatorBuilder} sets the configured lifetime.
     *
     * @param lifetime the issuer's access-token lifetime: positive and at most 30 days
     * @return this builder
     * @throws IllegalArgumentException if not positive or longer than 30 days
     * @throws IllegalStateException if already set
     */
    public Builder accessTokenLifetime(Duration lifetime) {
      SettingRules.unsafeAccessTokenLifetime(lifetime);
      once.mark("accessTokenLifetime");
      this.lifetime = lifetime;
      return this;
    }

    /**
     * Sets the largest token accepted, in characters; default {@value
     * AccessTokenValidator#DEFAULT_MAX_TOKEN_LENGTH} (8 KiB). Longer tokens are refused with {@code
     * TOO_LARGE} before any parsing.
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
