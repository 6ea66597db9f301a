package dev.jwtsecurity.config;

import dev.jwtsecurity.internal.SetOnce;
import dev.jwtsecurity.internal.SettingRules;
import dev.jwtsecurity.token.AccessTokenIssuer;
import dev.jwtsecurity.token.AccessTokenValidator;
import dev.jwtsecurity.token.Algorithm;
import dev.jwtsecurity.token.KeyRing;
import dev.jwtsecurity.token.TrustedIssuer;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
 *   <tr><td>{@code JWT_SECRET_KEY}</td><td>required for HS*</td><td>see {@link Secret#problemsFor}</td></tr>
 *   <tr><td>{@code JWT_ALGORITHM}</td><td>{@code HS256}</td><td>HS256/384/512, RS256/384/512, PS256/384/512,
 *       ES256/384/512, EdDSA; never {@code none}</td></tr>
 *   <tr><td>{@code JWT_ACCESS_TOKEN_EXPIRE_MINUTES}</td><td>30</td><td>1..60</td></tr>
 *   <tr><td>{@code JWT_CLOCK_SKEW_SECONDS}</td><td>30</td><td>0..300</td></tr>
 *   <tr><td>{@code JWT_ISSUER}, {@code JWT_AUDIENCE}</td><td>none</td><td>set into and required in every token</td></tr>
 *   <tr><td>{@code JWT_ENVIRONMENT}</td><td>none</td><td>{@code [A-Za-z0-9._-]{1,64}}; bound into every token as
 *       {@code env} and checked on validation</td></tr>
 *   <tr><td>{@code JWT_KEY_ID}</td><td>the key's fingerprint</td><td>HS*: the signing key's {@code kid}, any 1 to
 *       256 characters without control characters; with a JWK file the JWK's own {@code kid} (or RFC 7638
 *       thumbprint) is used and this variable is refused</td></tr>
 *   <tr><td>{@code JWT_PREVIOUS_SECRET_KEYS}</td><td>none</td><td>HS* only: verification-only secrets during a
 *       rotation, comma-separated, each {@code kid:secret} or just {@code secret} (its {@code kid} is then its
 *       fingerprint; the text before the first {@code :} is a {@code kid} when made of {@code
 *       [A-Za-z0-9._~+/=@-]}); each must pass the same checks as the current secret</td></tr>
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
 * <p><b>A resource server.</b> With {@code JWT_ISSUER_URI} and neither {@code JWT_SECRET_KEY} nor
 * {@code JWT_PRIVATE_JWK_FILE}, the settings hold no key of the application's own ({@link
 * #issuesOwnTokens()} is {@code false}): the facade then accepts only the identity provider's
 * tokens and refuses to log in or refresh. The variables that only shape own tokens ({@code
 * JWT_ALGORITHM}, {@code JWT_ACCESS_TOKEN_EXPIRE_MINUTES}, {@code JWT_ISSUER}, {@code JWT_KEY_ID},
 * {@code JWT_PREVIOUS_SECRET_KEYS}, {@code JWT_PUBLIC_JWKS_FILE}) are then refused, so a forgotten
 * secret cannot pass for a deliberate choice. In code: {@link Builder#resourceServerOnly()}.
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
  public static final Duration DEFAULT_LIFETIME = SettingRules.DEFAULT_LIFETIME;

  /** The default clock skew: 30 seconds. */
  public static final Duration DEFAULT_CLOCK_SKEW = SettingRules.DEFAULT_CLOCK_SKEW;

  private final Algorithm algorithm;
  private final SettingsKeys keys;
  private final Duration lifetime;
  private final boolean unsafeLifetime;
  private final String issuer;
  private final String audience;
  private final String environment;
  private final Duration clockSkew;
  private final TrustedIssuer trustedIssuer;

  /** Set only for a resource server, which has no key of its own ({@code keys} is then null). */
  private final boolean resourceServerOnly;

  private JwtSettings(Builder b, SettingsKeys keys) {
    this.algorithm = b.algorithm;
    this.keys = keys;
    this.lifetime = b.lifetime;
    this.unsafeLifetime = b.unsafeLifetime;
    this.issuer = b.issuer;
    this.audience = b.audience;
    this.environment = b.environment;
    this.clockSkew = b.clockSkew;
    this.trustedIssuer = b.trustedIssuer;
    this.resourceServerOnly = keys == null;
  }

  /**
   * Returns whether these settings hold a key of the application's own, to sign and verify its own
   * tokens. {@code false} for a resource server ({@link Builder#resourceServerOnly()}, or {@code
   * JWT_ISSUER_URI} without {@code JWT_SECRET_KEY} or {@code JWT_PRIVATE_JWK_FILE}), which accepts
   * identity providers' tokens only.
   *
   * @return {@code true} unless this is a resource server
   */
  public boolean issuesOwnTokens() {
    return !resourceServerOnly;
  }

  private SettingsKeys ownKeys(String what) {
    if (resourceServerOnly) {
      throw new IllegalStateException(
          what
              + " needs the application's own key, and these settings are a resource server's"
              + " (identity providers' tokens only): configure JWT_SECRET_KEY or"
              + " JWT_PRIVATE_JWK_FILE to issue tokens of your own");
    }
    return keys;
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
   *     insecure; the message names the variable and how to fix it, and never contains a secret
   */
  public static JwtSettings fromEnvironment(Map<String, String> env) {
    return EnvironmentSettings.read(env);
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
   * @throws IllegalStateException for a resource server ({@link #issuesOwnTokens()} is false)
   */
  public String keyId() {
    return ownKeys("keyId()").signing().keyId();
  }

  /**
   * Returns the signing key's fingerprint: 16 hex digits of HMAC-SHA256 under a fixed label over
   * the key (the secret, or the public key's X.509 encoding). Non-reversible; equal in two
   * environments exactly when they share a key.
   *
   * @return the fingerprint
   * @throws IllegalStateException for a resource server ({@link #issuesOwnTokens()} is false)
   */
  public String keyFingerprint() {
    return ownKeys("keyFingerprint()").fingerprint();
  }

  /**
   * Returns the fingerprints of the verification-only keys, by {@code kid}.
   *
   * @return an immutable map from kid to fingerprint; empty for a resource server
   */
  public Map<String, String> verificationKeyFingerprints() {
    return resourceServerOnly ? Map.of() : keys.fingerprints();
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
   * returns a separate ring; share one ring between signing and verification so rotations reach
   * both.
   *
   * @return a new key ring
   * @throws IllegalStateException for a resource server ({@link #issuesOwnTokens()} is false)
   */
  public KeyRing newKeyRing() {
    SettingsKeys own = ownKeys("newKeyRing()");
    return KeyRing.of(own.signing(), own.verification());
  }

  /**
   * Returns an issuer builder with these settings applied (keys, issuer, audience, environment,
   * lifetime); add a clock or random source and build it. For tokens outside {@code JwtSecurity}'s
   * login: tests, tooling, benchmarks.
   *
   * @param keyRing the ring to sign with, normally {@code JwtSecurity.keyRing()}
   * @return a configured builder
   * @throws IllegalStateException for a resource server ({@link #issuesOwnTokens()} is false)
   */
  public AccessTokenIssuer.Builder issuerBuilder(KeyRing keyRing) {
    ownKeys("issuerBuilder()");
    AccessTokenIssuer.Builder b = AccessTokenIssuer.builder().keyRing(keyRing);
    if (unsafeLifetime) {
      b.unsafeAccessTokenLifetime(lifetime);
    } else {
      b.accessTokenLifetime(lifetime);
    }
    issuer().ifPresent(b::issuer);
    audience().ifPresent(b::audience);
    environment().ifPresent(b::environment);
    return b;
  }

  /**
   * Returns a validator builder with these settings applied (keys, issuer, audience, environment,
   * clock skew, and the access-token lifetime as the bound of {@code exp - iat}); add a clock and
   * build it. {@code JwtSecurity.authenticate} is what an application calls; the bare validator
   * skips the denylist and user checks.
   *
   * @param keyRing the ring to verify with, normally {@code JwtSecurity.keyRing()}
   * @return a configured builder
   * @throws IllegalStateException for a resource server ({@link #issuesOwnTokens()} is false)
   */
  public AccessTokenValidator.Builder validatorBuilder(KeyRing keyRing) {
    ownKeys("validatorBuilder()");
    AccessTokenValidator.Builder b =
        AccessTokenValidator.builder()
            .keyRing(keyRing)
            .clockSkew(clockSkew)
            .accessTokenLifetime(accessTokenLifetime());
    issuer().ifPresent(b::issuer);
    audience().ifPresent(b::audience);
    environment().ifPresent(b::environment);
    return b;
  }

  /**
   * A summary without secrets: algorithm, kid, fingerprints, lifetime, issuer, audience,
   * environment, skew.
   */
  @Override
  public String toString() {
    return "JwtSettings["
        + (resourceServerOnly
            ? "resourceServerOnly"
            : "algorithm="
                + algorithm.jwsName()
                + ", kid="
                + keys.signing().keyId()
                + ", fingerprint="
                + keys.fingerprint()
                + ", verificationKeys="
                + keys.fingerprints())
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
   * Builds {@link JwtSettings}. Not thread-safe. Every setter checks its own argument at once, with
   * the same rule as every other builder that takes the setting, and may be called once; {@link
   * #build()} checks the whole.
   */
  public static final class Builder {
    private final SetOnce once = new SetOnce();
    private Algorithm algorithm = Algorithm.HS256;
    private SettingsKeys.SecretSource secret;
    private String keyId;
    private final List<SettingsKeys.PreviousSecret> previousSecrets = new ArrayList<>();
    private KeyPair keyPair;
    private SettingsKeys.JwkSource privateJwk;
    private final List<SettingsKeys.JwkSource> publicJwkSets = new ArrayList<>();
    private Duration lifetime = DEFAULT_LIFETIME;
    private boolean unsafeLifetime;
    private String issuer;
    private String audience;
    private String environment;
    private Duration clockSkew = DEFAULT_CLOCK_SKEW;
    private TrustedIssuer trustedIssuer;
    private boolean resourceServerOnly;

    private Builder() {}

    /**
     * Makes these the settings of a resource server: no key of the application's own, so the facade
     * built on them only accepts the tokens of the identity providers it trusts ({@code
     * JwtSecurity.Builder.trustIssuer}, or {@code JWT_ISSUER_URI}), and {@code login}/{@code
     * refresh} are refused. The settings that only shape own tokens (algorithm, keys, {@code kid},
     * lifetime, issuer) are then refused by {@link #build()}.
     *
     * <pre>{@code
     * JwtSecurity security = JwtSecurity.builder(JwtSettings.builder().resourceServerOnly().build())
     *     .trustIssuer(TrustedIssuer.builder("https://login.example.com/realms/acme")
     *         .discoverKeys().audiences("orders-api").build())
     *     .build();
     * }</pre>
     *
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder resourceServerOnly() {
      once.mark("resourceServerOnly");
      this.resourceServerOnly = true;
      return this;
    }

    /** The identity provider of {@code JWT_ISSUER_URI}; the facade takes others by its builder. */
    Builder trustedIssuer(TrustedIssuer trustedIssuer) {
      Objects.requireNonNull(trustedIssuer, "trustedIssuer");
      once.mark("trustedIssuer");
      this.trustedIssuer = trustedIssuer;
      return this;
    }

    /**
     * Sets the signing algorithm; default HS256.
     *
     * @param algorithm the algorithm
     * @return this builder
     * @throws NullPointerException if {@code algorithm} is {@code null}
     * @throws IllegalStateException if already set
     */
    public Builder algorithm(Algorithm algorithm) {
      Objects.requireNonNull(algorithm, "algorithm");
      once.mark("algorithm");
      this.algorithm = algorithm;
      return this;
    }

    /**
     * Sets the HMAC secret (HS* algorithms). It must pass {@link Secret#problemsFor} when {@link
     * #build()} runs.
     *
     * @param secret the secret
     * @return this builder
     * @throws NullPointerException if {@code secret} is {@code null}
     * @throws IllegalStateException if already set
     */
    public Builder secret(Secret secret) {
      return secret(secret, "the secret");
    }

    Builder secret(Secret secret, String source) {
      Objects.requireNonNull(secret, "secret");
      once.mark("secret");
      this.secret = new SettingsKeys.SecretSource(secret, source);
      return this;
    }

    /**
     * Sets the signing key's {@code kid}; default its fingerprint.
     *
     * @param keyId 1 to 256 characters without control characters (RFC 7517 allows any string)
     * @return this builder
     * @throws InsecureConfigurationException if empty, longer or with control characters
     * @throws IllegalStateException if already set
     */
    public Builder keyId(String keyId) {
      SettingRules.keyId(keyId);
      once.mark("keyId");
      this.keyId = keyId;
      return this;
    }

    /**
     * Adds a previous HMAC secret that still verifies tokens (during a rotation) but never signs;
     * may be called once per previous secret.
     *
     * @param keyId its {@code kid}, as in the tokens it signed; {@code null} for its fingerprint
     * @param secret the previous secret; it must pass {@link Secret#problemsFor} too
     * @return this builder
     * @throws InsecureConfigurationException if {@code keyId} breaks the key-id rule
     */
    public Builder previousSecret(String keyId, Secret secret) {
      return previousSecret(keyId, secret, "a previous secret");
    }

    Builder previousSecret(String keyId, Secret secret, String source) {
      Objects.requireNonNull(secret, "secret");
      if (keyId != null) {
        SettingRules.keyId(keyId);
      }
      previousSecrets.add(new SettingsKeys.PreviousSecret(keyId, secret, source));
      return this;
    }

    /**
     * Sets the asymmetric signing key pair (RS/PS/ES/EdDSA).
     *
     * @param keyPair the key pair; RSA keys must have at least 2048 bits
     * @return this builder
     * @throws InsecureConfigurationException if a half is missing
     * @throws IllegalStateException if already set
     */
    public Builder keyPair(KeyPair keyPair) {
      Objects.requireNonNull(keyPair, "keyPair");
      if (keyPair.getPrivate() == null || keyPair.getPublic() == null) {
        throw new InsecureConfigurationException(
            "the key pair needs both its private and its public key");
      }
      once.mark("keyPair");
      this.keyPair = keyPair;
      return this;
    }

    /**
     * Sets the asymmetric signing key from a private JWK, or a JWK Set with exactly one private
     * key, loaded in {@link #build()} (so the order of calls does not matter). The JWK's {@code
     * kid} (or its RFC 7638 thumbprint) is the key id; {@link #keyId} cannot override it, because
     * published public JWKs carry it.
     *
     * @param json the JWK text
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder privateJwk(String json) {
      return privateJwk(json, "the private JWK");
    }

    Builder privateJwk(String json, String source) {
      Objects.requireNonNull(json, "json");
      once.mark("privateJwk");
      this.privateJwk = new SettingsKeys.JwkSource(json, source);
      return this;
    }

    /**
     * Adds public keys that verify but never sign (previous or next keys), from a JWK Set or a
     * single JWK, loaded in {@link #build()}; may be called once per set. The current key's own
     * public half may be listed too; it is recognised and skipped.
     *
     * @param json the JWK Set text
     * @return this builder
     */
    public Builder publicJwkSet(String json) {
      return publicJwkSet(json, "the public JWK Set");
    }

    Builder publicJwkSet(String json, String source) {
      publicJwkSets.add(new SettingsKeys.JwkSource(Objects.requireNonNull(json, "json"), source));
      return this;
    }

    /**
     * Sets the access-token lifetime, 1 to 60 minutes; default 30.
     *
     * @param lifetime the lifetime
     * @return this builder
     * @throws InsecureConfigurationException if outside 1..60 minutes
     * @throws IllegalStateException if a lifetime was already set
     */
    public Builder accessTokenLifetime(Duration lifetime) {
      SettingRules.accessTokenLifetime(lifetime);
      once.mark("accessTokenLifetime");
      this.lifetime = lifetime;
      return this;
    }

    /**
     * Sets a lifetime outside the safe bounds: a stolen token stays usable that long. Prefer
     * refresh tokens.
     *
     * @param lifetime any positive lifetime of at most 30 days
     * @return this builder
     * @throws InsecureConfigurationException if not positive or longer than 30 days
     * @throws IllegalStateException if a lifetime was already set
     */
    public Builder unsafeAccessTokenLifetime(Duration lifetime) {
      SettingRules.unsafeAccessTokenLifetime(lifetime);
      once.mark("accessTokenLifetime");
      this.lifetime = lifetime;
      this.unsafeLifetime = true;
      return this;
    }

    /**
     * Sets the issuer ({@code iss}) put into and required in tokens.
     *
     * @param issuer the issuer, such as the API's URL: 1 to 512 characters, not blank, without
     *     control characters
     * @return this builder
     * @throws InsecureConfigurationException if the value breaks the rule
     * @throws IllegalStateException if already set
     */
    public Builder issuer(String issuer) {
      SettingRules.issuer(issuer);
      once.mark("issuer");
      this.issuer = issuer;
      return this;
    }

    /**
     * Sets the audience ({@code aud}) put into and required in tokens.
     *
     * @param audience the audience: 1 to 512 characters, not blank, without control characters
     * @return this builder
     * @throws InsecureConfigurationException if the value breaks the rule
     * @throws IllegalStateException if already set
     */
    public Builder audience(String audience) {
      SettingRules.audience(audience);
      once.mark("audience");
      this.audience = audience;
      return this;
    }

    /**
     * Sets the deployment environment, such as {@code production} or {@code staging}: bound into
     * every token as the {@code env} claim and required on validation, so a token minted in one
     * environment is refused in another.
     *
     * @param environment 1 to 64 characters of {@code [A-Za-z0-9._-]}
     * @return this builder
     * @throws InsecureConfigurationException if malformed
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
     * @throws InsecureConfigurationException if negative or above 5 minutes
     * @throws IllegalStateException if already set
     */
    public Builder clockSkew(Duration clockSkew) {
      SettingRules.clockSkew(clockSkew);
      once.mark("clockSkew");
      this.clockSkew = clockSkew;
      return this;
    }

    /**
     * Checks everything and returns the settings.
     *
     * @return immutable settings
     * @throws InsecureConfigurationException if the key is missing or of the wrong kind for the
     *     algorithm, a secret (current or previous) fails {@link Secret#problemsFor}, or two keys
     *     share a {@code kid}; with {@link #resourceServerOnly()}, if a setting of the own tokens
     *     was given
     */
    public JwtSettings build() {
      if (resourceServerOnly) {
        for (String own :
            List.of(
                "algorithm", "secret", "keyId", "keyPair", "privateJwk", "accessTokenLifetime")) {
          if (once.isSet(own)) {
            throw new InsecureConfigurationException(
                own
                    + " shapes the application's own tokens, which a resource server does not issue:"
                    + " remove it, or remove resourceServerOnly()");
          }
        }
        if (!previousSecrets.isEmpty() || !publicJwkSets.isEmpty() || once.isSet("issuer")) {
          throw new InsecureConfigurationException(
              "previous secrets, public JWK Sets and the issuer shape the application's own tokens,"
                  + " which a resource server does not issue: remove them, or remove"
                  + " resourceServerOnly()");
        }
        return new JwtSettings(this, null);
      }
      SettingsKeys keys =
          SettingsKeys.of(
              new SettingsKeys.Material(
                  algorithm,
                  secret,
                  keyId,
                  List.copyOf(previousSecrets),
                  keyPair,
                  privateJwk,
                  List.copyOf(publicJwkSets)));
      return new JwtSettings(this, keys);
    }
  }
}
