package dev.jwtsecurity.refresh;

import dev.jwtsecurity.access.AccessTokenDenylist;
import dev.jwtsecurity.access.UserDirectory;
import dev.jwtsecurity.access.UserStatus;
import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventListener;
import dev.jwtsecurity.audit.SecurityEventType;
import dev.jwtsecurity.token.AccessTokenClaims;
import dev.jwtsecurity.token.AccessTokenIssuer;
import dev.jwtsecurity.token.IssuedAccessToken;
import dev.jwtsecurity.token.VerifiedAccessToken;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Access and refresh tokens for the common flow in one service: a token pair at login, a new pair
 * on refresh (the refresh token rotates every time), and logout of one session or of all of a
 * user's sessions.
 *
 * <pre>{@code
 * TokenPairService tokens = TokenPairService.builder()
 *     .issuer(accessTokenIssuer)
 *     .userDirectory(directory)                                   // optional: refuse deleted or disabled users
 *     .claims(userId -> AccessTokenClaims.forSubject(userId).roles(rolesOf(userId)).build())
 *     .events(listener)
 *     .build();
 *
 * TokenPair pair = tokens.login(userId, ctx);                     // after the password was verified
 * TokenPair next = tokens.refresh(presentedRefreshToken, ctx);    // throws InvalidRefreshTokenException
 * tokens.logout(presentedRefreshToken, ctx);                      // this session
 * tokens.logoutEverywhere(userId, ctx);                           // every session of the user
 * }</pre>
 *
 * <p>Refresh tokens are opaque ({@code rt1.<lookup id>.<secret>}, 128 + 256 random bits), never
 * JWTs, so they can never be accepted as access tokens nor the reverse. The store keeps only the
 * SHA-256 of the secret. Each login starts a <em>family</em>; each refresh spends the presented
 * token and issues its successor in the same family, with an access token made from {@link
 * Builder#claims} at that moment (so role changes apply at the next refresh).
 *
 * <h2>Lifetimes</h2>
 *
 * <p>A refresh token not used within the idle timeout (default 7 days) expires; a family expires at
 * its absolute lifetime (default 30 days) after login however often it is refreshed. Both are
 * checked on every use.
 *
 * <h2>Reuse detection and the grace window (RFC 9700 §4.14.2)</h2>
 *
 * <p>When a refresh token that has already been spent is presented again, the exact rule is:
 *
 * <ol>
 *   <li>If the grace window is not zero, the token was spent at most the grace window ago (default
 *       5 s, at most 60 s), and its successor is still the family's live token (not itself spent),
 *       the request is an honest race (two tabs, or a retried request whose answer was lost): it
 *       gets a new <b>access token only</b>, with no refresh token ({@link
 *       TokenPair#refreshToken()} is empty). The client keeps the successor the winning request
 *       received (for a cookie: do not touch the cookie). The family is unchanged and exactly one
 *       live refresh token exists.
 *   <li>Otherwise it is reuse: the whole family is revoked, a {@code CRITICAL} {@code
 *       authn_token_reuse} event names the family (never the token), and {@link
 *       InvalidRefreshTokenException.Reason#REUSED} is thrown. Every token of the family, including
 *       the successor, is refused from then on: both the thief and the user must log in again.
 * </ol>
 *
 * <p>Why access-only: since only hashes are stored, the successor cannot be handed out twice, and
 * issuing a second, sibling refresh token would give whoever replays a stolen token inside the
 * window a lasting session that reuse detection could never catch. The access token given under the
 * grace rule lives at most the access-token lifetime. A grace window of zero turns every second use
 * into reuse, including honest races.
 *
 * <h2>User status</h2>
 *
 * <p>With a {@link UserDirectory}, every refresh (also under the grace rule) checks the user: a
 * deleted or inactive user, or a family started before the user's credentials-valid-since instant,
 * revokes the family and is refused. {@link #logoutEverywhere} records the instant in the directory
 * when it supports it, so outstanding access tokens are refused by {@code TokenAuthenticator}
 * within one status-cache period.
 *
 * <h2>Security considerations</h2>
 *
 * <ul>
 *   <li>{@link #login} trusts its caller: call it only after the user has been authenticated.
 *   <li>Every refusal is one checked exception; answer the client the same way for every reason.
 *   <li>Use the same clock for the issuer and this service. The default in-memory store is for one
 *       JVM.
 * </ul>
 */
public final class TokenPairService {

  /** Default idle timeout of a refresh token. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofDays(7);

  /** Default absolute lifetime of a family. */
  public static final Duration DEFAULT_ABSOLUTE_LIFETIME = Duration.ofDays(30);

  /** Default grace window for a replay of the immediately previous refresh token. */
  public static final Duration DEFAULT_REUSE_GRACE = Duration.ofSeconds(5);

  /** Largest accepted grace window. */
  public static final Duration MAX_REUSE_GRACE = Duration.ofSeconds(60);

  private static final Duration MIN_LIFETIME = Duration.ofMinutes(1);
  private static final Duration MAX_IDLE_TIMEOUT = Duration.ofDays(90);
  private static final Duration MAX_ABSOLUTE_LIFETIME = Duration.ofDays(365);

  private final AccessTokenIssuer issuer;
  private final RefreshTokenStore store;
  private final Clock clock;
  private final SecureRandom random;
  private final SecurityEventListener events;
  private final UserDirectory directory;
  private final AccessTokenDenylist denylist;
  private final Function<String, AccessTokenClaims> claims;
  private final Duration idleTimeout;
  private final Duration absoluteLifetime;
  private final Duration reuseGrace;

  private TokenPairService(Builder b) {
    this.issuer = b.issuer;
    this.store = b.store != null ? b.store : InMemoryRefreshTokenStore.builder().build();
    this.clock = b.clock;
    this.random = b.random != null ? b.random : new SecureRandom();
    this.events = b.events;
    this.directory = b.directory;
    this.denylist = b.denylist;
    this.claims = b.claims;
    this.idleTimeout = b.idleTimeout;
    this.absoluteLifetime = b.absoluteLifetime;
    this.reuseGrace = b.reuseGrace;
  }

  /**
   * Returns a builder with the documented defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a session for an already authenticated user: a new family, its first refresh token and
   * an access token. Reports {@code authn_token_created} with the family id.
   *
   * @param userId the authenticated user
   * @param request where the request came from
   * @return an access token and a refresh token
   * @throws IllegalArgumentException if {@code userId} is empty
   * @throws IllegalStateException if the claims function returns {@code null} or claims for another
   *     subject
   */
  public TokenPair login(String userId, RequestContext request) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(request, "request");
    if (userId.isEmpty()) {
      throw new IllegalArgumentException("userId must not be empty");
    }
    AccessTokenClaims accessClaims = claimsFor(userId);
    Instant now = clock.instant();
    String familyId = RefreshTokenCodec.randomId(random, RefreshTokenCodec.LOOKUP_BYTES);
    RefreshTokenFamily family =
        new RefreshTokenFamily(familyId, userId, now, now.plus(absoluteLifetime));
    NewToken first = newToken(family, now);
    store.create(family, first.record);
    IssuedAccessToken access = issuer.issue(accessClaims);
    emit(
        SecurityEvent.builder(SecurityEventType.AUTHN_TOKEN_CREATED, now)
            .userId(userId)
            .tokenId(familyId),
        request);
    return new TokenPair(access, Optional.of(first.issued));
  }

  /**
   * Exchanges a refresh token for a new pair, following the rotation, lifetime, grace and reuse
   * rules in the class documentation. Reports {@code authn_token_refreshed} on success, {@code
   * authn_token_reuse} on reuse, and {@code authn_token_invalid} with the reason on any other
   * refusal.
   *
   * @param refreshToken the presented refresh token, attacker-controlled; may be {@code null}
   * @param request where the request came from
   * @return a new access token and, except under the grace rule, a new refresh token
   * @throws InvalidRefreshTokenException if the token is refused, for any reason
   */
  public TokenPair refresh(CharSequence refreshToken, RequestContext request)
      throws InvalidRefreshTokenException {
    Objects.requireNonNull(request, "request");
    RefreshTokenCodec.Parsed parsed = RefreshTokenCodec.parse(refreshToken);
    Instant now = clock.instant();
    if (parsed == null) {
      throw refuse(InvalidRefreshTokenException.Reason.MALFORMED, null, null, now, request);
    }
    StoredRefreshToken stored = findVerified(parsed);
    if (stored == null) {
      throw refuse(InvalidRefreshTokenException.Reason.UNKNOWN, null, null, now, request);
    }
    RefreshTokenFamily family = stored.family();
    if (stored.revocationReason().isPresent()) {
      throw refuse(InvalidRefreshTokenException.Reason.REVOKED, family, null, now, request);
    }
    if (!now.isBefore(family.expiresAt())) {
      throw refuse(InvalidRefreshTokenException.Reason.EXPIRED, family, "absolute", now, request);
    }
    if (stored.spentAtOrNull() != null) {
      return graceOrReuse(
          family, stored.spentAtOrNull(), stored.successorLookupIdOrNull(), now, request);
    }
    if (!now.isBefore(stored.token().expiresAt())) {
      throw refuse(InvalidRefreshTokenException.Reason.EXPIRED, family, "idle", now, request);
    }
    checkUser(family, now, request);
    // Claims before the rotation: if the application's claims function fails, nothing has been
    // spent.
    AccessTokenClaims accessClaims = claimsFor(family.userId());
    NewToken successor = newToken(family, now);
    RotationResult result = store.rotate(parsed.lookupId, successor.record, now);
    return switch (result.outcome()) {
      case ROTATED -> {
        IssuedAccessToken access = issuer.issue(accessClaims);
        emit(
            SecurityEvent.builder(SecurityEventType.AUTHN_TOKEN_REFRESHED, now)
                .userId(family.userId())
                .tokenId(family.familyId()),
            request);
        yield new TokenPair(access, Optional.of(successor.issued));
      }
      case ALREADY_SPENT ->
          graceOrReuse(
              family, result.spentAtOrNull(), result.successorLookupIdOrNull(), now, request);
      case REVOKED ->
          throw refuse(InvalidRefreshTokenException.Reason.REVOKED, family, null, now, request);
      case NOT_FOUND ->
          throw refuse(InvalidRefreshTokenException.Reason.UNKNOWN, family, null, now, request);
    };
  }

  /**
   * Ends the session a refresh token belongs to (revokes its family), whether the token is live,
   * spent or expired. Reports {@code authn_token_revoked}. A token that is not ours is ignored:
   * logout never fails.
   *
   * @param refreshToken the presented refresh token, attacker-controlled; may be {@code null}
   * @param request where the request came from
   * @return {@code true} if this call ended a session; {@code false} if the token is unknown or
   *     already revoked
   */
  public boolean logout(CharSequence refreshToken, RequestContext request) {
    Objects.requireNonNull(request, "request");
    RefreshTokenCodec.Parsed parsed = RefreshTokenCodec.parse(refreshToken);
    StoredRefreshToken stored = parsed == null ? null : findVerified(parsed);
    if (stored == null) {
      return false;
    }
    Instant now = clock.instant();
    RefreshTokenFamily family = stored.family();
    boolean revoked = store.revokeFamily(family.familyId(), RevocationReason.LOGOUT, now);
    if (revoked) {
      emit(
          SecurityEvent.builder(SecurityEventType.AUTHN_TOKEN_REVOKED, now)
              .userId(family.userId())
              .tokenId(family.familyId())
              .reason(RevocationReason.LOGOUT),
          request);
    }
    return revoked;
  }

  /**
   * Ends the session like {@link #logout(CharSequence, RequestContext)} and also puts the caller's
   * current access token on the {@link Builder#denylist denylist}, so it is refused at once instead
   * of living until it expires.
   *
   * <pre>{@code
   * Authentication auth = authenticator.authenticate(bearer, ctx);
   * tokens.logout(refreshCookie, auth.token(), ctx);
   * }</pre>
   *
   * @param refreshToken the presented refresh token, attacker-controlled; may be {@code null}
   * @param accessToken the caller's verified access token
   * @param request where the request came from
   * @return {@code true} if this call ended a session (the access token is denied in any case)
   * @throws IllegalStateException if no denylist was configured, or it is full
   */
  public boolean logout(
      CharSequence refreshToken, VerifiedAccessToken accessToken, RequestContext request) {
    Objects.requireNonNull(accessToken, "accessToken");
    Objects.requireNonNull(request, "request");
    if (denylist == null) {
      throw new IllegalStateException(
          "no denylist: configure TokenPairService.builder().denylist(...) (the same one as the TokenAuthenticator's), "
              + "or call logout(refreshToken, request)");
    }
    denylist.deny(accessToken);
    emit(
        SecurityEvent.builder(SecurityEventType.AUTHN_TOKEN_REVOKED, clock.instant())
            .userId(accessToken.subject())
            .tokenId(accessToken.tokenId())
            .reason(RevocationReason.LOGOUT)
            .detail("token", "access"),
        request);
    return logout(refreshToken, request);
  }

  /**
   * Ends every session of a user: revokes all its families and, if the {@link UserDirectory}
   * supports it, records now as its credentials-valid-since instant so that its outstanding access
   * tokens are refused too. Reports {@code authn_token_revoked}.
   *
   * @param userId the user, typically the authenticated caller
   * @param request where the request came from
   * @return how many families this call revoked
   * @throws IllegalArgumentException if {@code userId} is empty
   */
  public int logoutEverywhere(String userId, RequestContext request) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(request, "request");
    if (userId.isEmpty()) {
      throw new IllegalArgumentException("userId must not be empty");
    }
    Instant now = clock.instant();
    int revoked = store.revokeAllForUser(userId, RevocationReason.LOGOUT_EVERYWHERE, now);
    boolean accessTokensCut =
        directory != null && directory.invalidateCredentialsBefore(userId, now);
    emit(
        SecurityEvent.builder(SecurityEventType.AUTHN_TOKEN_REVOKED, now)
            .userId(userId)
            .reason(RevocationReason.LOGOUT_EVERYWHERE)
            .detail("families", Integer.toString(revoked))
            .detail("accessTokensCutOff", Boolean.toString(accessTokensCut)),
        request);
    return revoked;
  }

  private TokenPair graceOrReuse(
      RefreshTokenFamily family,
      Instant spentAt,
      String successorLookupId,
      Instant now,
      RequestContext request)
      throws InvalidRefreshTokenException {
    if (!reuseGrace.isZero() && !now.isAfter(spentAt.plus(reuseGrace))) {
      Optional<StoredRefreshToken> successor = store.findByLookupId(successorLookupId);
      if (successor.isPresent() && successor.get().isLive()) {
        checkUser(family, now, request);
        IssuedAccessToken access = issuer.issue(claimsFor(family.userId()));
        emit(
            SecurityEvent.builder(SecurityEventType.AUTHN_TOKEN_REFRESHED, now)
                .userId(family.userId())
                .tokenId(family.familyId())
                .detail("grace", "true"),
            request);
        return new TokenPair(access, Optional.empty());
      }
    }
    // RFC 9700 §4.14.2: a spent refresh token presented again means it leaked; end the whole
    // family.
    if (store.revokeFamily(family.familyId(), RevocationReason.REUSE_DETECTED, now)) {
      emit(
          SecurityEvent.builder(SecurityEventType.AUTHN_TOKEN_REUSE, now)
              .userId(family.userId())
              .tokenId(family.familyId())
              .reason(InvalidRefreshTokenException.Reason.REUSED),
          request);
      throw new InvalidRefreshTokenException(InvalidRefreshTokenException.Reason.REUSED);
    }
    // Another request revoked the family first (a concurrent replay, or a logout): report it as
    // revoked.
    throw refuse(InvalidRefreshTokenException.Reason.REVOKED, family, null, now, request);
  }

  private void checkUser(RefreshTokenFamily family, Instant now, RequestContext request)
      throws InvalidRefreshTokenException {
    if (directory == null) {
      return;
    }
    UserStatus status = directory.status(family.userId());
    if (status == null) {
      throw new IllegalStateException(
          "UserDirectory.status must not return null; return UserStatus.notFound()");
    }
    if (!status.isActive()) {
      revokeFor(family, RevocationReason.USER_INACTIVE, now, request);
      throw refuse(InvalidRefreshTokenException.Reason.USER_INACTIVE, family, null, now, request);
    }
    if (family.createdAt().isBefore(status.credentialsValidSince())) {
      revokeFor(family, RevocationReason.CREDENTIALS_CHANGED, now, request);
      throw refuse(
          InvalidRefreshTokenException.Reason.CREDENTIALS_CHANGED, family, null, now, request);
    }
  }

  private void revokeFor(
      RefreshTokenFamily family, RevocationReason reason, Instant now, RequestContext request) {
    if (store.revokeFamily(family.familyId(), reason, now)) {
      emit(
          SecurityEvent.builder(SecurityEventType.AUTHN_TOKEN_REVOKED, now)
              .userId(family.userId())
              .tokenId(family.familyId())
              .reason(reason),
          request);
    }
  }

  /**
   * Looks the token up and checks its secret in constant time; {@code null} if unknown or the
   * secret differs.
   */
  private StoredRefreshToken findVerified(RefreshTokenCodec.Parsed parsed) {
    String presentedHash = RefreshTokenCodec.hash(parsed.secret);
    Arrays.fill(parsed.secret, (byte) 0);
    Optional<StoredRefreshToken> found = store.findByLookupId(parsed.lookupId);
    if (found.isEmpty()
        || !RefreshTokenCodec.hashEquals(found.get().token().secretHash(), presentedHash)) {
      return null;
    }
    return found.get();
  }

  private AccessTokenClaims claimsFor(String userId) {
    AccessTokenClaims c = claims.apply(userId);
    if (c == null || !c.subject().equals(userId)) {
      throw new IllegalStateException(
          "the claims function must return AccessTokenClaims.forSubject(userId)...build() for the given user id");
    }
    return c;
  }

  private NewToken newToken(RefreshTokenFamily family, Instant now) {
    String lookupId = RefreshTokenCodec.randomId(random, RefreshTokenCodec.LOOKUP_BYTES);
    byte[] secret = RefreshTokenCodec.randomSecret(random);
    Instant idleExpiry = now.plus(idleTimeout);
    Instant expiresAt = idleExpiry.isBefore(family.expiresAt()) ? idleExpiry : family.expiresAt();
    RefreshTokenRecord record =
        new RefreshTokenRecord(
            lookupId, family.familyId(), RefreshTokenCodec.hash(secret), now, expiresAt);
    String value = RefreshTokenCodec.encode(lookupId, secret);
    Arrays.fill(secret, (byte) 0);
    return new NewToken(record, new IssuedRefreshToken(value, family.familyId(), now, expiresAt));
  }

  private record NewToken(RefreshTokenRecord record, IssuedRefreshToken issued) {}

  private InvalidRefreshTokenException refuse(
      InvalidRefreshTokenException.Reason reason,
      RefreshTokenFamily family,
      String which,
      Instant now,
      RequestContext request) {
    SecurityEvent.Builder event =
        SecurityEvent.builder(SecurityEventType.AUTHN_TOKEN_INVALID, now)
            .reason(reason)
            .detail("token", "refresh");
    if (family != null) {
      event.userId(family.userId()).tokenId(family.familyId());
    }
    if (which != null) {
      event.detail("expiry", which);
    }
    emit(event, request);
    return new InvalidRefreshTokenException(reason);
  }

  private void emit(SecurityEvent.Builder event, RequestContext request) {
    SecurityEventListener.deliver(events, event.request(request).build());
  }

  /** Builds a {@link TokenPairService}. Not thread-safe. */
  public static final class Builder {
    private AccessTokenIssuer issuer;
    private RefreshTokenStore store;
    private Clock clock = Clock.systemUTC();
    private SecureRandom random;
    private SecurityEventListener events = SecurityEventListener.none();
    private UserDirectory directory;
    private AccessTokenDenylist denylist;
    private Function<String, AccessTokenClaims> claims =
        userId -> AccessTokenClaims.forSubject(userId).build();
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private Duration absoluteLifetime = DEFAULT_ABSOLUTE_LIFETIME;
    private Duration reuseGrace = DEFAULT_REUSE_GRACE;

    private Builder() {}

    /**
     * Sets the access-token issuer; required.
     *
     * @param issuer the issuer
     * @return this builder
     * @throws NullPointerException if {@code issuer} is {@code null}
     */
    public Builder issuer(AccessTokenIssuer issuer) {
      this.issuer = Objects.requireNonNull(issuer, "issuer");
      return this;
    }

    /**
     * Sets where families are kept; default a new {@link InMemoryRefreshTokenStore} with its
     * default caps (one JVM only).
     *
     * @param store the store
     * @return this builder
     * @throws NullPointerException if {@code store} is {@code null}
     */
    public Builder store(RefreshTokenStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Sets the clock; default the system UTC clock. Use the issuer's clock.
     *
     * @param clock the clock
     * @return this builder
     * @throws NullPointerException if {@code clock} is {@code null}
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the source of token ids and secrets; default a new {@link SecureRandom}.
     *
     * @param random the random source
     * @return this builder
     * @throws NullPointerException if {@code random} is {@code null}
     */
    public Builder random(SecureRandom random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * Sets where events are reported; default none.
     *
     * @param events the listener
     * @return this builder
     * @throws NullPointerException if {@code events} is {@code null}
     */
    public Builder events(SecurityEventListener events) {
      this.events = Objects.requireNonNull(events, "events");
      return this;
    }

    /**
     * Checks the user on every refresh, and lets {@link #logoutEverywhere} cut off access tokens;
     * default none.
     *
     * @param directory the user directory
     * @return this builder
     * @throws NullPointerException if {@code directory} is {@code null}
     */
    public Builder userDirectory(UserDirectory directory) {
      this.directory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /**
     * Sets the access-token denylist that {@link TokenPairService#logout(CharSequence,
     * VerifiedAccessToken, RequestContext)} adds the caller's access token to; give the {@code
     * TokenAuthenticator} the same one. Default none.
     *
     * @param denylist the denylist
     * @return this builder
     * @throws NullPointerException if {@code denylist} is {@code null}
     */
    public Builder denylist(AccessTokenDenylist denylist) {
      this.denylist = Objects.requireNonNull(denylist, "denylist");
      return this;
    }

    /**
     * Sets how the access-token claims of a user are made, at login and at every refresh; default
     * the subject only. The function must return claims for the user id it is given.
     *
     * @param claims from user id to claims
     * @return this builder
     * @throws NullPointerException if {@code claims} is {@code null}
     */
    public Builder claims(Function<String, AccessTokenClaims> claims) {
      this.claims = Objects.requireNonNull(claims, "claims");
      return this;
    }

    /**
     * Sets how long a refresh token stays valid unused; default 7 days.
     *
     * @param idleTimeout 1 minute to 90 days, and at least the access-token lifetime
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder idleTimeout(Duration idleTimeout) {
      this.idleTimeout = check("idleTimeout", idleTimeout, MIN_LIFETIME, MAX_IDLE_TIMEOUT);
      return this;
    }

    /**
     * Sets how long a family (session) lives after login, however often it is refreshed; default 30
     * days.
     *
     * @param absoluteLifetime 1 minute to 365 days, and at least the idle timeout
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder absoluteLifetime(Duration absoluteLifetime) {
      this.absoluteLifetime =
          check("absoluteLifetime", absoluteLifetime, MIN_LIFETIME, MAX_ABSOLUTE_LIFETIME);
      return this;
    }

    /**
     * Sets the grace window in which a replay of the immediately previous refresh token gets an
     * access token only, instead of revoking the family (see the class documentation); default 5
     * seconds, zero disables it.
     *
     * @param reuseGrace 0 to 60 seconds
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder reuseGraceWindow(Duration reuseGrace) {
      this.reuseGrace = check("reuseGraceWindow", reuseGrace, Duration.ZERO, MAX_REUSE_GRACE);
      return this;
    }

    /**
     * Returns the service.
     *
     * @return an immutable, thread-safe service
     * @throws IllegalStateException if no issuer was set, the idle timeout exceeds the absolute
     *     lifetime, or either is shorter than the access-token lifetime
     */
    public TokenPairService build() {
      if (issuer == null) {
        throw new IllegalStateException("issuer is required: call issuer(AccessTokenIssuer)");
      }
      if (idleTimeout.compareTo(absoluteLifetime) > 0) {
        throw new IllegalStateException(
            "idleTimeout ("
                + idleTimeout
                + ") must not exceed absoluteLifetime ("
                + absoluteLifetime
                + ")");
      }
      if (idleTimeout.compareTo(issuer.lifetime()) < 0) {
        throw new IllegalStateException(
            "idleTimeout ("
                + idleTimeout
                + ") must be at least the access-token lifetime ("
                + issuer.lifetime()
                + "), or sessions end before they can be refreshed");
      }
      return new TokenPairService(this);
    }

    private static Duration check(String name, Duration value, Duration min, Duration max) {
      Objects.requireNonNull(value, name);
      if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
        throw new IllegalArgumentException(
            name + " must be between " + min + " and " + max + ", was " + value);
      }
      return value;
    }
  }
}
