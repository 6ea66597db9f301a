package dev.jwtsecurity;

import dev.jwtsecurity.access.TokenAuthenticator;
import dev.jwtsecurity.audit.SecurityEventListener;
import dev.jwtsecurity.config.InsecureConfigurationException;
import dev.jwtsecurity.config.JwtSettings;
import dev.jwtsecurity.token.AccessTokenIssuer;
import dev.jwtsecurity.token.AccessTokenValidator;
import dev.jwtsecurity.token.KeyRing;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything wired from one {@link JwtSettings}: the key ring, the access-token issuer and validator, and the
 * per-request {@link TokenAuthenticator}. Each piece stays usable on its own; this is the three-line start.
 *
 * <pre>{@code
 * JwtSecurity security = JwtSecurity.fromEnvironment(System.getenv());
 * IssuedAccessToken token = security.issuer().issue(AccessTokenClaims.forSubject(userId).build());
 * Authentication auth = security.authenticator().authenticate(bearer, RequestContext.of(ip, userAgent, requestId));
 * }</pre>
 *
 * <p>With a clock, a random source or a security-event listener:
 *
 * <pre>{@code
 * JwtSecurity security = JwtSecurity.builder(JwtSettings.fromEnvironment(System.getenv()))
 *     .events(listener)
 *     .build();
 * }</pre>
 *
 * <h2>Security considerations</h2>
 *
 * <p>Building logs, once, the environment, algorithm, {@code kid} and key fingerprints at INFO (never a key), so
 * operators can see when two environments share a key. The issuer and validator share one {@link #keyRing() key
 * ring}: rotate it at run time and both follow.
 */
public final class JwtSecurity {

  private static final Logger LOG = LoggerFactory.getLogger(JwtSecurity.class);

  private final JwtSettings settings;
  private final KeyRing keyRing;
  private final AccessTokenIssuer issuer;
  private final AccessTokenValidator validator;
  private final TokenAuthenticator authenticator;

  private JwtSecurity(Builder b) {
    this.settings = b.settings;
    this.keyRing = settings.newKeyRing();
    this.issuer = settings.issuerBuilder(keyRing).clock(b.clock).random(b.random).build();
    this.validator = settings.validatorBuilder(keyRing).clock(b.clock).build();
    this.authenticator = TokenAuthenticator.builder().validator(validator).events(b.events).clock(b.clock).build();
  }

  /**
   * Reads {@link JwtSettings#fromEnvironment the environment} and wires everything with the system clock, a new
   * {@link SecureRandom} and no event listener.
   *
   * @param env the environment, normally {@code System.getenv()}
   * @return the wired pieces
   * @throws InsecureConfigurationException if the configuration is insecure or malformed
   */
  public static JwtSecurity fromEnvironment(Map<String, String> env) {
    return builder(JwtSettings.fromEnvironment(env)).build();
  }

  /**
   * Returns a builder over validated settings.
   *
   * @param settings the settings
   * @return a new builder
   */
  public static Builder builder(JwtSettings settings) {
    return new Builder(settings);
  }

  /**
   * Returns the settings everything was built from.
   *
   * @return the settings
   */
  public JwtSettings settings() {
    return settings;
  }

  /**
   * Returns the key ring shared by the issuer and the validator; rotate keys here.
   *
   * @return the key ring
   */
  public KeyRing keyRing() {
    return keyRing;
  }

  /**
   * Returns the access-token issuer.
   *
   * @return the issuer
   */
  public AccessTokenIssuer issuer() {
    return issuer;
  }

  /**
   * Returns the access-token validator.
   *
   * @return the validator
   */
  public AccessTokenValidator validator() {
    return validator;
  }

  /**
   * Returns the per-request authenticator, which reports refusals to the event listener.
   *
   * @return the authenticator
   */
  public TokenAuthenticator authenticator() {
    return authenticator;
  }

  @Override
  public String toString() {
    return "JwtSecurity[" + settings + "]";
  }

  /** Builds a {@link JwtSecurity}. Not thread-safe. */
  public static final class Builder {
    private final JwtSettings settings;
    private Clock clock = Clock.systemUTC();
    private SecureRandom random;
    private SecurityEventListener events = SecurityEventListener.none();

    private Builder(JwtSettings settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Sets the clock for issuing, validating and event times; default the system UTC clock.
     *
     * @param clock the clock
     * @return this builder
     * @throws NullPointerException if {@code clock} is null
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the random source for token ids; default a new {@link SecureRandom}.
     *
     * @param random the random source
     * @return this builder
     * @throws NullPointerException if {@code random} is null
     */
    public Builder random(SecureRandom random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * Sets where security events go; default nowhere.
     *
     * @param events the listener
     * @return this builder
     * @throws NullPointerException if {@code events} is null
     */
    public Builder events(SecurityEventListener events) {
      this.events = Objects.requireNonNull(events, "events");
      return this;
    }

    /**
     * Wires everything and logs the start-up summary (environment, algorithm, kid and fingerprints; never a key).
     *
     * @return the wired pieces
     */
    public JwtSecurity build() {
      if (random == null) {
        random = new SecureRandom();
      }
      JwtSecurity security = new JwtSecurity(this);
      LOG.info(
          "jwt-security started: environment={}, algorithm={}, kid={}, key fingerprint={}, verification keys={}, "
              + "access-token lifetime={}, clock skew={}",
          settings.environment().orElse("(not set)"),
          settings.algorithm().jwsName(),
          settings.keyId(),
          settings.keyFingerprint(),
          settings.verificationKeyFingerprints(),
          settings.accessTokenLifetime(),
          settings.clockSkew());
      if (settings.environment().isEmpty()) {
        LOG.warn("JWT_ENVIRONMENT is not set: set it (for example 'production') so tokens minted in one environment "
            + "are refused in another, and use a different secret per environment");
      }
      return security;
    }
  }
}
