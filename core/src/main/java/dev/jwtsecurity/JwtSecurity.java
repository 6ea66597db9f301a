package dev.jwtsecurity;

import dev.jwtsecurity.access.AccessTokenDenylist;
import dev.jwtsecurity.access.TokenAuthenticator;
import dev.jwtsecurity.access.UserDirectory;
import dev.jwtsecurity.audit.AlertHook;
import dev.jwtsecurity.audit.FailureMonitor;
import dev.jwtsecurity.audit.SecurityEventListener;
import dev.jwtsecurity.audit.Slf4jSecurityEventLog;
import dev.jwtsecurity.config.InsecureConfigurationException;
import dev.jwtsecurity.config.JwtSettings;
import dev.jwtsecurity.login.LoginService;
import dev.jwtsecurity.login.UserCredentialsLookup;
import dev.jwtsecurity.password.PasswordHasher;
import dev.jwtsecurity.refresh.InMemoryRefreshTokenStore;
import dev.jwtsecurity.refresh.RefreshTokenStore;
import dev.jwtsecurity.refresh.TokenPairService;
import dev.jwtsecurity.throttle.InMemoryThrottleStore;
import dev.jwtsecurity.throttle.LoginThrottle;
import dev.jwtsecurity.throttle.ThrottleStore;
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
 * Everything wired from one {@link JwtSettings}: the key ring, the access-token issuer and
 * validator, the per-request {@link TokenAuthenticator}, the Argon2id {@link PasswordHasher}, the
 * {@link LoginThrottle}, the uniform {@link LoginService} and the refresh-token {@link
 * TokenPairService}, all reporting to one security-event listener. Each piece stays usable on its
 * own; this is the three-line start.
 *
 * <pre>{@code
 * JwtSecurity security = JwtSecurity.builder(JwtSettings.fromEnvironment(System.getenv()))
 *     .users(credentialsLookup)          // your user table: enables login()
 *     .build();
 * LoginResult result = security.login().login(username, password, ctx);
 * if (result instanceof LoginResult.Success ok) {
 *   TokenPair pair = security.tokenPairs().login(ok.user().userId(), ctx);
 * }
 * Authentication auth = security.authenticator().authenticate(bearer, ctx);   // on every request
 * }</pre>
 *
 * <h2>Security considerations</h2>
 *
 * <p>By default every security event is written through {@link Slf4jSecurityEventLog} (logger
 * {@value Slf4jSecurityEventLog#LOGGER_NAME}) and watched by a {@link FailureMonitor} with its
 * default thresholds, so authentication failures are logged and repeated failures raise alerts
 * without any configuration. Logging out denies the caller's access token at once through an
 * in-memory {@link AccessTokenDenylist}. The refresh-token store, the throttle counters and the
 * denylist are in-memory by default, which is right for one instance only: an application on
 * several instances passes the JDBC stores of {@code jwt-security-jdbc}.
 *
 * <p>Building logs, once, the environment, algorithm, {@code kid} and key fingerprints at INFO
 * (never a key), so operators can see when two environments share a key. The issuer and validator
 * share one {@link #keyRing() key ring}: rotate it at run time and both follow.
 */
public final class JwtSecurity {

  private static final Logger LOG = LoggerFactory.getLogger(JwtSecurity.class);

  private final JwtSettings settings;
  private final KeyRing keyRing;
  private final AccessTokenIssuer issuer;
  private final AccessTokenValidator validator;
  private final TokenAuthenticator authenticator;
  private final SecurityEventListener events;
  private final PasswordHasher passwords;
  private final LoginThrottle loginThrottle;
  private final LoginService login;
  private final TokenPairService tokenPairs;

  private JwtSecurity(Builder b) {
    this.settings = b.settings;
    this.events = b.events;
    this.keyRing = settings.newKeyRing();
    this.issuer = settings.issuerBuilder(keyRing).clock(b.clock).random(b.random).build();
    this.validator = settings.validatorBuilder(keyRing).clock(b.clock).build();
    TokenAuthenticator.Builder auth =
        TokenAuthenticator.builder()
            .validator(validator)
            .events(events)
            .clock(b.clock)
            .denylist(b.denylist);
    if (b.userDirectory != null) {
      auth.userDirectory(b.userDirectory);
    }
    this.authenticator = auth.build();
    this.passwords =
        b.passwords != null ? b.passwords : PasswordHasher.builder().random(b.random).build();
    this.loginThrottle = LoginThrottle.builder().store(b.throttleStore).clock(b.clock).build();
    this.login =
        b.users == null
            ? null
            : LoginService.builder()
                .users(b.users)
                .hasher(passwords)
                .throttle(loginThrottle)
                .events(events)
                .clock(b.clock)
                .build();
    TokenPairService.Builder pairs =
        TokenPairService.builder()
            .issuer(issuer)
            .store(b.refreshTokenStore)
            .clock(b.clock)
            .random(b.random)
            .events(events)
            .denylist(b.denylist);
    if (b.userDirectory != null) {
      pairs.userDirectory(b.userDirectory);
    }
    this.tokenPairs = pairs.build();
  }

  /**
   * Reads {@link JwtSettings#fromEnvironment the environment} and wires everything with the system
   * clock, a new {@link SecureRandom}, in-memory stores, and the default security-event log and
   * failure monitor; {@link #login()} needs {@link Builder#users}, so use the builder for a login
   * path.
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

  /**
   * Returns the listener every piece reports security events to.
   *
   * @return the event listener
   */
  public SecurityEventListener events() {
    return events;
  }

  /**
   * Returns the Argon2id password hasher (OWASP parameters, bounded concurrency).
   *
   * @return the password hasher
   */
  public PasswordHasher passwords() {
    return passwords;
  }

  /**
   * Returns the login throttle (per client address and per account).
   *
   * @return the login throttle
   */
  public LoginThrottle loginThrottle() {
    return loginThrottle;
  }

  /**
   * Returns the uniform login path: throttle, look-up, verification (or dummy verification),
   * events.
   *
   * @return the login service
   * @throws IllegalStateException if no {@link Builder#users user look-up} was configured
   */
  public LoginService login() {
    if (login == null) {
      throw new IllegalStateException(
          "login() needs your user table: configure JwtSecurity.builder(settings).users(lookup)");
    }
    return login;
  }

  /**
   * Returns the token-pair service: access + refresh tokens at login, rotation with reuse
   * detection, logout.
   *
   * @return the token-pair service
   */
  public TokenPairService tokenPairs() {
    return tokenPairs;
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
    private SecurityEventListener events;
    private AlertHook alertHook;
    private UserCredentialsLookup users;
    private UserDirectory userDirectory;
    private PasswordHasher passwords;
    private RefreshTokenStore refreshTokenStore;
    private ThrottleStore throttleStore;
    private AccessTokenDenylist denylist;

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
     * Sets where security events go, replacing the default: the {@link Slf4jSecurityEventLog} plus
     * a {@link FailureMonitor} that logs its alerts there too. To keep the log, include it: {@code
     * SecurityEventListener.all(Slf4jSecurityEventLog.create(), mine)}.
     *
     * @param events the listener
     * @return this builder
     * @throws NullPointerException if {@code events} is null
     * @throws IllegalStateException if an alert hook was set (it belongs to the default monitor)
     */
    public Builder events(SecurityEventListener events) {
      if (alertHook != null) {
        throw new IllegalStateException(
            "alertHook() configures the default monitor; with your own events() listener "
                + "build a FailureMonitor yourself and include it");
      }
      this.events = Objects.requireNonNull(events, "events");
      return this;
    }

    /**
     * Calls {@code hook} (for example your paging system) whenever the default {@link
     * FailureMonitor} raises an alert.
     *
     * @param hook the alert hook
     * @return this builder
     * @throws NullPointerException if {@code hook} is null
     * @throws IllegalStateException if a custom {@link #events} listener was set
     */
    public Builder alertHook(AlertHook hook) {
      if (events != null) {
        throw new IllegalStateException(
            "alertHook() configures the default monitor, which events() replaced");
      }
      this.alertHook = Objects.requireNonNull(hook, "hook");
      return this;
    }

    /**
     * Sets the user look-up the login path verifies passwords against; required for {@link
     * JwtSecurity#login()}.
     *
     * @param users your user table
     * @return this builder
     * @throws NullPointerException if {@code users} is null
     */
    public Builder users(UserCredentialsLookup users) {
      this.users = Objects.requireNonNull(users, "users");
      return this;
    }

    /**
     * Sets the directory asked, on every request (cached briefly) and every refresh, whether a user
     * still exists, is active, and since when its credentials are valid (guide: "Verify user exists
     * and is active").
     *
     * @param directory the user directory
     * @return this builder
     * @throws NullPointerException if {@code directory} is null
     */
    public Builder userDirectory(UserDirectory directory) {
      this.userDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /**
     * Replaces the default password hasher (Argon2id, OWASP parameters).
     *
     * @param passwords the hasher
     * @return this builder
     * @throws NullPointerException if {@code passwords} is null
     */
    public Builder passwords(PasswordHasher passwords) {
      this.passwords = Objects.requireNonNull(passwords, "passwords");
      return this;
    }

    /**
     * Sets the refresh-token store; default in-memory (one instance only).
     *
     * @param store the store
     * @return this builder
     * @throws NullPointerException if {@code store} is null
     */
    public Builder refreshTokenStore(RefreshTokenStore store) {
      this.refreshTokenStore = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Sets the throttle counter store; default in-memory (one instance only).
     *
     * @param store the store
     * @return this builder
     * @throws NullPointerException if {@code store} is null
     */
    public Builder throttleStore(ThrottleStore store) {
      this.throttleStore = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Sets the access-token denylist; default in-memory (one instance only).
     *
     * @param denylist the denylist
     * @return this builder
     * @throws NullPointerException if {@code denylist} is null
     */
    public Builder denylist(AccessTokenDenylist denylist) {
      this.denylist = Objects.requireNonNull(denylist, "denylist");
      return this;
    }

    /**
     * Wires everything and logs the start-up summary (environment, algorithm, kid and fingerprints;
     * never a key).
     *
     * @return the wired pieces
     */
    public JwtSecurity build() {
      if (random == null) {
        random = new SecureRandom();
      }
      if (events == null) {
        Slf4jSecurityEventLog log = Slf4jSecurityEventLog.create();
        FailureMonitor.Builder monitor = FailureMonitor.builder().alertEvents(log).clock(clock);
        if (alertHook != null) {
          monitor.alertHook(alertHook);
        }
        events = SecurityEventListener.all(log, monitor.build());
      }
      if (refreshTokenStore == null) {
        refreshTokenStore = InMemoryRefreshTokenStore.builder().build();
      }
      if (throttleStore == null) {
        throttleStore = new InMemoryThrottleStore();
      }
      if (denylist == null) {
        denylist = AccessTokenDenylist.inMemory(100_000, clock);
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
        LOG.warn(
            "JWT_ENVIRONMENT is not set: set it (for example 'production') so tokens minted in one environment "
                + "are refused in another, and use a different secret per environment");
      }
      return security;
    }
  }
}
