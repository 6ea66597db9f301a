package dev.jwtsecurity;

import dev.jwtsecurity.access.AccessDeniedException;
import dev.jwtsecurity.access.AccessTokenDenylist;
import dev.jwtsecurity.access.Authentication;
import dev.jwtsecurity.access.UserDirectory;
import dev.jwtsecurity.access.UserDirectory.UserStatus;
import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventListener;
import dev.jwtsecurity.audit.SecurityEventType;
import dev.jwtsecurity.refresh.InvalidRefreshTokenException;
import dev.jwtsecurity.refresh.RefreshTokenFamily;
import dev.jwtsecurity.refresh.RefreshTokenRecord;
import dev.jwtsecurity.refresh.RefreshTokenStore;
import dev.jwtsecurity.refresh.RevocationReason;
import dev.jwtsecurity.refresh.RotationResult;
import dev.jwtsecurity.refresh.StoredRefreshToken;
import dev.jwtsecurity.refresh.TokenPair;
import dev.jwtsecurity.refresh.TokenPair.IssuedRefreshToken;
import dev.jwtsecurity.token.AccessTokenClaims;
import dev.jwtsecurity.token.AccessTokenIssuer;
import dev.jwtsecurity.token.IssuedAccessToken;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Access and refresh tokens behind {@link JwtSecurity}: a token pair at login, a new pair on
 * refresh (the refresh token rotates every time), and the end of one session or of all of a user's
 * sessions.
 *
 * <p>Refresh tokens are opaque ({@code rt1.<lookup id>.<secret>}, 128 + 256 random bits), never
 * JWTs, so they can never be accepted as access tokens nor the reverse. The store keeps only the
 * SHA-256 of the secret. Each login starts a <em>family</em>; each refresh spends the presented
 * token and issues its successor in the same family, with an access token made from the claims
 * function at that moment, so role changes apply at the next refresh.
 *
 * <p>A spent refresh token presented again within the grace window, while its successor is still
 * the family's live token, is an honest race (two tabs, a retried request): it gets a new access
 * token only, no refresh token, and the family is unchanged. Any other second use is reuse (RFC
 * 9700 §4.14.2): the whole family is revoked and a critical {@code authn_token_reuse} event names
 * the family. Access-only, because the successor cannot be handed out twice (only hashes are
 * stored), and a second, sibling refresh token would give whoever replays a stolen token inside the
 * window a lasting session that reuse detection could never catch.
 *
 * <p>A replay inside the grace window gets at most {@link RefreshPolicy#graceReplays()} access
 * tokens per spent refresh token (counted in this instance); beyond, it is refused and reported
 * ({@code GRACE_REPLAYS_EXHAUSTED}), the family untouched: an honest race needs one or two.
 *
 * <p>Every access token names its session ({@code sid} = {@code s.<family id>}). Ending a session
 * (logout, reuse detection, logout everywhere for the caller's own session) revokes the family and
 * puts the {@code sid} on the access-token denylist until the last access token the session can
 * have issued expires, so its access tokens are refused at once. A {@code jti} (base64url) never
 * contains {@code '.'}, so the two kinds of entry cannot collide.
 *
 * <p>With a {@link UserDirectory}, every refresh (also under the grace rule) checks the user: a
 * deleted or inactive user, or a family started before the user's credentials-valid-since instant,
 * revokes the family and is refused. Every access token carries that instant as the directory
 * answered it at issue ({@code cvs}), so a token issued after a change is accepted and one issued
 * before refused, whatever the timing; "log out everywhere" moves the instant strictly forward (at
 * least one millisecond past the previous one), so that two of them in the same instant still cut
 * what was issued in between.
 */
final class TokenPairService {

  private final AccessTokenIssuer issuer;
  private final RefreshTokenStore store;
  private final Clock clock;
  private final SecureRandom random;
  private final SecurityEventListener events;
  private final UserDirectory directory;
  private final AccessTokenDenylist denylist;
  private final Function<String, AccessTokenClaims> claims;
  private final RefreshPolicy policy;
  private final UserStatusCache statusCache;
  private final String issuerName;
  private final Duration sessionDenial;
  private final GraceReplays graceReplays;

  private static final String SESSION_PREFIX = "s.";

  /**
   * The session id ({@code sid}) of a family, also its denylist id: {@code s.<family id>}. A {@code
   * jti} is base64url, which has no {@code '.'}, so the two can never be equal, and the
   * authenticator looks the claim up as it is, building nothing per request.
   */
  static String sessionId(String familyId) {
    return SESSION_PREFIX + familyId;
  }

  /** The family a session id names; {@code null} if it is not of {@link #sessionId}'s shape. */
  private static String familyIdOf(String sessionId) {
    return sessionId.startsWith(SESSION_PREFIX) && sessionId.length() > SESSION_PREFIX.length()
        ? sessionId.substring(SESSION_PREFIX.length())
        : null;
  }

  /**
   * @param directory {@code null} when none is configured
   * @param statusCache {@code null} when no directory is configured
   * @param issuer {@code null} for a resource server, which has no key of its own
   * @param issuerName the {@code iss} of the tokens, {@code ""} when none (and for a resource
   *     server)
   * @param sessionDenial how long after a session ends its access tokens may still be presented:
   *     the access-token lifetime plus the clock skew
   */
  TokenPairService(
      AccessTokenIssuer issuer,
      RefreshTokenStore store,
      Clock clock,
      SecureRandom random,
      SecurityEventListener events,
      UserDirectory directory,
      AccessTokenDenylist denylist,
      Function<String, AccessTokenClaims> claims,
      RefreshPolicy policy,
      UserStatusCache statusCache,
      String issuerName,
      Duration sessionDenial) {
    // Null for a resource server: its facade refuses login and refresh before reaching here, and
    // logout only denies access tokens and revokes families. It has no sessions of its own either:
    // no token it accepts names one (see ownFamilyId).
    this.issuer = issuer;
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
    this.events = Objects.requireNonNull(events, "events");
    this.directory = directory;
    this.denylist = Objects.requireNonNull(denylist, "denylist");
    this.claims = Objects.requireNonNull(claims, "claims");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.statusCache = statusCache;
    this.issuerName = Objects.requireNonNull(issuerName, "issuerName");
    this.sessionDenial = Objects.requireNonNull(sessionDenial, "sessionDenial");
    this.graceReplays = new GraceReplays(policy.graceReplays());
  }

  /**
   * Returns the claims of {@code userId}'s next access token, from the application's function.
   *
   * @throws IllegalStateException if the function returns {@code null} or claims for another user
   */
  AccessTokenClaims claimsFor(String userId) {
    AccessTokenClaims c = claims.apply(userId);
    if (c == null || !c.subject().equals(userId)) {
      throw new IllegalStateException(
          "the claims function must return AccessTokenClaims.forSubject(userId)...build() for the"
              + " user id it is given");
    }
    return c;
  }

  /**
   * Starts a session for an already authenticated user, with the claims the application's function
   * gives.
   */
  TokenPair login(String userId, RequestContext request) {
    return login(claimsFor(userId), request);
  }

  /**
   * Starts a session for an already authenticated user: a new family, its first refresh token and
   * an access token with {@code accessClaims}. Reports {@code authn_token_created}.
   */
  TokenPair login(AccessTokenClaims accessClaims, RequestContext request) {
    String userId = accessClaims.subject();
    Instant now = clock.instant();
    Instant validSince = null;
    if (directory != null) {
      // Read afresh, never from the cache: the token carries this instant, and a stale one would
      // have the token refused for its whole life.
      UserStatus status = directory.status(userId);
      if (status != null && status.isActive()) {
        validSince = status.credentialsValidSince();
        if (validSince.isAfter(now)) {
          // "Log out everywhere" may have set it a moment ahead; the session starts within it.
          now = validSince;
        }
      }
    }
    String familyId = RefreshTokenCodec.randomId(random, RefreshTokenCodec.LOOKUP_BYTES);
    RefreshTokenFamily family =
        new RefreshTokenFamily(familyId, userId, now, now.plus(policy.absoluteLifetime()));
    NewToken first = newToken(family, now);
    store.create(family, first.record);
    IssuedAccessToken access = issuer.issue(accessClaims, sessionId(familyId), validSince);
    emit(
        SecurityEvent.builder(SecurityEventType.AUTHN_TOKEN_CREATED, now)
            .userId(userId)
            .tokenId(familyId),
        request);
    return new TokenPair(access, Optional.of(first.issued));
  }

  /**
   * Exchanges a refresh token for a new pair, following the rotation, lifetime, grace and reuse
   * rules. Reports {@code authn_token_refreshed} on success, {@code authn_token_reuse} on reuse,
   * and {@code authn_token_invalid} with the reason on any other refusal.
   */
  TokenPair refresh(CharSequence refreshToken, RequestContext request)
      throws InvalidRefreshTokenException {
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
          family,
          parsed.lookupId,
          stored.spentAtOrNull(),
          stored.successorLookupIdOrNull(),
          now,
          request);
    }
    if (!now.isBefore(stored.token().expiresAt())) {
      throw refuse(InvalidRefreshTokenException.Reason.EXPIRED, family, "idle", now, request);
    }
    Instant validSince = checkUser(family, now, request);
    // Claims before the rotation: if the application's claims function fails, nothing has been
    // spent.
    AccessTokenClaims accessClaims = claimsFor(family.userId());
    NewToken successor = newToken(family, now);
    RotationResult result = store.rotate(parsed.lookupId, successor.record, now);
    return switch (result.outcome()) {
      case ROTATED -> {
        IssuedAccessToken access =
            issuer.issue(accessClaims, sessionId(family.familyId()), validSince);
        emit(
            SecurityEvent.builder(SecurityEventType.AUTHN_TOKEN_REFRESHED, now)
                .userId(family.userId())
                .tokenId(family.familyId()),
            request);
        yield new TokenPair(access, Optional.of(successor.issued));
      }
      case ALREADY_SPENT ->
          graceOrReuse(
              family,
              parsed.lookupId,
              result.spentAtOrNull(),
              result.successorLookupIdOrNull(),
              now,
              request);
      case REVOKED ->
          throw refuse(InvalidRefreshTokenException.Reason.REVOKED, family, null, now, request);
      case NOT_FOUND ->
          throw refuse(InvalidRefreshTokenException.Reason.UNKNOWN, family, null, now, request);
    };
  }

  /**
   * Ends the caller's current session: its access token goes on the denylist and, when it names a
   * session of this issuer ({@code sid}), that session's family is revoked and all its access
   * tokens are refused. Reports {@code authn_token_revoked}.
   */
  void endCallerSession(Authentication caller, RevocationReason reason, RequestContext request) {
    Instant now = clock.instant();
    denylist.deny(caller.token());
    emit(
        SecurityEvent.builder(SecurityEventType.AUTHN_TOKEN_REVOKED, now)
            .userId(caller.user().userId())
            .tokenId(caller.token().tokenId())
            .reason(reason)
            .detail("token", "access"),
        request);
    String familyId = ownFamilyId(caller);
    if (familyId != null) {
      endSession(familyId, caller.user().userId(), reason, now, request);
    }
  }

  /**
   * Ends the caller's session and the one {@code refreshToken} belongs to (revokes its family and
   * refuses its access tokens), whether the token is live, spent or expired, but only when it is
   * the caller's own. A refresh token of another user is refused before anything is revoked: an
   * {@code authz_fail} event, then {@link AccessDeniedException}. An unknown or malformed refresh
   * token is ignored (the caller's session still ends).
   *
   * @return whether a refresh-token session was found and ended by this call
   * @throws AccessDeniedException if {@code refreshToken} is a valid token of another user
   */
  boolean logout(Authentication caller, CharSequence refreshToken, RequestContext request) {
    StoredRefreshToken stored = ownRefreshToken(caller.user().userId(), refreshToken, request);
    boolean ended = stored != null && endOwnSession(stored, request);
    endCallerSession(caller, RevocationReason.LOGOUT, request);
    return ended;
  }

  /**
   * Ends the session {@code refreshToken} belongs to when it is {@code userId}'s; see {@link
   * #logout(Authentication, CharSequence, RequestContext)}.
   *
   * @return whether a session was found and ended by this call
   * @throws AccessDeniedException if {@code refreshToken} is a valid token of another user
   */
  boolean logout(String userId, CharSequence refreshToken, RequestContext request) {
    StoredRefreshToken stored = ownRefreshToken(userId, refreshToken, request);
    return stored != null && endOwnSession(stored, request);
  }

  private boolean endOwnSession(StoredRefreshToken stored, RequestContext request) {
    RefreshTokenFamily family = stored.family();
    return endSession(
        family.familyId(), family.userId(), RevocationReason.LOGOUT, clock.instant(), request);
  }

  /**
   * The stored refresh token, when {@code refreshToken} is a valid one of {@code userId}; {@code
   * null} when unknown or malformed.
   *
   * @throws AccessDeniedException if it is a valid token of another user (reported first)
   */
  private StoredRefreshToken ownRefreshToken(
      String userId, CharSequence refreshToken, RequestContext request) {
    RefreshTokenCodec.Parsed parsed = RefreshTokenCodec.parse(refreshToken);
    StoredRefreshToken stored = parsed == null ? null : findVerified(parsed);
    if (stored != null && !stored.family().userId().equals(userId)) {
      // A valid refresh token of someone else: whoever holds it stole it or was handed it; ending
      // that session on this caller's word would let one user log another out. Nothing is
      // revoked, not even the caller's own session: the request as a whole is refused.
      emit(
          SecurityEvent.builder(SecurityEventType.AUTHZ_FAIL, clock.instant())
              .userId(userId)
              .tokenId(stored.family().familyId())
              .reason(AccessDeniedException.Reason.FOREIGN_REFRESH_TOKEN)
              .detail("action", "logout"),
          request);
      throw new AccessDeniedException(AccessDeniedException.Reason.FOREIGN_REFRESH_TOKEN);
    }
    return stored;
  }

  /**
   * Ends every session of a user: revokes all its families, ends the caller's session (its access
   * tokens are refused at once) and, if the {@link UserDirectory} supports it, moves the user's
   * credentials-valid-since instant forward so that every other outstanding access token is refused
   * too. Reports {@code authn_token_revoked}.
   *
   * @return how many families this call revoked
   */
  int logoutEverywhere(Authentication caller, RequestContext request) {
    int revoked = logoutEverywhere(caller.user().userId(), request);
    endCallerSession(caller, RevocationReason.LOGOUT_EVERYWHERE, request);
    return revoked;
  }

  /**
   * Ends every session of {@code userId} as {@link #logoutEverywhere(Authentication,
   * RequestContext)} does, except the caller's access tokens' own session entry.
   */
  int logoutEverywhere(String userId, RequestContext request) {
    Instant now = clock.instant();
    int revoked = store.revokeAllForUser(userId, RevocationReason.LOGOUT_EVERYWHERE, now);
    boolean accessTokensCut = false;
    if (directory != null) {
      Instant cut = now;
      UserStatus status = directory.status(userId);
      if (status != null && status.isActive()) {
        // Strictly after the previous instant (by a millisecond, which every store keeps): tokens
        // issued since the previous cut carry that instant and must fall before this one, even
        // when the clock has not moved.
        Instant next = status.credentialsValidSince().plusMillis(1);
        if (next.isAfter(cut)) {
          cut = next;
        }
      }
      accessTokensCut = directory.invalidateCredentialsBefore(userId, cut);
      if (statusCache != null) {
        statusCache.forget(userId);
      }
    }
    emit(
        SecurityEvent.builder(SecurityEventType.AUTHN_TOKEN_REVOKED, now)
            .userId(userId)
            .reason(RevocationReason.LOGOUT_EVERYWHERE)
            .detail("families", Integer.toString(revoked))
            .detail("accessTokensCutOff", Boolean.toString(accessTokensCut)),
        request);
    return revoked;
  }

  /** The family of the caller's session, when its token is one of this issuer's and names one. */
  private String ownFamilyId(Authentication caller) {
    Optional<String> sid = caller.token().sessionId();
    // A resource server issues no tokens, so no session is its own (a provider's sid never is).
    if (issuer == null || sid.isEmpty() || !caller.token().issuer().orElse("").equals(issuerName)) {
      return null;
    }
    return familyIdOf(sid.get());
  }

  /**
   * Revokes a family and refuses its access tokens (denylist entry {@code s.<id>}, kept until the
   * last access token the session can have issued has expired).
   *
   * @return whether the family was live and this call revoked it
   */
  private boolean endSession(
      String familyId,
      String userId,
      RevocationReason reason,
      Instant now,
      RequestContext request) {
    boolean revoked = endSessionQuietly(familyId, reason, now);
    if (revoked) {
      emit(
          SecurityEvent.builder(SecurityEventType.AUTHN_TOKEN_REVOKED, now)
              .userId(userId)
              .tokenId(familyId)
              .reason(reason),
          request);
    }
    return revoked;
  }

  private TokenPair graceOrReuse(
      RefreshTokenFamily family,
      String spentLookupId,
      Instant spentAt,
      String successorLookupId,
      Instant now,
      RequestContext request)
      throws InvalidRefreshTokenException {
    if (!policy.reuseGrace().isZero() && !now.isAfter(spentAt.plus(policy.reuseGrace()))) {
      Optional<StoredRefreshToken> successor = store.findByLookupId(successorLookupId);
      if (successor.isPresent() && successor.get().isLive()) {
        Instant validSince = checkUser(family, now, request);
        Instant windowEnd = spentAt.plus(policy.reuseGrace());
        if (!graceReplays.tryAcquire(spentLookupId, windowEnd, now)) {
          // Not reuse (the family stays, the honest holder keeps the session), but no more access
          // tokens from this spent token: the cap bounds what a stolen one can mint.
          throw refuse(
              InvalidRefreshTokenException.Reason.GRACE_REPLAYS_EXHAUSTED,
              family,
              null,
              now,
              request);
        }
        IssuedAccessToken access =
            issuer.issue(claimsFor(family.userId()), sessionId(family.familyId()), validSince);
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
    // family and the access tokens already issued from it.
    if (endSessionQuietly(family.familyId(), RevocationReason.REUSE_DETECTED, now)) {
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

  /**
   * Refuses the refresh when the user is gone, inactive or its credentials changed since the family
   * started.
   *
   * @return the user's credentials-valid-since instant, for the new access token; {@code null}
   *     without a directory
   */
  private Instant checkUser(RefreshTokenFamily family, Instant now, RequestContext request)
      throws InvalidRefreshTokenException {
    if (directory == null) {
      return null;
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
    return status.credentialsValidSince();
  }

  private void revokeFor(
      RefreshTokenFamily family, RevocationReason reason, Instant now, RequestContext request) {
    if (endSessionQuietly(family.familyId(), reason, now)) {
      emit(
          SecurityEvent.builder(SecurityEventType.AUTHN_TOKEN_REVOKED, now)
              .userId(family.userId())
              .tokenId(family.familyId())
              .reason(reason),
          request);
    }
  }

  /** {@link #endSession} without its event: the caller reports in its own words. */
  private boolean endSessionQuietly(String familyId, RevocationReason reason, Instant now) {
    boolean revoked = store.revokeFamily(familyId, reason, now);
    // Denied even when another request revoked the family first: that request may have failed
    // between the two steps, and a second entry for the same session costs nothing.
    denylist.deny(issuerName, sessionId(familyId), now.plus(sessionDenial));
    return revoked;
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

  private NewToken newToken(RefreshTokenFamily family, Instant now) {
    String lookupId = RefreshTokenCodec.randomId(random, RefreshTokenCodec.LOOKUP_BYTES);
    byte[] secret = RefreshTokenCodec.randomSecret(random);
    Instant idleExpiry = now.plus(policy.idleTimeout());
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
}
