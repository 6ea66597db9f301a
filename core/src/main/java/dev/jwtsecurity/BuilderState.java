package dev.jwtsecurity;

import dev.jwtsecurity.access.AccessGuard;
import dev.jwtsecurity.access.AccessTokenDenylist;
import dev.jwtsecurity.access.Ownership;
import dev.jwtsecurity.access.TokenAuthenticator;
import dev.jwtsecurity.access.UserDirectory;
import dev.jwtsecurity.audit.AuditTrail;
import dev.jwtsecurity.audit.SecurityEventListener;
import dev.jwtsecurity.config.JwtSettings;
import dev.jwtsecurity.internal.KeyCacheMeter;
import dev.jwtsecurity.internal.LogSafe;
import dev.jwtsecurity.internal.SetOnce;
import dev.jwtsecurity.internal.Sized;
import dev.jwtsecurity.login.UserCredentialsLookup;
import dev.jwtsecurity.login.UsernameRegistry;
import dev.jwtsecurity.metrics.SecurityMetrics;
import dev.jwtsecurity.password.PasswordHasher;
import dev.jwtsecurity.refresh.RefreshTokenStore;
import dev.jwtsecurity.throttle.LoginThrottle;
import dev.jwtsecurity.throttle.ThrottlePolicy;
import dev.jwtsecurity.throttle.ThrottleStore;
import dev.jwtsecurity.token.AccessTokenClaims;
import dev.jwtsecurity.token.AccessTokenIssuer;
import dev.jwtsecurity.token.AccessTokenValidator;
import dev.jwtsecurity.token.ClaimRule;
import dev.jwtsecurity.token.ProviderTokenValidator;
import dev.jwtsecurity.token.TrustedIssuer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of a {@link JwtSecurity.Builder} and the wiring it does in {@code build()}: the one
 * place that decides which piece gets which clock, random source, listener and store.
 */
final class BuilderState {

  private static final Logger LOG = LoggerFactory.getLogger(JwtSecurity.class);

  /** The shortest audit retention accepted: shorter would destroy the evidence of an incident. */
  static final Duration MIN_AUDIT_RETENTION = Duration.ofDays(1);

  static final int DEFAULT_DENYLIST_ENTRIES = 100_000;

  final JwtSettings settings;
  Clock clock;
  SecureRandom random;
  final List<SecurityEventListener> listeners = new ArrayList<>();
  UserCredentialsLookup users;
  UserDirectory userDirectory;
  Function<String, AccessTokenClaims> claims;
  StatusCachePolicy statusCache;
  RefreshTokenStore refreshTokenStore;
  RefreshPolicy refreshLifetimes;
  Integer graceReplays;
  Duration reuseGrace;
  ThrottleStore throttleStore;
  ThrottlePolicy addressPolicy;
  ThrottlePolicy accountPolicy;
  ThrottlePolicy registrationPolicy;
  UsernameRegistry usernameRegistry;
  AccessTokenDenylist denylist;
  AuditTrail auditTrail;
  Duration auditRetention;
  SecurityEventListener alertHook;
  SecurityMetrics metrics = SecurityMetrics.none();
  final Map<String, TrustedIssuer> trustedIssuers = new LinkedHashMap<>();
  ClaimRule[] claimRules;
  // Options of the pieces with builders of their own, checked when given and applied to a fresh
  // builder at every build(), so that one JwtSecurity.Builder can build more than once.
  final List<Consumer<PasswordHasher.Builder>> hashing = new ArrayList<>();
  final List<Consumer<AccessGuard.Builder>> grants = new ArrayList<>();
  final List<Consumer<FailureMonitor.Builder>> monitoring = new ArrayList<>();
  private final SetOnce once = new SetOnce();

  BuilderState(JwtSettings settings) {
    this.settings = settings;
  }

  /**
   * Records that option {@code name} is being set, refusing a second time: two parts of a
   * configuration must not silently disagree.
   */
  void mark(String name) {
    once.mark(name);
  }

  private static <B> B apply(B builder, List<Consumer<B>> options) {
    options.forEach(o -> o.accept(builder));
    return builder;
  }

  static Duration auditRetention(Duration retention) {
    Objects.requireNonNull(retention, "retention");
    if (retention.compareTo(MIN_AUDIT_RETENTION) < 0) {
      throw new IllegalArgumentException(
          "the audit retention must be at least one day (audit records are evidence); was "
              + retention);
    }
    return retention;
  }

  /**
   * The metrics hook of the identity-provider key cache: whoever builds the key cache of a trusted
   * issuer for this front door hands it the meter returned here (one per configured issuer), so its
   * hits, misses and fetches reach {@code metrics(...)}. Without metrics it is {@link
   * KeyCacheMeter#NONE}, which reads no clock.
   */
  KeyCacheMeter keyCacheMeter(String issuer) {
    return KeyCacheMeter.of(metrics, issuer);
  }

  JwtSecurity.Wiring wire() {
    JwtSecurity.Wiring w = new JwtSecurity.Wiring();
    w.settings = settings;
    w.clock = clock != null ? clock : Clock.systemUTC();
    w.random = random != null ? random : new SecureRandom();
    boolean own = settings.issuesOwnTokens();
    if (!own) {
      refuseOwnTokenOptions();
    }
    // A resource server has no key ring: nothing of its own to sign or verify.
    w.keyRing = own ? settings.newKeyRing() : null;

    // One fan-out for every piece: the security log always, the application's listeners, and the
    // monitor. The monitor's alerts go back into the same fan-out (it ignores its own alerts), so
    // they reach the log and every listener too, and the hook sees only alerts.
    boolean measured = metrics != SecurityMetrics.none();
    SecurityEventListener log = SecurityEventListener.securityLog();
    SecurityEventListener[] fanOut = new SecurityEventListener[1];
    SecurityEventListener hook = alertHook;
    SecurityEventListener alerts =
        event -> {
          SecurityEventListener.deliver(fanOut[0], event);
          if (hook != null) {
            SecurityEventListener.deliver(hook, event);
          }
        };
    FailureMonitor.Builder m =
        apply(FailureMonitor.builder(), monitoring).clock(w.clock).alertEvents(alerts);
    // The monitor last: every listener sees the event that triggers an alert before the alert.
    List<SecurityEventListener> all = new ArrayList<>();
    all.add(log);
    if (measured) {
      all.add(Metered.events(metrics));
    }
    all.addAll(listeners);
    all.add(m.build());
    fanOut[0] = SecurityEventListener.all(all.toArray(new SecurityEventListener[0]));
    w.events = fanOut[0];

    AccessTokenIssuer issuer = null;
    AccessTokenValidator validator = null;
    if (own) {
      issuer = settings.issuerBuilder(w.keyRing).clock(w.clock).random(w.random).build();
      AccessTokenValidator.Builder v = settings.validatorBuilder(w.keyRing).clock(w.clock);
      if (claimRules != null) {
        v.claimRules(claimRules);
      }
      validator = v.build();
    }
    ProviderTokenValidator providers = providers(w);
    if (providers == null && !own) {
      throw new IllegalStateException(
          "these settings are a resource server's (no key of the application's own) and no"
              + " identity provider is trusted, so no token could ever be accepted: set"
              + " JWT_ISSUER_URI or call trustIssuer(...)");
    }
    AccessTokenDenylist deny =
        denylist != null ? denylist : AccessTokenDenylist.inMemory(DEFAULT_DENYLIST_ENTRIES);
    // The sizes of in-memory stores are offered as gauges; a shared store's size is a metric of
    // its database, and counting it on every scrape would load that database.
    ThrottleStore throttles = throttleStore != null ? throttleStore : ThrottleStore.inMemory();
    if (measured) {
      if (deny instanceof Sized sized) {
        metrics.gauge(SecurityMetrics.Gauge.DENYLIST_ENTRIES, sized::size);
      }
      if (throttles instanceof Sized sized) {
        metrics.gauge(SecurityMetrics.Gauge.THROTTLE_ENTRIES, sized::size);
      }
      deny = Metered.denylist(deny, metrics);
      throttles = Metered.throttle(throttles, metrics);
    }
    UserStatusCache cache = null;
    if (userDirectory != null) {
      StatusCachePolicy p = statusCache != null ? statusCache : StatusCachePolicy.DEFAULT;
      cache = new UserStatusCache(userDirectory, p.ttl(), p.maxUsers(), w.clock);
    } else if (statusCache != null) {
      throw new IllegalStateException(
          "userStatusCache(...) configures the cache of the user directory: also set"
              + " userDirectory(...)");
    }
    TokenAuthenticator authenticator =
        new AccessTokenAuthenticator(validator, providers, w.events, w.clock, deny, cache);
    w.authenticator = measured ? Metered.authenticator(authenticator, metrics) : authenticator;

    PasswordHasher.Builder hasher = apply(PasswordHasher.builder(), hashing).random(w.random);
    if (measured) {
      hasher.metrics(metrics);
    }
    w.passwords = hasher.build();
    // One store for the login throttle and the registration/password-change throttle (above).
    LoginThrottle.Builder t = LoginThrottle.builder().clock(w.clock).store(throttles);
    if (addressPolicy != null) {
      t.addressPolicy(addressPolicy).accountPolicy(accountPolicy);
    }
    w.loginThrottle = t.build();
    w.login =
        users == null
            ? null
            : new LoginService(users, w.passwords, w.loginThrottle, w.events, w.clock);
    w.accountChanges =
        new AccountChangeService(
            w.passwords,
            throttles,
            w.loginThrottle,
            registrationPolicy != null
                ? registrationPolicy
                : AccountChangeService.DEFAULT_ADDRESS_POLICY,
            accountPolicy != null ? accountPolicy : ThrottlePolicy.ACCOUNT_DEFAULT,
            usernameRegistry,
            users,
            w.events,
            w.clock);

    RefreshPolicy lifetimes = refreshLifetimes != null ? refreshLifetimes : RefreshPolicy.DEFAULT;
    RefreshPolicy refresh =
        new RefreshPolicy(
            lifetimes.idleTimeout(),
            lifetimes.absoluteLifetime(),
            reuseGrace != null ? reuseGrace : RefreshPolicy.DEFAULT_REUSE_GRACE,
            graceReplays != null ? graceReplays : RefreshPolicy.DEFAULT_GRACE_REPLAYS);
    refresh.requireAtLeast(settings.accessTokenLifetime());
    RefreshTokenStore store =
        refreshTokenStore != null ? refreshTokenStore : RefreshTokenStore.inMemory();
    AuditTrail trail = auditTrail;
    if (measured) {
      store = Metered.refreshTokens(store, metrics);
      trail = trail == null ? null : Metered.auditTrail(trail, metrics);
    }
    w.tokenPairs =
        new TokenPairService(
            issuer,
            store,
            w.clock,
            w.random,
            w.events,
            userDirectory,
            deny,
            claims != null ? claims : userId -> AccessTokenClaims.forSubject(userId).build(),
            refresh,
            cache,
            // A resource server has no tokens of its own and so no sessions to name.
            issuer == null ? "" : settings.issuer().orElse(""),
            settings.accessTokenLifetime().plus(settings.clockSkew()));

    w.accessGuard = apply(AccessGuard.builder(), grants).events(w.events).clock(w.clock).build();
    Ownership.Builder o = Ownership.builder().events(w.events).clock(w.clock);
    if (trail != null) {
      o.auditTrail(trail);
    }
    w.ownership = o.build();
    w.maintenance = new Maintenance(w.clock, store, w.loginThrottle, deny, trail, auditRetention);

    logStartup();
    return w;
  }

  /**
   * A resource server issues no tokens: the options that only serve its own tokens would be dead
   * configuration, and {@code users(...)} a login that cannot work. Refused at build, so the
   * mistake shows at start-up rather than at the first login.
   */
  private void refuseOwnTokenOptions() {
    List<String> given = new ArrayList<>();
    for (String option :
        List.of(
            "users",
            "claims",
            "refreshTokenStore",
            "refreshTokenLifetimes",
            "refreshReuseGrace",
            "claimRules")) {
      if (once.isSet(option)) {
        given.add(option + "(...)");
      }
    }
    if (!given.isEmpty()) {
      throw new IllegalStateException(
          String.join(", ", given)
              + " configure login and the application's own tokens, but these settings are a"
              + " resource server's (no JWT_SECRET_KEY or JWT_PRIVATE_JWK_FILE, or"
              + " resourceServerOnly()): remove them, or configure an own key; identity providers'"
              + " claim rules go on their TrustedIssuer");
    }
  }

  /** The identity providers of the settings and of the builder, or {@code null} when none. */
  private ProviderTokenValidator providers(JwtSecurity.Wiring w) {
    Map<String, TrustedIssuer> all = new LinkedHashMap<>();
    settings.trustedIssuer().ifPresent(t -> all.put(t.issuer(), t));
    for (TrustedIssuer t : trustedIssuers.values()) {
      if (all.putIfAbsent(t.issuer(), t) != null) {
        throw new IllegalStateException(
            t.issuer() + " is trusted twice: by JWT_ISSUER_URI and by trustIssuer(...); keep one");
      }
    }
    if (all.isEmpty()) {
      return null;
    }
    String own = settings.issuer().orElse(null);
    if (own != null && all.containsKey(own)) {
      throw new IllegalStateException(
          own
              + " is both this application's issuer (JWT_ISSUER) and a trusted identity provider;"
              + " they must differ, or no one could tell whose keys sign a token");
    }
    for (TrustedIssuer t : all.values()) {
      if (t.checksUserStatus() && userDirectory == null) {
        throw new IllegalStateException(
            t.issuer() + " asks for checkUserStatus(): also set userDirectory(...)");
      }
      LOG.info(
          "jwt-security trusts the access tokens of {} (audiences {})",
          LogSafe.clean(t.issuer()),
          t.audiences().isEmpty() ? "any: unsafeAcceptAnyAudience()" : t.audiences());
    }
    return ProviderTokenValidator.builder()
        .trust(all.values().toArray(new TrustedIssuer[0]))
        .clock(w.clock)
        .events(w.events)
        .build();
  }

  private void logStartup() {
    if (!settings.issuesOwnTokens()) {
      LOG.info(
          "jwt-security started as a resource server: identity providers' tokens only, no login or"
              + " refresh; clock skew={}",
          settings.clockSkew());
      return;
    }
    LOG.info(
        "jwt-security started: environment={}, algorithm={}, kid={}, key fingerprint={},"
            + " verification keys={}, access-token lifetime={}, clock skew={}",
        settings.environment().orElse("(not set)"),
        settings.algorithm().jwsName(),
        settings.keyId(),
        settings.keyFingerprint(),
        settings.verificationKeyFingerprints(),
        settings.accessTokenLifetime(),
        settings.clockSkew());
    if (settings.environment().isEmpty()) {
      LOG.warn(
          "JWT_ENVIRONMENT is not set: set it (for example 'production') so tokens minted in one"
              + " environment are refused in another, and use a different secret per environment");
    }
  }
}
