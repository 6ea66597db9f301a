package dev.jwtsecurity;

import dev.jwtsecurity.access.AccessDeniedException;
import dev.jwtsecurity.access.AccessGuard;
import dev.jwtsecurity.access.AccessTokenDenylist;
import dev.jwtsecurity.access.AuthenticatedUser;
import dev.jwtsecurity.access.Authentication;
import dev.jwtsecurity.access.Ownership;
import dev.jwtsecurity.access.TokenAuthenticator;
import dev.jwtsecurity.access.UserDirectory;
import dev.jwtsecurity.audit.AuditTrail;
import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.audit.SecurityEventListener;
import dev.jwtsecurity.config.InsecureConfigurationException;
import dev.jwtsecurity.config.JwtSettings;
import dev.jwtsecurity.login.LoginResult;
import dev.jwtsecurity.login.PasswordChangeResult;
import dev.jwtsecurity.login.RegistrationResult;
import dev.jwtsecurity.login.UserCredentialsLookup;
import dev.jwtsecurity.login.Username;
import dev.jwtsecurity.login.UsernameRegistry;
import dev.jwtsecurity.metrics.SecurityMetrics;
import dev.jwtsecurity.password.Argon2Engine;
import dev.jwtsecurity.password.Argon2Parameters;
import dev.jwtsecurity.password.HashLimits;
import dev.jwtsecurity.password.PasswordHasher;
import dev.jwtsecurity.password.PasswordMigration;
import dev.jwtsecurity.refresh.InvalidRefreshTokenException;
import dev.jwtsecurity.refresh.RefreshTokenStore;
import dev.jwtsecurity.refresh.RevocationReason;
import dev.jwtsecurity.refresh.TokenPair;
import dev.jwtsecurity.throttle.LoginThrottle;
import dev.jwtsecurity.throttle.ThrottlePolicy;
import dev.jwtsecurity.throttle.ThrottleStore;
import dev.jwtsecurity.token.AccessTokenClaims;
import dev.jwtsecurity.token.AccessTokenValidator;
import dev.jwtsecurity.token.ClaimRule;
import dev.jwtsecurity.token.InvalidTokenException;
import dev.jwtsecurity.token.KeyRing;
import dev.jwtsecurity.token.TrustedIssuer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * How an application uses jwt-security: one object, built once from {@link JwtSettings}, that logs
 * users in with a password, refreshes and ends sessions, authenticates every request, and hands out
 * the pieces the service layer and the web adapters need. Every piece it builds shares one clock,
 * one random source and one stream of security events.
 *
 * <pre>{@code
 * JwtSecurity security = JwtSecurity.builder(JwtSettings.fromEnvironment(System.getenv()))
 *     .users(userTable)                  // UserCredentialsLookup: enables login()
 *     .userDirectory(userTable)          // UserDirectory: refuses tokens of deleted or disabled users
 *     .claims(userId -> AccessTokenClaims.forSubject(userId).roles(rolesOf(userId)).build())
 *     .build();
 *
 * LoginResult r = security.login(username, password, ctx);        // credentials -> token pair
 * Authentication auth = security.authenticate(accessToken, ctx);  // on every request
 * TokenPair next = security.refresh(refreshToken, ctx);           // rotates the refresh token
 * security.logout(auth, refreshToken, ctx);                       // ends the caller's session
 * }</pre>
 *
 * <p><b>A resource server</b> that only accepts an identity provider's access tokens has no key of
 * its own: {@code JWT_ISSUER_URI} and {@code JWT_AUDIENCE} without {@code JWT_SECRET_KEY} (or
 * {@link JwtSettings.Builder#resourceServerOnly()} and {@link Builder#trustIssuer}). Its {@link
 * #authenticate} takes the provider's tokens only; {@link #login}, {@link #refresh} and {@link
 * #keyRing()} throw {@link IllegalStateException}, and the login and refresh options ({@code
 * users}, {@code claims}, the refresh-token options) are refused by {@link Builder#build()}. Logout
 * denies the caller's access token as usual.
 *
 * <p>{@code ctx} is a {@link RequestContext}: the client address (after trusted-proxy resolution),
 * user agent and request id that every security event records.
 *
 * <h2>Security considerations</h2>
 *
 * <ul>
 *   <li>Every security event is written through the SLF4J security log ({@link
 *       SecurityEventListener#securityLog()}) and watched by a failure monitor that raises {@code
 *       security_alert} events on repeated failures, credential stuffing, token bursts and
 *       refresh-token reuse. {@link Builder#events} adds listeners; nothing can remove these two.
 *   <li>The claims function decides the roles, scopes and custom claims of every access token, at
 *       login and again at every refresh: a user whose role is taken away loses it at the next
 *       refresh, within one access-token lifetime.
 *   <li>Refresh-token families, throttle counters and the access-token denylist live in memory by
 *       default, which is right for one instance only: an application on several instances gives
 *       the builder shared stores (the {@code jwt-security-jdbc} module, or Redis).
 *   <li>Logging out denies the caller's access token at once and ends the caller's own session; a
 *       refresh token of another user is never honoured (reported as {@code authz_fail}).
 *   <li>Building logs, once, the environment, algorithm, {@code kid} and key fingerprints at INFO
 *       (never a key), so operators can see when two environments share a key.
 *   <li>{@link Builder#metrics} reports events, timings and levels to a metrics library; the values
 *       it is given are event types, reason enums, store names and durations, never a user, an
 *       address or a token. Without it nothing on the request path is measured or wrapped.
 * </ul>
 */
public final class JwtSecurity {

  private final JwtSettings settings;
  private final Clock clock;
  private final SecureRandom random;
  private static final String RESOURCE_SERVER =
      "this JwtSecurity is a resource server (its settings hold no key of the application's own:"
          + " JWT_ISSUER_URI without JWT_SECRET_KEY or JWT_PRIVATE_JWK_FILE), so ";
  private static final String RESOURCE_SERVER_FIX =
      " is not available: it accepts identity providers' tokens only. Configure an own key to"
          + " issue tokens too";

  /** Null for a resource server. */
  private final KeyRing keyRing;

  private final SecurityEventListener events;
  private final PasswordHasher passwords;
  private final LoginThrottle loginThrottle;
  private final TokenAuthenticator authenticator;
  private final AccessGuard accessGuard;
  private final Ownership ownership;
  private final LoginService login;
  private final AccountChangeService accountChanges;
  private final TokenPairService tokenPairs;
  private final Maintenance maintenance;

  private JwtSecurity(Wiring w) {
    this.settings = w.settings;
    this.clock = w.clock;
    this.random = w.random;
    this.keyRing = w.keyRing;
    this.events = w.events;
    this.passwords = w.passwords;
    this.loginThrottle = w.loginThrottle;
    this.authenticator = w.authenticator;
    this.accessGuard = w.accessGuard;
    this.ownership = w.ownership;
    this.login = w.login;
    this.accountChanges = w.accountChanges;
    this.tokenPairs = w.tokenPairs;
    this.maintenance = w.maintenance;
  }

  /**
   * Reads {@link JwtSettings#fromEnvironment the environment} and wires everything with the
   * defaults. Without {@link Builder#users} there is no {@link #login}: use the builder for a login
   * path.
   *
   * @param env the environment, normally {@code System.getenv()}
   * @return the wired front door
   * @throws InsecureConfigurationException if the configuration is insecure or malformed
   */
  public static JwtSecurity fromEnvironment(Map<String, String> env) {
    return builder(JwtSettings.fromEnvironment(env)).build();
  }

  /**
   * Returns a builder over validated settings.
   *
   * @param settings the settings, for example {@code JwtSettings.fromEnvironment(System.getenv())}
   * @return a new builder
   * @throws NullPointerException if {@code settings} is {@code null}
   */
  public static Builder builder(JwtSettings settings) {
    return new Builder(settings);
  }

  /**
   * Checks a username and password and, when they are right, starts a session: one call from the
   * login form to a token pair.
   *
   * <p>The name is normalised ({@link UserCredentialsLookup#normalizeUsername}); the attempt is
   * throttled per client address and per account; an unknown user costs one password hash like any
   * other; every attempt is a security event. On success the claims function gives the access
   * token's claims, and the returned user carries its roles and scopes.
   *
   * @param username the name as typed; {@code null} counts as an unknown user
   * @param password the password as typed; never kept (a {@code char[]} wraps with {@code
   *     CharBuffer.wrap} and can be wiped afterwards)
   * @param request where the attempt comes from
   * @return {@link LoginResult.Success} with the user and its tokens, or a {@link
   *     LoginResult.Failure}: {@code INVALID_CREDENTIALS} for every wrong name, password, disabled
   *     or locked account (answer them alike), {@code THROTTLED} with the time to wait, or {@code
   *     BUSY} when the password-hashing budget is exhausted
   * @throws IllegalStateException if no {@link Builder#users user look-up} was configured (a
   *     resource server, whose settings hold no own key, never has one)
   * @throws NullPointerException if {@code password} or {@code request} is {@code null}
   * @throws StoreUnavailableException if a store is down (the login fails closed)
   */
  public LoginResult login(CharSequence username, CharSequence password, RequestContext request) {
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(request, "request");
    if (keyRing == null) {
      throw new IllegalStateException(RESOURCE_SERVER + "login()" + RESOURCE_SERVER_FIX);
    }
    if (login == null) {
      throw new IllegalStateException(
          "login() needs your user table: configure JwtSecurity.builder(settings).users(lookup)");
    }
    LoginService.Outcome outcome = login.verify(username, password, request);
    if (outcome.failure() != null) {
      return outcome.failure();
    }
    AccessTokenClaims claims = tokenPairs.claimsFor(outcome.userId());
    TokenPair tokens = tokenPairs.login(claims, request);
    return new LoginResult.Success(
        new AuthenticatedUser(outcome.userId(), claims.roles(), claims.scopes()), tokens);
  }

  /**
   * Exchanges a refresh token for a new token pair. The refresh token rotates: the one presented is
   * spent, and presenting it again later revokes the whole session (reuse detection). The access
   * token's claims are computed afresh by the claims function.
   *
   * @param refreshToken the presented refresh token, attacker-controlled; may be {@code null}
   * @param request where the request comes from
   * @return a new access token and, except for an honest replay inside the grace window, a new
   *     refresh token
   * @throws InvalidRefreshTokenException if the token is refused, for any reason (already reported
   *     as a security event; answer 401 alike for all reasons)
   * @throws NullPointerException if {@code request} is {@code null}
   * @throws StoreUnavailableException if the refresh-token store is down
   * @throws IllegalStateException on a resource server ({@link JwtSettings#issuesOwnTokens()} is
   *     false), which issues no tokens to refresh
   */
  public TokenPair refresh(CharSequence refreshToken, RequestContext request)
      throws InvalidRefreshTokenException {
    Objects.requireNonNull(request, "request");
    if (keyRing == null) {
      throw new IllegalStateException(RESOURCE_SERVER + "refresh()" + RESOURCE_SERVER_FIX);
    }
    return tokenPairs.refresh(refreshToken, request);
  }

  /**
   * Authenticates the bearer of an access token: what to call on every request (the servlet filter
   * does). Same as {@code authenticator().authenticate(accessToken, request)}.
   *
   * @param accessToken the presented access token, attacker-controlled; may be {@code null}
   * @param request where the request comes from
   * @return the authenticated user and the verified token
   * @throws InvalidTokenException if the token is refused (already reported as a security event;
   *     answer 401 alike for all reasons)
   * @throws StoreUnavailableException if the denylist or the user directory is down
   */
  public Authentication authenticate(CharSequence accessToken, RequestContext request)
      throws InvalidTokenException {
    return authenticator.authenticate(accessToken, request);
  }

  /**
   * Ends the caller's session and the session {@code refreshToken} belongs to: their refresh tokens
   * are revoked and every access token issued in them is refused from now on (the caller's
   * included). A refresh token of another user is refused before anything is revoked: it is
   * reported ({@code authz_fail}, reason {@code FOREIGN_REFRESH_TOKEN}) and {@link
   * AccessDeniedException} is thrown, which the servlet adapter answers with 403. An unknown or
   * malformed refresh token is ignored.
   *
   * @param caller the authenticated caller
   * @param refreshToken the caller's refresh token, attacker-controlled; may be {@code null}
   * @param request where the request comes from
   * @return {@code true} if this call revoked the refresh token's session (the caller's access
   *     token is refused in any case)
   * @throws AccessDeniedException if {@code refreshToken} is a valid refresh token of another user
   * @throws NullPointerException if {@code caller} or {@code request} is {@code null}
   * @throws StoreUnavailableException if the denylist or the refresh-token store is down
   */
  public boolean logout(Authentication caller, CharSequence refreshToken, RequestContext request) {
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(request, "request");
    return tokenPairs.logout(caller, refreshToken, request);
  }

  /**
   * Logs out when no refresh token is at hand: the caller's access token is refused from now on,
   * and so is the session it was issued in (its refresh token and every access token of that
   * session), which every access token of this front door names.
   *
   * @param caller the authenticated caller
   * @param request where the request comes from
   * @throws NullPointerException if an argument is {@code null}
   * @throws StoreUnavailableException if the denylist or the refresh-token store is down
   */
  public void logout(Authentication caller, RequestContext request) {
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(request, "request");
    tokenPairs.endCallerSession(caller, RevocationReason.LOGOUT, request);
  }

  /**
   * Ends every session of the caller: all its refresh-token families are revoked, the access tokens
   * of the caller's session are refused at once, and, when the {@link Builder#userDirectory user
   * directory} records it, every other outstanding access token of the caller is refused too
   * (within one status-cache period on other instances). A token issued after this call is
   * accepted, even in the same millisecond.
   *
   * @param caller the authenticated caller
   * @param request where the request comes from
   * @return how many sessions (refresh-token families) this call ended
   * @throws NullPointerException if an argument is {@code null}
   * @throws StoreUnavailableException if a store is down
   */
  public int logoutEverywhere(Authentication caller, RequestContext request) {
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(request, "request");
    return tokenPairs.logoutEverywhere(caller, request);
  }

  /**
   * Checks a registration and hashes its password: the username profile ({@link Username}), the
   * password length, look-alikes of registered names, and a throttle per client address. On {@link
   * RegistrationResult.Accepted} the application stores the normalised name, its skeleton and the
   * hash (unique constraints on the name and on the skeleton).
   *
   * <pre>{@code
   * RegistrationResult r = security.register(form.username(), form.password(), ctx);
   * if (r instanceof RegistrationResult.Accepted a) {
   *   users.insert(a.username().value(), a.username().skeleton(), a.passwordHash());
   * }
   * }</pre>
   *
   * <p>Every attempt counts against the address group's budget of registrations and password
   * changes ({@link Builder#registrationThrottle}), and an address locked out of login is refused
   * here too: each accepted attempt costs an Argon2id computation. Refusals are validation answers
   * ({@code 400}/{@code 409} in HTTP terms) except {@code THROTTLED} ({@code 429} with {@link
   * RegistrationResult.Refused#retryAfterSeconds()}) and {@code BUSY} ({@code 503}).
   *
   * @param username the name as typed; {@code null} counts as empty
   * @param password the password as typed; never kept; 8 to 1,024 Unicode code points
   * @param request where the attempt comes from
   * @return the name and hash to store, or why the registration is refused
   * @throws IllegalStateException if no {@link Builder#usernameRegistry username registry} was
   *     configured
   * @throws NullPointerException if {@code password} or {@code request} is {@code null}
   * @throws StoreUnavailableException if the throttle store is down (fails closed)
   */
  public RegistrationResult register(
      CharSequence username, CharSequence password, RequestContext request) {
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(request, "request");
    return accountChanges.register(username, password, request);
  }

  /**
   * Changes the caller's password: checks the current password against the stored hash, the new
   * password's length and the throttle, then stores the new hash through {@link
   * UserCredentialsLookup#updatePasswordHash} (a compare-and-set on {@code storedHash}).
   *
   * <pre>{@code
   * String storedHash = userTable.passwordHashOf(auth.user().userId());
   * PasswordChangeResult r = security.changePassword(auth, storedHash, current, next, ctx);
   * if (r.changed()) security.logoutEverywhere(auth, ctx);   // if other sessions should end too
   * }</pre>
   *
   * <p>Each attempt counts against the address group's budget of registrations and password
   * changes; a wrong current password also counts against the user's own budget ({@link
   * ThrottlePolicy#ACCOUNT_DEFAULT}) and the address's login budget, like a failed login. Every
   * outcome is a security event ({@code authn_password_change}, {@code authn_password_change_fail},
   * {@code excess_rate_limit_exceeded}).
   *
   * @param caller the authenticated user whose password changes
   * @param storedHash the user's stored hash, as read by the application
   * @param currentPassword the current password as typed; never kept
   * @param newPassword the new password as typed; never kept; 8 to 1,024 Unicode code points
   * @param request where the attempt comes from
   * @return {@link PasswordChangeResult.Changed}, or why nothing was changed
   * @throws IllegalStateException if no {@link Builder#users user look-up} was configured
   * @throws NullPointerException if an argument other than {@code storedHash} is {@code null}
   * @throws StoreUnavailableException if a store is down (fails closed)
   */
  public PasswordChangeResult changePassword(
      Authentication caller,
      String storedHash,
      CharSequence currentPassword,
      CharSequence newPassword,
      RequestContext request) {
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(currentPassword, "currentPassword");
    Objects.requireNonNull(newPassword, "newPassword");
    Objects.requireNonNull(request, "request");
    return accountChanges.changePassword(
        caller.user().userId(), storedHash, currentPassword, newPassword, request);
  }

  /**
   * Deletes what has expired from every store the front door uses: refresh-token families, throttle
   * counters, denylist entries and, with an {@link Builder#auditTrail audit trail}, audit records
   * older than its retention. The library starts no threads: schedule this (every few minutes is
   * plenty; the in-memory stores also purge by themselves when they fill up).
   *
   * @return how many entries were deleted
   * @throws StoreUnavailableException if a store is down
   */
  public long purgeExpired() {
    return maintenance.purgeExpired();
  }

  /**
   * Returns the per-request authenticator the web adapters call; it reports every refusal as a
   * security event.
   *
   * @return the authenticator
   */
  public TokenAuthenticator authenticator() {
    return authenticator;
  }

  /**
   * Returns the Argon2id password hasher, for registration and password changes.
   *
   * @return the password hasher
   */
  public PasswordHasher passwords() {
    return passwords;
  }

  /**
   * Returns the role and permission checks for the service layer ({@link
   * dev.jwtsecurity.access.AccessDeniedException}, answered 403); grants come from {@link
   * Builder#grant}.
   *
   * @return the access guard
   */
  public AccessGuard accessGuard() {
    return accessGuard;
  }

  /**
   * Returns the ownership checks that answer "not found" for another user's resource and report it
   * as {@code malicious_direct_reference}.
   *
   * @return the ownership checks
   */
  public Ownership ownership() {
    return ownership;
  }

  /**
   * Returns the login throttle (per client address and per account) that {@link #login} uses, for a
   * web adapter that refuses throttled clients before reading the request.
   *
   * @return the login throttle
   */
  public LoginThrottle loginThrottle() {
    return loginThrottle;
  }

  /**
   * Returns the listener every piece reports security events to: the SLF4J security log, the
   * failure monitor and every listener added with {@link Builder#events}. Web adapters report their
   * own events (CSRF refusals, oversized headers) here.
   *
   * @return the event listener
   */
  public SecurityEventListener events() {
    return events;
  }

  /**
   * Returns the clock every piece uses.
   *
   * @return the clock
   */
  public Clock clock() {
    return clock;
  }

  /**
   * Returns the random source every piece uses (token ids, refresh tokens, salts).
   *
   * @return the random source
   */
  public SecureRandom random() {
    return random;
  }

  /**
   * Returns the key ring that signs and verifies access tokens; rotate keys here at run time.
   *
   * @return the key ring
   * @throws IllegalStateException on a resource server ({@link JwtSettings#issuesOwnTokens()} is
   *     false), which has no key of its own
   */
  public KeyRing keyRing() {
    if (keyRing == null) {
      throw new IllegalStateException(RESOURCE_SERVER + "keyRing()" + RESOURCE_SERVER_FIX);
    }
    return keyRing;
  }

  /**
   * Returns the settings everything was built from.
   *
   * @return the settings
   */
  public JwtSettings settings() {
    return settings;
  }

  @Override
  public String toString() {
    return "JwtSecurity[" + settings + "]";
  }

  /** What {@link Builder#build()} wired, handed to the constructor in one piece. */
  static final class Wiring {
    JwtSettings settings;
    Clock clock;
    SecureRandom random;
    KeyRing keyRing;
    SecurityEventListener events;
    PasswordHasher passwords;
    LoginThrottle loginThrottle;
    TokenAuthenticator authenticator;
    AccessGuard accessGuard;
    Ownership ownership;
    LoginService login;
    AccountChangeService accountChanges;
    TokenPairService tokenPairs;
    Maintenance maintenance;

    JwtSecurity build() {
      return new JwtSecurity(this);
    }
  }

  /**
   * Builds a {@link JwtSecurity}. Every option of every piece is here, and the clock, random source
   * and event listeners given here are shared by all of them. Each setter may be called once; a
   * second call fails, so two parts of a configuration cannot silently disagree. Not thread-safe.
   */
  public static final class Builder {
    private final BuilderState state;

    private Builder(JwtSettings settings) {
      this.state = new BuilderState(Objects.requireNonNull(settings, "settings"));
    }

    /**
     * Sets the clock for issuing, validating, throttling and event times; default the system UTC
     * clock.
     *
     * @param clock the clock
     * @return this builder
     * @throws NullPointerException if {@code clock} is {@code null}
     * @throws IllegalStateException if already set
     */
    public Builder clock(Clock clock) {
      state.mark("clock");
      state.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the random source for token ids, refresh tokens and salts; default a new {@link
     * SecureRandom}.
     *
     * @param random the random source
     * @return this builder
     * @throws NullPointerException if {@code random} is {@code null}
     * @throws IllegalStateException if already set
     */
    public Builder random(SecureRandom random) {
      state.mark("random");
      state.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * Adds a listener that receives every security event, besides the SLF4J security log and the
     * failure monitor, which are always there (metrics, a SIEM, tests). May be called several
     * times; listeners are called in order, and one that throws is skipped.
     *
     * @param listener the listener
     * @return this builder
     * @throws NullPointerException if {@code listener} is {@code null}
     */
    public Builder events(SecurityEventListener listener) {
      state.listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Reports to {@code metrics} what every piece measures: each security event, the duration of
     * every token authentication, password-hash computation (and its wait for a worker) and store
     * operation, and gauges of the hashes running and waiting and of the in-memory throttle and
     * denylist sizes. Default none: then nothing is measured, wrapped or allocated for metrics.
     *
     * @param metrics the metrics, for example {@code MicrometerSecurityMetrics.of(registry)} from
     *     {@code jwt-security-micrometer}
     * @return this builder
     * @throws NullPointerException if {@code metrics} is {@code null}
     * @throws IllegalStateException if already set
     */
    public Builder metrics(SecurityMetrics metrics) {
      state.mark("metrics");
      state.metrics = Objects.requireNonNull(metrics, "metrics");
      return this;
    }

    /**
     * Sets the user look-up {@link JwtSecurity#login} verifies passwords against; without it there
     * is no login (a pure resource server).
     *
     * @param users your user table
     * @return this builder
     * @throws NullPointerException if {@code users} is {@code null}
     * @throws IllegalStateException if already set
     */
    public Builder users(UserCredentialsLookup users) {
      state.mark("users");
      state.users = Objects.requireNonNull(users, "users");
      return this;
    }

    /**
     * Sets the directory asked, on every request (through a short cache) and every refresh, whether
     * a user still exists, is active, and since when its credentials are valid, so deleting or
     * disabling a user or changing a password cuts off its tokens.
     *
     * @param directory the user directory
     * @return this builder
     * @throws NullPointerException if {@code directory} is {@code null}
     * @throws IllegalStateException if already set
     */
    public Builder userDirectory(UserDirectory directory) {
      state.mark("userDirectory");
      state.userDirectory = Objects.requireNonNull(directory, "userDirectory");
      return this;
    }

    /**
     * Sets how the claims of a user's access token are made, at login and at every refresh: roles,
     * scopes and custom claims. Default: the subject only. The function must return claims for the
     * user id it is given; an exception it throws fails the login or refresh (nothing is spent).
     *
     * @param claims from user id to claims, such as {@code id ->
     *     AccessTokenClaims.forSubject(id).roles(rolesOf(id)).build()}
     * @return this builder
     * @throws NullPointerException if {@code claims} is {@code null}
     * @throws IllegalStateException if already set
     */
    public Builder claims(Function<String, AccessTokenClaims> claims) {
      state.mark("claims");
      state.claims = Objects.requireNonNull(claims, "claims");
      return this;
    }

    /**
     * Sets how long a user's status from the {@link #userDirectory user directory} is cached, and
     * for how many users: the TTL is the longest a deleted user, disabled user or changed password
     * can go unnoticed. Default 30 seconds and 10,000 users; a TTL of zero asks the directory on
     * every request.
     *
     * @param ttl 0 to 300 seconds
     * @param maxUsers 1 to 10,000,000
     * @return this builder
     * @throws IllegalArgumentException if a value is out of range
     * @throws IllegalStateException if already set
     */
    public Builder userStatusCache(Duration ttl, int maxUsers) {
      StatusCachePolicy policy = new StatusCachePolicy(ttl, maxUsers);
      state.mark("userStatusCache");
      state.statusCache = policy;
      return this;
    }

    /**
     * Sets where refresh-token families live; default in memory (one instance only). Applications
     * on several instances pass a shared store.
     *
     * @param store the store
     * @return this builder
     * @throws NullPointerException if {@code store} is {@code null}
     * @throws IllegalStateException if already set
     */
    public Builder refreshTokenStore(RefreshTokenStore store) {
      state.mark("refreshTokenStore");
      state.refreshTokenStore = Objects.requireNonNull(store, "refreshTokenStore");
      return this;
    }

    /**
     * Sets how long refresh tokens live: a refresh token not used within {@code idleTimeout}
     * expires, and a session ends {@code absoluteLifetime} after login however often it is
     * refreshed. Default 7 and 30 days.
     *
     * @param idleTimeout 1 minute to 90 days, at least the access-token lifetime
     * @param absoluteLifetime 1 minute to 365 days, at least {@code idleTimeout}
     * @return this builder
     * @throws IllegalArgumentException if a value is out of range
     * @throws IllegalStateException if already set
     */
    public Builder refreshTokenLifetimes(Duration idleTimeout, Duration absoluteLifetime) {
      RefreshPolicy policy =
          new RefreshPolicy(idleTimeout, absoluteLifetime, RefreshPolicy.DEFAULT_REUSE_GRACE);
      state.mark("refreshTokenLifetimes");
      state.refreshLifetimes = policy;
      return this;
    }

    /**
     * Sets the grace window in which a replay of the refresh token just rotated (two tabs, a
     * retried request) gets an access token only instead of revoking the session; default 5
     * seconds. Zero treats every second use as reuse.
     *
     * @param grace 0 to 60 seconds
     * @return this builder
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if already set
     */
    public Builder refreshReuseGrace(Duration grace) {
      RefreshPolicy.DEFAULT.withReuseGrace(grace);
      state.mark("refreshReuseGrace");
      state.reuseGrace = grace;
      return this;
    }

    /**
     * Sets how many access tokens one spent refresh token may still obtain inside the grace window;
     * default 2. A further replay is refused ({@code GRACE_REPLAYS_EXHAUSTED}, reported as {@code
     * authn_token_invalid}) and the session is kept. Counted per instance.
     *
     * @param replays 1 to 10
     * @return this builder
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if already set
     */
    public Builder refreshGraceReplays(int replays) {
      RefreshPolicy.DEFAULT.withGraceReplays(replays);
      state.mark("refreshGraceReplays");
      state.graceReplays = replays;
      return this;
    }

    /**
     * Sets where login-throttle counters live; default in memory (one instance only).
     *
     * @param store the store
     * @return this builder
     * @throws NullPointerException if {@code store} is {@code null}
     * @throws IllegalStateException if already set
     */
    public Builder throttleStore(ThrottleStore store) {
      state.mark("throttleStore");
      state.throttleStore = Objects.requireNonNull(store, "throttleStore");
      return this;
    }

    /**
     * Sets the failure budgets of the login throttle; default {@link
     * ThrottlePolicy#ADDRESS_DEFAULT} per client address group and {@link
     * ThrottlePolicy#ACCOUNT_DEFAULT} per account.
     *
     * @param perAddress the budget of one client address group
     * @param perAccount the budget of one account
     * @return this builder
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalStateException if already set
     */
    public Builder throttlePolicies(ThrottlePolicy perAddress, ThrottlePolicy perAccount) {
      Objects.requireNonNull(perAddress, "perAddress");
      Objects.requireNonNull(perAccount, "perAccount");
      state.mark("throttlePolicies");
      state.addressPolicy = perAddress;
      state.accountPolicy = perAccount;
      return this;
    }

    /**
     * Sets the budget of registrations and password changes per client address group, shared by
     * both and counting every attempt; default 20 per hour, then a lockout of 15 minutes doubling
     * up to one hour.
     *
     * @param perAddress the budget of one client address group
     * @return this builder
     * @throws NullPointerException if {@code perAddress} is {@code null}
     * @throws IllegalStateException if already set
     */
    public Builder registrationThrottle(ThrottlePolicy perAddress) {
      Objects.requireNonNull(perAddress, "perAddress");
      state.mark("registrationThrottle");
      state.registrationPolicy = perAddress;
      return this;
    }

    /**
     * Sets how {@link JwtSecurity#register} learns whether a name's confusable skeleton is taken
     * (typically a unique column beside the name); required for registration.
     *
     * @param registry the look-up
     * @return this builder
     * @throws NullPointerException if {@code registry} is {@code null}
     * @throws IllegalStateException if already set
     */
    public Builder usernameRegistry(UsernameRegistry registry) {
      state.mark("usernameRegistry");
      state.usernameRegistry = Objects.requireNonNull(registry, "usernameRegistry");
      return this;
    }

    /**
     * Sets where access tokens revoked before they expire are listed (logout); default in memory
     * with room for 100,000 entries (one instance only).
     *
     * @param denylist the denylist
     * @return this builder
     * @throws NullPointerException if {@code denylist} is {@code null}
     * @throws IllegalStateException if already set
     */
    public Builder denylist(AccessTokenDenylist denylist) {
      state.mark("denylist");
      state.denylist = Objects.requireNonNull(denylist, "denylist");
      return this;
    }

    /**
     * Sets the Argon2id parameters of new password hashes; default {@link Argon2Parameters#DEFAULT}
     * (OWASP). They must meet the OWASP floor.
     *
     * @param parameters the parameters, for example calibrated on the production machine
     * @return this builder
     * @throws IllegalArgumentException if below the OWASP floor
     * @throws IllegalStateException if already set
     */
    public Builder passwordHashing(Argon2Parameters parameters) {
      PasswordHasher.builder().parameters(parameters);
      state.mark("passwordHashing");
      state.hashing.add(b -> b.parameters(parameters));
      return this;
    }

    /**
     * Sets Argon2 parameters without the OWASP floor, so unit tests run fast. Never in production:
     * weak hashes fall to offline guessing.
     *
     * @param parameters any valid parameters
     * @return this builder
     * @throws NullPointerException if {@code parameters} is {@code null}
     * @throws IllegalStateException if already set
     */
    public Builder unsafePasswordHashingForTesting(Argon2Parameters parameters) {
      Objects.requireNonNull(parameters, "parameters");
      state.mark("passwordHashing");
      state.hashing.add(b -> b.unsafeParametersForTesting(parameters));
      return this;
    }

    /**
     * Sets the largest parameters a stored hash may carry and still be computed; default {@link
     * HashLimits#DEFAULT}. Beyond them a stored hash is refused without computing anything.
     *
     * @param limits the limits
     * @return this builder
     * @throws NullPointerException if {@code limits} is {@code null}
     * @throws IllegalStateException if already set
     */
    public Builder storedHashLimits(HashLimits limits) {
      Objects.requireNonNull(limits, "limits");
      state.mark("storedHashLimits");
      state.hashing.add(b -> b.limits(limits));
      return this;
    }

    /**
     * Sets the native memory all concurrent password-hash computations may use together, and how
     * long a login waits for its share before it is answered {@code BUSY}; default 256 MiB and 2
     * seconds.
     *
     * @param memoryKiB the budget in KiB, at least the largest memory cost of {@link
     *     #storedHashLimits}
     * @param busyTimeout 0 to 60 seconds
     * @return this builder
     * @throws IllegalArgumentException if a value is out of range
     * @throws IllegalStateException if already set
     */
    public Builder hashingBudget(int memoryKiB, Duration busyTimeout) {
      PasswordHasher.builder().memoryBudgetKiB(memoryKiB).busyTimeout(busyTimeout);
      state.mark("hashingBudget");
      state.hashing.add(b -> b.memoryBudgetKiB(memoryKiB).busyTimeout(busyTimeout));
      return this;
    }

    /**
     * Sets which password hashes of earlier systems (bcrypt, PBKDF2 and scrypt in Django's and
     * Spring Security's formats) a login verifies and upgrades to Argon2id, and below what cost
     * they are refused; default {@link PasswordMigration#DEFAULT}. Fast or unsalted digests are
     * never verified, whatever the policy.
     *
     * @param migration the migration policy
     * @return this builder
     * @throws NullPointerException if {@code migration} is {@code null}
     * @throws IllegalStateException if already set
     */
    public Builder passwordMigration(PasswordMigration migration) {
      Objects.requireNonNull(migration, "migration");
      state.mark("passwordMigration");
      state.hashing.add(b -> b.migration(migration));
      return this;
    }

    /**
     * Chooses the Argon2 implementation of the password hasher; by default the native one
     * (argon2-jvm), or the one {@link Argon2Engine} service provider when argon2-jvm is absent.
     *
     * <pre>{@code
     * builder.argon2Engine(new BouncyCastleArgon2Engine());   // jwt-security-argon2-bouncycastle
     * }</pre>
     *
     * @param engine the engine
     * @return this builder
     * @throws NullPointerException if {@code engine} is {@code null}
     * @throws IllegalStateException if already set
     */
    public Builder argon2Engine(Argon2Engine engine) {
      Objects.requireNonNull(engine, "engine");
      state.mark("argon2Engine");
      state.hashing.add(b -> b.argon2Engine(engine));
      return this;
    }

    /**
     * Records every ownership check in {@code trail}, and purges its records older than the
     * retention in {@link JwtSecurity#purgeExpired()}; default no trail.
     *
     * @param trail the audit trail
     * @param retention how long records are kept, at least one day (audit records are evidence)
     * @return this builder
     * @throws IllegalArgumentException if {@code retention} is shorter than one day
     * @throws IllegalStateException if already set
     */
    public Builder auditTrail(AuditTrail trail, Duration retention) {
      Objects.requireNonNull(trail, "trail");
      Duration checked = BuilderState.auditRetention(retention);
      state.mark("auditTrail");
      state.auditRetention = checked;
      state.auditTrail = trail;
      return this;
    }

    /**
     * Grants {@code permissions} to every user with {@code role}, for {@link
     * AccessGuard#requirePermission}; may be called several times (grants add up).
     *
     * @param role the role
     * @param permissions the permissions it grants, at least one
     * @return this builder
     * @throws IllegalArgumentException if the role or a permission is blank, or none is given
     */
    public Builder grant(String role, String... permissions) {
      AccessGuard.builder().grant(role, permissions); // checks the arguments now
      String[] copy = permissions.clone();
      state.grants.add(b -> b.grant(role, copy));
      return this;
    }

    /**
     * Sends every {@code security_alert} event the failure monitor raises to {@code hook} too (for
     * example your paging system); alerts always reach the security log and every {@link #events}
     * listener. The hook runs on the request thread that triggered the alert: it must be quick.
     *
     * @param hook the listener for alerts
     * @return this builder
     * @throws NullPointerException if {@code hook} is {@code null}
     * @throws IllegalStateException if already set
     */
    public Builder alertHook(SecurityEventListener hook) {
      state.mark("alertHook");
      state.alertHook = Objects.requireNonNull(hook, "alertHook");
      return this;
    }

    /**
     * Alerts when one account fails {@code failures} logins (refused by the throttle or not) within
     * {@code window}; default 10 in one hour.
     *
     * @param failures 1 to 10,000
     * @param window positive, at most one day
     * @return this builder
     * @throws IllegalArgumentException if a value is out of range
     * @throws IllegalStateException if already set
     */
    public Builder alertOnRepeatedAccountFailures(int failures, Duration window) {
      FailureMonitor.builder().repeatedAccountFailures(failures, window);
      state.mark("alertOnRepeatedAccountFailures");
      state.monitoring.add(b -> b.repeatedAccountFailures(failures, window));
      return this;
    }

    /**
     * Alerts when logins for {@code distinctAccounts} different names, existing or not, fail (or
     * are refused by the throttle) from one address within {@code window} (credential stuffing,
     * password spraying); default 20 in one hour.
     *
     * @param distinctAccounts 1 to 10,000
     * @param window positive, at most one day
     * @return this builder
     * @throws IllegalArgumentException if a value is out of range
     * @throws IllegalStateException if already set
     */
    public Builder alertOnCredentialStuffing(int distinctAccounts, Duration window) {
      FailureMonitor.builder().credentialStuffing(distinctAccounts, window);
      state.mark("alertOnCredentialStuffing");
      state.monitoring.add(b -> b.credentialStuffing(distinctAccounts, window));
      return this;
    }

    /**
     * Alerts when logins for one account fail from {@code distinctAddresses} different addresses
     * within {@code window}; default 10 in one hour.
     *
     * @param distinctAddresses 1 to 10,000
     * @param window positive, at most one day
     * @return this builder
     * @throws IllegalArgumentException if a value is out of range
     * @throws IllegalStateException if already set
     */
    public Builder alertOnDistributedAccountAttack(int distinctAddresses, Duration window) {
      FailureMonitor.builder().distributedAccountAttack(distinctAddresses, window);
      state.mark("alertOnDistributedAccountAttack");
      state.monitoring.add(b -> b.distributedAccountAttack(distinctAddresses, window));
      return this;
    }

    /**
     * Alerts when {@code refusals} access tokens from one address are refused within {@code
     * window}; default 50 in one minute.
     *
     * @param refusals 1 to 10,000
     * @param window positive, at most one day
     * @return this builder
     * @throws IllegalArgumentException if a value is out of range
     * @throws IllegalStateException if already set
     */
    public Builder alertOnInvalidTokenBurst(int refusals, Duration window) {
      FailureMonitor.builder().invalidTokenBurst(refusals, window);
      state.mark("alertOnInvalidTokenBurst");
      state.monitoring.add(b -> b.invalidTokenBurst(refusals, window));
      return this;
    }

    /**
     * Sets how long further reuses of one refresh-token family stay silent after its alert (every
     * family alerts on its first reuse), and how many keys (accounts, addresses, families) each
     * alert pattern tracks at most, which bounds the monitor's memory; default one hour and 10,000.
     *
     * @param reuseSilence positive, at most one day
     * @param maxTrackedKeys 1 to 1,000,000
     * @return this builder
     * @throws IllegalArgumentException if a value is out of range
     * @throws IllegalStateException if already set
     */
    public Builder alertLimits(Duration reuseSilence, int maxTrackedKeys) {
      FailureMonitor.builder().tokenReuseDeduplication(reuseSilence).maxTrackedKeys(maxTrackedKeys);
      state.mark("alertLimits");
      state.monitoring.add(
          b -> b.tokenReuseDeduplication(reuseSilence).maxTrackedKeys(maxTrackedKeys));
      return this;
    }

    /**
     * Accepts the access tokens of an identity provider besides this application's own, through
     * {@link JwtSecurity#authenticator()} and {@link JwtSecurity#authenticate}: the token's {@code
     * iss} chooses the provider, whose keys and rules then decide, and its roles and scopes (mapped
     * by the provider's claim paths) are what {@link AuthenticatedUser}, the servlet principal and
     * {@link AccessGuard} see. May be called once per issuer; {@code JWT_ISSUER_URI} adds one from
     * the environment.
     *
     * <pre>{@code
     * builder.trustIssuer(TrustedIssuer.builder("https://login.example.com/realms/acme")
     *     .discoverKeys()
     *     .audiences("orders-api")
     *     .rolesClaim("realm_access.roles")
     *     .build());
     * }</pre>
     *
     * @param issuer the provider
     * @return this builder
     * @throws IllegalArgumentException if this issuer is already trusted
     */
    public Builder trustIssuer(TrustedIssuer issuer) {
      Objects.requireNonNull(issuer, "issuer");
      if (state.trustedIssuers.putIfAbsent(issuer.issuer(), issuer) != null) {
        throw new IllegalArgumentException(issuer.issuer() + " is already trusted");
      }
      return this;
    }

    /**
     * Adds checks of your own on the claims of this application's own access tokens, run after
     * every built-in check; the first that fails refuses the token, and its name is the reason in
     * the {@code authn_token_invalid} event. (A provider's tokens take their rules from {@link
     * TrustedIssuer.Builder#claimRules}.)
     *
     * @param rules one or more rules with distinct names
     * @return this builder
     * @throws IllegalArgumentException if none is given or two share a name
     * @throws IllegalStateException if already set
     */
    public Builder claimRules(ClaimRule... rules) {
      AccessTokenValidator.builder().claimRules(rules); // checks them now
      state.mark("claimRules");
      state.claimRules = rules.clone();
      return this;
    }

    /**
     * Wires everything and logs the start-up summary (environment, algorithm, kid and fingerprints;
     * never a key).
     *
     * @return the front door
     * @throws IllegalStateException if the options contradict each other (for example a refresh
     *     idle timeout shorter than the access-token lifetime)
     */
    public JwtSecurity build() {
      return state.wire().build();
    }
  }
}
