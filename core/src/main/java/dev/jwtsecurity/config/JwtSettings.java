package dev.jwtsecurity.config;

import dev.jwtsecurity.internal.LogSafe;
import dev.jwtsecurity.token.AccessTokenIssuer;
import dev.jwtsecurity.token.AccessTokenValidator;
import dev.jwtsecurity.token.Algorithm;
import dev.jwtsecurity.token.JwtKey;
import dev.jwtsecurity.token.KeyRing;
import dev.jwtsecurity.token.TrustedIssuer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validated access-token settings: the algorithm and keys, lifetime, issuer, audience, deployment
 * environment and clock skew. Built from environment variables ({@link #fromEnvironment}) or a
 * {@link Builder}; either way, an insecure configuration stops start-up with an {@link
 * InsecureConfigurationException} that says how to fix it.
 *
 * <pre>{@code
 * JwtSettings settings = JwtSettings.fromEnvironment(System.getenv());
 * KeyRing ring = settings.newKeyRing();
 * AccessTokenIssuer issuer = settings.issuerBuilder(ring).build();
 * AccessTokenValidator validator = settings.validatorBuilder(ring).build();
 * }</pre>
 *
 * <h2>Environment variables</h2>
 *
 * <table>
 *   <caption>Variables read by {@link #fromEnvironment}</caption>
 *   <tr><th>variable</th><th>default</th><th>rule</th></tr>
 *   <tr><td>{@code JWT_SECRET_KEY}</td><td>required for HS*</td><td>see {@link SecretPolicy}</td></tr>
 *   <tr><td>{@code JWT_ALGORITHM}</td><td>{@code HS256}</td><td>HS256/384/512, RS256/384/512, PS256/384/512,
 *       ES256/384/512, EdDSA; never {@code none}</td></tr>
 *   <tr><td>{@code JWT_ACCESS_TOKEN_EXPIRE_MINUTES}</td><td>30</td><td>1..60</td></tr>
 *   <tr><td>{@code JWT_CLOCK_SKEW_SECONDS}</td><td>30</td><td>0..300</td></tr>
 *   <tr><td>{@code JWT_ISSUER}, {@code JWT_AUDIENCE}</td><td>none</td><td>set into and required in every token</td></tr>
 *   <tr><td>{@code JWT_ENVIRONMENT}</td><td>none</td><td>{@code [A-Za-z0-9._-]{1,64}}; bound into every token as
 *       {@code env} and checked on validation</td></tr>
 *   <tr><td>{@code JWT_KEY_ID}</td><td>the key's fingerprint</td><td>HS*: the signing key's {@code kid}; with a JWK
 *       file the JWK's own {@code kid} (or RFC 7638 thumbprint) is used and this variable is refused</td></tr>
 *   <tr><td>{@code JWT_PREVIOUS_SECRET_KEYS}</td><td>none</td><td>HS* only: verification-only secrets during a
 *       rotation, comma-separated, each {@code kid:secret} or just {@code secret} (its {@code kid} is then its
 *       fingerprint); each must pass the same checks as the current secret</td></tr>
 *   <tr><td>{@code JWT_PRIVATE_JWK_FILE}</td><td>required for RS/PS/ES/EdDSA</td><td>a file holding one private JWK
 *       (or a JWK Set with one private key)</td></tr>
 *   <tr><td>{@code JWT_PUBLIC_JWKS_FILE}</td><td>none</td><td>asymmetric only: a JWK Set of public keys still
 *       accepted (previous or next keys); the current key's own public half may be listed too</td></tr>
 *   <tr><td>{@code JWT_ISSUER_URI}</td><td>none</td><td>an identity provider whose access tokens are accepted
 *       besides the application's own: its exact {@code iss}, an {@code https} URL; its keys are found by
 *       OpenID Connect or RFC 8414 discovery (see {@link TrustedIssuer}); requires {@code JWT_AUDIENCE},
 *       which its tokens must carry, and must differ from {@code JWT_ISSUER}</td></tr>
 *   <tr><td>{@code JWT_JWKS_URI}</td><td>discovered</td><td>with {@code JWT_ISSUER_URI}: the provider's JWK Set
 *       URL, used instead of discovery ({@code https})</td></tr>
 *   <tr><td>{@code JWT_ROLES_CLAIM}</td><td>{@code roles}</td><td>with {@code JWT_ISSUER_URI}: where the
 *       provider's tokens keep roles, comma-separated claim paths such as {@code realm_access.roles}
 *       (a dot inside a claim name is written {@code \.}); scopes come from {@code scope} and {@code scp}</td></tr>
 *   <tr><td>{@code JWT_UNSAFE_ALLOW_PLAIN_HTTP_ON_LOOPBACK}</td><td>{@code false}</td><td>with {@code
 *       JWT_ISSUER_URI}: {@code true} lets a provider on a loopback address ({@code localhost},
 *       {@code 127.0.0.1}) be reached over plain HTTP; for development only</td></tr>
 * </table>
 *
 * <p>Empty values of optional variables count as unset; an empty {@code JWT_SECRET_KEY} is a
 * missing one. Other {@code JWT_*} variables are ignored with a warning naming them (a misspelt
 * name would otherwise fall back to a default silently); their values are never logged.
 *
 * <h2>Security considerations</h2>
 *
 * <p>Secrets never appear in {@link #toString()}, exception messages or logs; operators see each
 * key's {@link #keyFingerprint() fingerprint} instead. Lifetimes beyond 60 minutes are only
 * possible through {@link Builder#unsafeAccessTokenLifetime}, never from the environment.
 */
public final class JwtSettings {

  /** The default access-token lifetime: 30 minutes. */
  public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(30);

  /** The default clock skew: 30 seconds. */
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);

  static final long MAX_CLOCK_SKEW_SECONDS = 300;
  private static final Pattern ENVIRONMENT = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern KID = Pattern.compile("[A-Za-z0-9._~+/=-]{1,128}");
  private static final Pattern WHOLE_NUMBER = Pattern.compile("[0-9]{1,9}");
  private static final String KEYGEN = "generate one with `jwt-security keygen`";
  private static final Logger LOG = LoggerFactory.getLogger(JwtSettings.class);
  private static final Set<String> KNOWN_VARIABLES =
      Collections.unmodifiableSet(
          new java.util.TreeSet<>(
              List.of(
                  "JWT_SECRET_KEY",
                  "JWT_ALGORITHM",
                  "JWT_ACCESS_TOKEN_EXPIRE_MINUTES",
                  "JWT_ISSUER",
                  "JWT_AUDIENCE",
                  "JWT_CLOCK_SKEW_SECONDS",
                  "JWT_KEY_ID",
                  "JWT_PREVIOUS_SECRET_KEYS",
                  "JWT_ENVIRONMENT",
                  "JWT_PRIVATE_JWK_FILE",
                  "JWT_PUBLIC_JWKS_FILE",
                  "JWT_ISSUER_URI",
                  "JWT_JWKS_URI",
                  "JWT_ROLES_CLAIM",
                  "JWT_UNSAFE_ALLOW_PLAIN_HTTP_ON_LOOPBACK")));

  private final Algorithm algorithm;
  private final JwtKey signingKey;
  private final String fingerprint;
  private final List<JwtKey> verificationKeys;
  private final Map<String, String> verificationFingerprints;
  private final Duration lifetime;
  private final boolean unsafeLifetime;
  private final String issuer;
  private final String audience;
  private final String environment;
  private final Duration clockSkew;
  private final TrustedIssuer trustedIssuer;

  private JwtSettings(
      Builder b,
      JwtKey signingKey,
      String fingerprint,
      List<JwtKey> verificationKeys,
      Map<String, String> verificationFingerprints) {
    this.algorithm = b.algorithm;
    this.signingKey = signingKey;
    this.fingerprint = fingerprint;
    this.verificationKeys = List.copyOf(verificationKeys);
    this.verificationFingerprints =
        Collections.unmodifiableMap(new LinkedHashMap<>(verificationFingerprints));
    this.lifetime = b.lifetime;
    this.unsafeLifetime = b.unsafeLifetime;
    this.issuer = b.issuer;
    this.audience = b.audience;
    this.environment = b.environment;
    this.clockSkew = b.clockSkew;
    this.trustedIssuer = b.trustedIssuer;
  }

  /**
   * Returns a builder.
   *
   * @return a new builder with the defaults (HS256, 30 minutes, 30 seconds of skew)
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads the settings from environment variables (see the table above). Pass {@code
   * System.getenv()}; tests pass a map.
   *
   * @param env the environment
   * @return validated settings
   * @throws InsecureConfigurationException if a variable is missing, malformed, out of bounds or
   *     insecure; the message says which and how to fix it, and never contains a secret
   */
  public static JwtSettings fromEnvironment(Map<String, String> env) {
    Objects.requireNonNull(env, "env");
    warnAboutUnknownVariables(env);
    Builder b = builder();
    String alg = optional(env, "JWT_ALGORITHM");
    if (alg != null) {
      try {
        b.algorithm(Algorithm.fromName(alg));
      } catch (IllegalArgumentException e) {
        throw new InsecureConfigurationException("JWT_ALGORITHM: " + e.getMessage());
      }
    }
    String minutes = optional(env, "JWT_ACCESS_TOKEN_EXPIRE_MINUTES");
    if (minutes != null) {
      long m = wholeNumber("JWT_ACCESS_TOKEN_EXPIRE_MINUTES", minutes, "minutes from 1 to 60");
      if (m < 1 || m > 60) {
        throw new InsecureConfigurationException(
            "JWT_ACCESS_TOKEN_EXPIRE_MINUTES must be 1 to 60 (it is "
                + m
                + "); short-lived access tokens limit the "
                + "damage of a stolen one: use refresh tokens for long sessions");
      }
      b.accessTokenLifetime(Duration.ofMinutes(m));
    }
    String skew = optional(env, "JWT_CLOCK_SKEW_SECONDS");
    if (skew != null) {
      long s = wholeNumber("JWT_CLOCK_SKEW_SECONDS", skew, "seconds from 0 to 300");
      if (s > MAX_CLOCK_SKEW_SECONDS) {
        throw new InsecureConfigurationException(
            "JWT_CLOCK_SKEW_SECONDS must be 0 to 300 (it is "
                + s
                + "); fix the clocks (NTP) instead of widening "
                + "the skew");
      }
      b.clockSkew(Duration.ofSeconds(s));
    }
    String iss = optional(env, "JWT_ISSUER");
    if (iss != null) {
      b.issuer(iss);
    }
    String aud = optional(env, "JWT_AUDIENCE");
    if (aud != null) {
      b.audience(aud);
    }
    String envName = optional(env, "JWT_ENVIRONMENT");
    if (envName != null) {
      b.environment(envName);
    }
    String kid = optional(env, "JWT_KEY_ID");
    if (kid != null) {
      b.keyId(kid);
    }
    String secret = env.get("JWT_SECRET_KEY");
    String previous = optional(env, "JWT_PREVIOUS_SECRET_KEYS");
    String privateFile = optional(env, "JWT_PRIVATE_JWK_FILE");
    String publicFile = optional(env, "JWT_PUBLIC_JWKS_FILE");
    if (b.algorithm.isHmac()) {
      if (privateFile != null || publicFile != null) {
        throw new InsecureConfigurationException(
            "JWT_PRIVATE_JWK_FILE and JWT_PUBLIC_JWKS_FILE are for RS/PS/ES/EdDSA; with "
                + b.algorithm.jwsName()
                + " remove them, or set JWT_ALGORITHM to the key's algorithm");
      }
      if (secret == null || secret.isEmpty()) {
        throw new InsecureConfigurationException(
            "JWT_SECRET_KEY is missing; "
                + KEYGEN
                + " and set it in the environment (never in code)");
      }
      b.secret(Secret.ofUtf8(secret), "JWT_SECRET_KEY");
      if (previous != null) {
        parsePrevious(previous, b);
      }
    } else {
      if (secret != null && !secret.isEmpty()) {
        throw new InsecureConfigurationException(
            "JWT_SECRET_KEY is set but JWT_ALGORITHM is "
                + b.algorithm.jwsName()
                + ", which signs with a private key; remove JWT_SECRET_KEY and set JWT_PRIVATE_JWK_FILE");
      }
      if (previous != null) {
        throw new InsecureConfigurationException(
            "JWT_PREVIOUS_SECRET_KEYS is for HS* algorithms; list previous public keys in JWT_PUBLIC_JWKS_FILE");
      }
      if (privateFile == null) {
        throw new InsecureConfigurationException(
            "JWT_PRIVATE_JWK_FILE is missing: "
                + b.algorithm.jwsName()
                + " needs a private JWK; generate one with "
                + "`jwt-security keygen --algorithm "
                + b.algorithm.jwsName()
                + "`");
      }
      b.privateJwk(readFile("JWT_PRIVATE_JWK_FILE", privateFile), "JWT_PRIVATE_JWK_FILE");
      if (publicFile != null) {
        b.publicJwkSet(readFile("JWT_PUBLIC_JWKS_FILE", publicFile), "JWT_PUBLIC_JWKS_FILE");
      }
    }
    b.trustedIssuer = trustedIssuerFromEnvironment(env, iss, aud, b.clockSkew);
    return b.build();
  }

  /** The identity provider of {@code JWT_ISSUER_URI} and its companions, or {@code null}. */
  private static TrustedIssuer trustedIssuerFromEnvironment(
      Map<String, String> env, String ownIssuer, String audience, Duration clockSkew) {
    String issuerUri = optional(env, "JWT_ISSUER_URI");
    String jwksUri = optional(env, "JWT_JWKS_URI");
    String rolesClaim = optional(env, "JWT_ROLES_CLAIM");
    String plainHttp = optional(env, "JWT_UNSAFE_ALLOW_PLAIN_HTTP_ON_LOOPBACK");
    if (issuerUri == null) {
      if (jwksUri != null || rolesClaim != null || plainHttp != null) {
        throw new InsecureConfigurationException(
            "JWT_JWKS_URI, JWT_ROLES_CLAIM and JWT_UNSAFE_ALLOW_PLAIN_HTTP_ON_LOOPBACK describe an"
                + " identity provider: set JWT_ISSUER_URI to its issuer (the 'iss' of its tokens)");
      }
      return null;
    }
    if (audience == null) {
      throw new InsecureConfigurationException(
          "JWT_ISSUER_URI needs JWT_AUDIENCE: the audience this API has at the provider (the 'aud'"
              + " its tokens carry); without it, tokens the provider issued for other APIs would be"
              + " accepted");
    }
    if (issuerUri.equals(ownIssuer)) {
      throw new InsecureConfigurationException(
          "JWT_ISSUER_URI (the identity provider) and JWT_ISSUER (this application's own tokens)"
              + " must differ, or no one could tell whose keys sign a token");
    }
    boolean plain = false;
    if (plainHttp != null) {
      if (!plainHttp.equals("true") && !plainHttp.equals("false")) {
        throw new InsecureConfigurationException(
            "JWT_UNSAFE_ALLOW_PLAIN_HTTP_ON_LOOPBACK must be true or false");
      }
      plain = plainHttp.equals("true");
    }
    try {
      TrustedIssuer.Builder t = TrustedIssuer.builder(issuerUri);
      if (jwksUri != null) {
        t.jwksUri(jwksUri);
      } else {
        t.discoverKeys();
      }
      t.audiences(audience).clockSkew(clockSkew);
      if (rolesClaim != null) {
        List<String> paths = new ArrayList<>();
        for (String p : rolesClaim.split(",", -1)) {
          paths.add(p.strip());
        }
        t.rolesClaim(paths.toArray(new String[0]));
      }
      if (plain) {
        t.unsafeAllowPlainHttpOnLoopback();
      }
      TrustedIssuer trusted = t.build();
      if (plain) {
        LOG.warn(
            "JWT_UNSAFE_ALLOW_PLAIN_HTTP_ON_LOOPBACK is on: the keys of {} may be fetched over plain"
                + " HTTP from a loopback address; for development only",
            LogSafe.clean(issuerUri));
      }
      return trusted;
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new InsecureConfigurationException(
          "JWT_ISSUER_URI, JWT_JWKS_URI or JWT_ROLES_CLAIM is refused: "
              + LogSafe.clean(e.getMessage(), 300));
    }
  }

  /**
   * A misspelt variable (JWT_ACCESS_TOKEN_EXPIRE_MINUTE) would silently fall back to a default: say
   * so.
   */
  private static void warnAboutUnknownVariables(Map<String, String> env) {
    List<String> unknown = new ArrayList<>();
    for (String name : env.keySet()) {
      if (name != null && name.startsWith("JWT_") && !KNOWN_VARIABLES.contains(name)) {
        unknown.add(LogSafe.clean(name, 64)); // the name only, never the value
      }
    }
    if (!unknown.isEmpty()) {
      Collections.sort(unknown);
      LOG.warn(
          "ignoring unknown environment variables {}: jwt-security reads only {}",
          unknown,
          KNOWN_VARIABLES);
    }
  }

  private static void parsePrevious(String value, Builder b) {
    int start = 0;
    int index = 1;
    while (start <= value.length()) {
      int comma = value.indexOf(',', start);
      int end = comma < 0 ? value.length() : comma;
      String entry = value.substring(start, end);
      String where = "JWT_PREVIOUS_SECRET_KEYS entry " + index;
      if (entry.isEmpty()) {
        throw new InsecureConfigurationException(
            where + " is empty; the format is kid:secret,kid:secret");
      }
      int colon = entry.indexOf(':');
      if (colon > 0 && KID.matcher(entry.substring(0, colon)).matches()) {
        b.previousSecret(
            entry.substring(0, colon), Secret.ofUtf8(entry.substring(colon + 1)), where);
      } else {
        b.previousSecret(null, Secret.ofUtf8(entry), where);
      }
      index++;
      if (comma < 0) {
        break;
      }
      start = comma + 1;
    }
  }

  private static String optional(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v;
  }

  private static long wholeNumber(String name, String value, String what) {
    if (!WHOLE_NUMBER.matcher(value).matches()) {
      throw new InsecureConfigurationException(
          name + " must be a whole number of " + what + "; got '" + LogSafe.clean(value, 32) + "'");
    }
    return Long.parseLong(value);
  }

  private static String readFile(String name, String path) {
    try {
      return Files.readString(Path.of(path), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      throw new InsecureConfigurationException(
          name
              + " names a file that cannot be read ("
              + LogSafe.clean(path, 200)
              + "); check the path and "
              + "its permissions");
    }
  }

  /**
   * Returns the signing algorithm.
   *
   * @return the algorithm
   */
  public Algorithm algorithm() {
    return algorithm;
  }

  /**
   * Returns the {@code kid} of the signing key.
   *
   * @return the key id
   */
  public String keyId() {
    return signingKey.keyId();
  }

  /**
   * Returns the signing key's fingerprint: 16 hex digits of HMAC-SHA256 under a fixed label over
   * the key (the secret, or the public key's X.509 encoding). Non-reversible; equal in two
   * environments exactly when they share a key.
   *
   * @return the fingerprint
   */
  public String keyFingerprint() {
    return fingerprint;
  }

  /**
   * Returns the fingerprints of the verification-only keys, by {@code kid}.
   *
   * @return an immutable map from kid to fingerprint
   */
  public Map<String, String> verificationKeyFingerprints() {
    return verificationFingerprints;
  }

  /**
   * Returns the access-token lifetime.
   *
   * @return the lifetime
   */
  public Duration accessTokenLifetime() {
    return lifetime;
  }

  /**
   * Returns the issuer put into and required in tokens.
   *
   * @return the issuer, if configured
   */
  public Optional<String> issuer() {
    return Optional.ofNullable(issuer);
  }

  /**
   * Returns the audience put into and required in tokens.
   *
   * @return the audience, if configured
   */
  public Optional<String> audience() {
    return Optional.ofNullable(audience);
  }

  /**
   * Returns the deployment environment bound into tokens as the {@code env} claim.
   *
   * @return the environment, if configured
   */
  public Optional<String> environment() {
    return Optional.ofNullable(environment);
  }

  /**
   * Returns the identity provider configured by {@code JWT_ISSUER_URI} (and {@code JWT_JWKS_URI},
   * {@code JWT_ROLES_CLAIM}, {@code JWT_AUDIENCE}), whose tokens the facade accepts besides its
   * own.
   *
   * @return the trusted issuer, if configured
   */
  public Optional<TrustedIssuer> trustedIssuer() {
    return Optional.ofNullable(trustedIssuer);
  }

  /**
   * Returns the tolerated clock skew.
   *
   * @return the skew
   */
  public Duration clockSkew() {
    return clockSkew;
  }

  /**
   * Returns a new key ring holding the signing key and the verification-only keys. Each call
   * returns a separate ring; share one ring between the issuer and the validator so rotations reach
   * both.
   *
   * @return a new key ring
   */
  public KeyRing newKeyRing() {
    return KeyRing.of(signingKey, verificationKeys);
  }

  /**
   * Returns an issuer builder with these settings applied (keys, issuer, audience, environment,
   * lifetime); add a clock or random source and build it.
   *
   * @param keyRing the ring to sign with, normally from {@link #newKeyRing()}
   * @return a configured builder
   */
  public AccessTokenIssuer.Builder issuerBuilder(KeyRing keyRing) {
    AccessTokenIssuer.Builder b = AccessTokenIssuer.builder().keyRing(keyRing);
    if (unsafeLifetime) {
      b.unsafeLifetime(lifetime);
    } else {
      b.lifetime(lifetime);
    }
    if (issuer != null) {
      b.issuer(issuer);
    }
    if (audience != null) {
      b.audience(audience);
    }
    if (environment != null) {
      b.environment(environment);
    }
    return b;
  }

  /**
   * Returns a validator builder with these settings applied (keys, issuer, audience, environment,
   * clock skew); add a clock and build it.
   *
   * @param keyRing the ring to verify with, normally the issuer's
   * @return a configured builder
   */
  public AccessTokenValidator.Builder validatorBuilder(KeyRing keyRing) {
    AccessTokenValidator.Builder b =
        AccessTokenValidator.builder().keyRing(keyRing).clockSkew(clockSkew);
    if (issuer != null) {
      b.issuer(issuer);
    }
    if (audience != null) {
      b.audience(audience);
    }
    if (environment != null) {
      b.environment(environment);
    }
    return b;
  }

  /**
   * A summary without secrets: algorithm, kid, fingerprints, lifetime, issuer, audience,
   * environment, skew.
   */
  @Override
  public String toString() {
    return "JwtSettings[algorithm="
        + algorithm.jwsName()
        + ", kid="
        + signingKey.keyId()
        + ", fingerprint="
        + fingerprint
        + ", verificationKeys="
        + verificationFingerprints
        + ", lifetime="
        + lifetime
        + (unsafeLifetime ? " (unsafe)" : "")
        + ", issuer="
        + issuer
        + ", audience="
        + audience
        + ", environment="
        + environment
        + ", clockSkew="
        + clockSkew
        + (trustedIssuer == null ? "" : ", trustedIssuer=" + trustedIssuer.issuer())
        + "]";
  }

  /**
   * Builds {@link JwtSettings}. Not thread-safe. Every setter checks its own argument at once;
   * {@link #build()} checks the whole.
   */
  public static final class Builder {
    private Algorithm algorithm = Algorithm.HS256;
    private Secret secret;
    private String secretSource = "the secret";
    private String keyId;
    private final List<Object[]> previousSecrets = new ArrayList<>();
    private KeyPair keyPair;
    private String[] privateJwk;
    private final List<String[]> publicJwkSets = new ArrayList<>();
    private Duration lifetime = DEFAULT_LIFETIME;
    private boolean unsafeLifetime;
    private String issuer;
    private String audience;
    private String environment;
    private Duration clockSkew = DEFAULT_CLOCK_SKEW;
    private TrustedIssuer trustedIssuer;

    private Builder() {}

    /**
     * Sets the signing algorithm; default HS256.
     *
     * @param algorithm the algorithm
     * @return this builder
     */
    public Builder algorithm(Algorithm algorithm) {
      this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
      return this;
    }

    /**
     * Sets the HMAC secret (HS* algorithms). It must pass {@link SecretPolicy} when {@link
     * #build()} runs.
     *
     * @param secret the secret
     * @return this builder
     */
    public Builder secret(Secret secret) {
      return secret(secret, "the secret");
    }

    Builder secret(Secret secret, String source) {
      this.secret = Objects.requireNonNull(secret, "secret");
      this.secretSource = source;
      return this;
    }

    /**
     * Sets the signing key's {@code kid}; default its fingerprint.
     *
     * @param keyId 1-128 characters of {@code [A-Za-z0-9._~+/=-]}
     * @return this builder
     * @throws InsecureConfigurationException if malformed
     */
    public Builder keyId(String keyId) {
      Objects.requireNonNull(keyId, "keyId");
      if (!KID.matcher(keyId).matches()) {
        throw new InsecureConfigurationException(
            "the key id must be 1-128 characters of A-Z a-z 0-9 . _ ~ + / = - (JWT_KEY_ID)");
      }
      this.keyId = keyId;
      return this;
    }

    /**
     * Adds a previous HMAC secret that still verifies tokens (during a rotation) but never signs.
     *
     * @param keyId its {@code kid}, as in the tokens it signed; {@code null} for its fingerprint
     * @param secret the previous secret; it must pass {@link SecretPolicy} too
     * @return this builder
     */
    public Builder previousSecret(String keyId, Secret secret) {
      return previousSecret(keyId, secret, "a previous secret");
    }

    Builder previousSecret(String keyId, Secret secret, String source) {
      Objects.requireNonNull(secret, "secret");
      if (keyId != null && !KID.matcher(keyId).matches()) {
        throw new InsecureConfigurationException(
            source + ": the key id must be 1-128 characters of A-Z a-z 0-9 . _ ~ + / = -");
      }
      previousSecrets.add(new Object[] {keyId, secret, source});
      return this;
    }

    /**
     * Sets the asymmetric signing key pair (RS/PS/ES/EdDSA).
     *
     * @param keyPair the key pair; RSA keys must have at least 2048 bits
     * @return this builder
     */
    public Builder keyPair(KeyPair keyPair) {
      Objects.requireNonNull(keyPair, "keyPair");
      if (keyPair.getPrivate() == null || keyPair.getPublic() == null) {
        throw new InsecureConfigurationException(
            "the key pair needs both its private and its public key");
      }
      this.keyPair = keyPair;
      return this;
    }

    /**
     * Sets the asymmetric signing key from a private JWK, or a JWK Set with exactly one private
     * key, loaded by {@link JwtKey#fromJwkSet} in {@link #build()} (so the order of calls does not
     * matter). The JWK's {@code kid} (or its RFC 7638 thumbprint) is the key id; {@link #keyId}
     * cannot override it, because published public JWKs carry it.
     *
     * @param json the JWK text
     * @return this builder
     */
    public Builder privateJwk(String json) {
      return privateJwk(json, "the private JWK");
    }

    Builder privateJwk(String json, String source) {
      this.privateJwk = new String[] {Objects.requireNonNull(json, "json"), source};
      return this;
    }

    /**
     * Adds public keys that verify but never sign (previous or next keys), from a JWK Set or a
     * single JWK, loaded in {@link #build()}. The current key's own public half may be listed too;
     * it is recognised and skipped.
     *
     * @param json the JWK Set text
     * @return this builder
     */
    public Builder publicJwkSet(String json) {
      return publicJwkSet(json, "the public JWK Set");
    }

    Builder publicJwkSet(String json, String source) {
      publicJwkSets.add(new String[] {Objects.requireNonNull(json, "json"), source});
      return this;
    }

    /**
     * Sets the access-token lifetime, 1 to 60 minutes; default 30.
     *
     * @param lifetime the lifetime
     * @return this builder
     * @throws InsecureConfigurationException if outside 1..60 minutes
     */
    public Builder accessTokenLifetime(Duration lifetime) {
      Objects.requireNonNull(lifetime, "lifetime");
      if (lifetime.compareTo(Duration.ofMinutes(1)) < 0
          || lifetime.compareTo(Duration.ofMinutes(60)) > 0) {
        throw new InsecureConfigurationException(
            "the access-token lifetime must be 1 to 60 minutes; use refresh tokens for longer sessions");
      }
      this.lifetime = lifetime;
      this.unsafeLifetime = false;
      return this;
    }

    /**
     * Sets a lifetime outside the safe bounds: a stolen token stays usable that long. Prefer
     * refresh tokens.
     *
     * @param lifetime any positive lifetime of at most 30 days
     * @return this builder
     * @throws InsecureConfigurationException if not positive or longer than 30 days
     */
    public Builder unsafeAccessTokenLifetime(Duration lifetime) {
      Objects.requireNonNull(lifetime, "lifetime");
      if (lifetime.isNegative()
          || lifetime.isZero()
          || lifetime.compareTo(Duration.ofDays(30)) > 0) {
        throw new InsecureConfigurationException(
            "the lifetime must be positive and at most 30 days");
      }
      this.lifetime = lifetime;
      this.unsafeLifetime = true;
      return this;
    }

    /**
     * Sets the issuer ({@code iss}) put into and required in tokens.
     *
     * @param issuer the issuer, such as the API's URL
     * @return this builder
     * @throws InsecureConfigurationException if blank, longer than 512 characters or has control
     *     characters
     */
    public Builder issuer(String issuer) {
      this.issuer = claimValue("issuer (JWT_ISSUER)", issuer);
      return this;
    }

    /**
     * Sets the audience ({@code aud}) put into and required in tokens.
     *
     * @param audience the audience
     * @return this builder
     * @throws InsecureConfigurationException if blank, longer than 512 characters or has control
     *     characters
     */
    public Builder audience(String audience) {
      this.audience = claimValue("audience (JWT_AUDIENCE)", audience);
      return this;
    }

    /**
     * Sets the deployment environment, such as {@code production} or {@code staging}: bound into
     * every token as the {@code env} claim and required on validation, so a token minted in one
     * environment is refused in another.
     *
     * @param environment 1-64 characters of {@code [A-Za-z0-9._-]}
     * @return this builder
     * @throws InsecureConfigurationException if malformed
     */
    public Builder environment(String environment) {
      Objects.requireNonNull(environment, "environment");
      if (!ENVIRONMENT.matcher(environment).matches()) {
        throw new InsecureConfigurationException(
            "the environment (JWT_ENVIRONMENT) must be 1-64 characters of A-Z a-z 0-9 . _ -, such as 'production'");
      }
      this.environment = environment;
      return this;
    }

    /**
     * Sets the tolerated clock skew; default 30 seconds, at most 5 minutes.
     *
     * @param clockSkew the skew
     * @return this builder
     * @throws InsecureConfigurationException if negative or above 5 minutes
     */
    public Builder clockSkew(Duration clockSkew) {
      Objects.requireNonNull(clockSkew, "clockSkew");
      if (clockSkew.isNegative()
          || clockSkew.compareTo(Duration.ofSeconds(MAX_CLOCK_SKEW_SECONDS)) > 0) {
        throw new InsecureConfigurationException(
            "the clock skew must be 0 to 300 seconds; fix the clocks (NTP) instead of widening it");
      }
      this.clockSkew = clockSkew;
      return this;
    }

    private static String claimValue(String what, String value) {
      Objects.requireNonNull(value, what);
      if (value.isBlank() || value.length() > 512 || !LogSafe.clean(value, 512).equals(value)) {
        throw new InsecureConfigurationException(
            "the " + what + " must be 1-512 characters without control characters");
      }
      return value;
    }

    /**
     * Checks everything and returns the settings.
     *
     * @return immutable settings
     * @throws InsecureConfigurationException if the key is missing or of the wrong kind for the
     *     algorithm, a secret (current or previous) fails {@link SecretPolicy}, or two keys share a
     *     {@code kid}
     */
    public JwtSettings build() {
      List<JwtKey> verification = new ArrayList<>();
      Map<String, String> fingerprints = new LinkedHashMap<>();
      JwtKey signing;
      String fingerprint;
      if (algorithm.isHmac()) {
        if (keyPair != null || privateJwk != null || !publicJwkSets.isEmpty()) {
          throw new InsecureConfigurationException(
              algorithm.jwsName()
                  + " signs with a shared secret; a key pair or public JWKs are for RS/PS/ES/EdDSA");
        }
        if (secret == null) {
          throw new InsecureConfigurationException("no secret is set (JWT_SECRET_KEY); " + KEYGEN);
        }
        byte[] bytes = requireStrong(secret, secretSource);
        try {
          fingerprint = KeyFingerprint.of(bytes);
          signing = JwtKey.hmac(keyId != null ? keyId : fingerprint, algorithm, bytes);
        } finally {
          Arrays.fill(bytes, (byte) 0);
        }
        for (Object[] p : previousSecrets) {
          String source = (String) p[2];
          byte[] prev = requireStrong((Secret) p[1], source);
          try {
            String fp = KeyFingerprint.of(prev);
            String kid = p[0] != null ? (String) p[0] : fp;
            if (fp.equals(fingerprint)) {
              throw new InsecureConfigurationException(
                  source + " is the current secret; remove it from the list");
            }
            putUnique(fingerprints, kid, fp, signing.keyId());
            verification.add(JwtKey.hmac(kid, algorithm, prev).withoutSigning());
          } finally {
            Arrays.fill(prev, (byte) 0);
          }
        }
      } else {
        if (secret != null || !previousSecrets.isEmpty()) {
          throw new InsecureConfigurationException(
              algorithm.jwsName()
                  + " signs with a private key; remove the secret (JWT_SECRET_KEY, "
                  + "JWT_PREVIOUS_SECRET_KEYS) and configure a private JWK");
        }
        if ((keyPair == null) == (privateJwk == null)) {
          throw new InsecureConfigurationException(
              algorithm.jwsName()
                  + " needs exactly one private key (JWT_PRIVATE_JWK_FILE, or keyPair/privateJwk); "
                  + "generate one with `jwt-security keygen --algorithm "
                  + algorithm.jwsName()
                  + "`");
        }
        if (keyPair != null) {
          fingerprint = KeyFingerprint.of(keyPair.getPublic().getEncoded());
          String kid = keyId != null ? keyId : fingerprint;
          signing = asymmetric(() -> JwtKey.ofKeyPair(kid, algorithm, keyPair), "the private key");
        } else {
          if (keyId != null) {
            throw new InsecureConfigurationException(
                "JWT_KEY_ID cannot rename a JWK: published public keys carry the JWK's own kid; set \"kid\" in the "
                    + "JWK instead");
          }
          signing = JwkKeys.privateKey(privateJwk[0], algorithm, privateJwk[1]);
          fingerprint = JwkKeys.fingerprint(signing);
        }
        for (String[] set : publicJwkSets) {
          for (JwtKey k : JwkKeys.publicKeys(set[0], algorithm, set[1])) {
            String fp = JwkKeys.fingerprint(k);
            if (k.keyId().equals(signing.keyId())) {
              if (!fp.equals(fingerprint)) {
                throw new InsecureConfigurationException(
                    set[1]
                        + " lists a different key under the signing key's kid; give each key its own kid");
              }
              continue; // the current key's own public half, as published
            }
            if (fp.equals(fingerprint)) {
              continue;
            }
            putUnique(fingerprints, k.keyId(), fp, signing.keyId());
            verification.add(k);
          }
        }
      }
      return new JwtSettings(this, signing, fingerprint, verification, fingerprints);
    }

    private static void putUnique(
        Map<String, String> fingerprints, String kid, String fp, String signingKid) {
      if (kid.equals(signingKid) || fingerprints.putIfAbsent(kid, fp) != null) {
        throw new InsecureConfigurationException(
            "two keys share the kid '" + kid + "'; give each key its own kid");
      }
    }

    private static JwtKey asymmetric(java.util.function.Supplier<JwtKey> make, String what) {
      try {
        return make.get();
      } catch (IllegalArgumentException e) {
        throw new InsecureConfigurationException(what + " is refused: " + e.getMessage());
      }
    }

    private byte[] requireStrong(Secret s, String source) {
      SecretAssessment a = SecretPolicy.assess(s, algorithm);
      if (!a.accepted()) {
        throw new InsecureConfigurationException(
            source + " is refused: " + String.join("; ", a.problems()));
      }
      return s.bytes();
    }
  }
}
