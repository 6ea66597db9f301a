package dev.jwtsecurity;

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
 * <p>With a {@link UserDirectory}, every refresh (also under the grace rule) checks the user: a
 * deleted or inactive user, or a family started before the user's credentials-valid-since instant,
 * revokes the family and is refused.
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

  /**
   * @param directory {@code null} when none is configured
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
      RefreshPolicy policy) {
    // Null for a resource server: its facade refuses login and refresh before reaching here, and
    // logout only denies access tokens and revokes families.
    this.issuer = issuer;
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
    this.events = Objects.requireNonNull(events, "events");
    this.directory = directory;
    this.denylist = Objects.requireNonNull(denylist, "denylist");
    this.claims = Objects.requireNonNull(claims, "claims");
    this.policy = Objects.requireNonNull(policy, "policy");
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
    String familyId = RefreshTokenCodec.randomId(random, RefreshTokenCodec.LOOKUP_BYTES);
    RefreshTokenFamily family =
        new RefreshTokenFamily(familyId, userId, now, now.plus(policy.absoluteLifetime()));
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
   * Puts the caller's verified access token on the denylist, so it is refused at once instead of
   * living until it expires, and reports {@code authn_token_revoked}.
   */
  void denyAccessToken(Authentication caller, RequestContext request) {
    denylist.deny(caller.token());
    emit(
        SecurityEvent.builder(SecurityEventType.AUTHN_TOKEN_REVOKED, clock.instant())
            .userId(caller.user().userId())
            .tokenId(caller.token().tokenId())
            .reason(RevocationReason.LOGOUT)
            .detail("token", "access"),
        request);
  }

  /**
   * Ends the session a refresh token belongs to (revokes its family), whether the token is live,
   * spent or expired, but only when it is {@code userId}'s: a session of another user is left alone
   * and the attempt is reported as {@code authz_fail}. Reports {@code authn_token_revoked}.
   *
   * @return whether this call ended a session
   */
  boolean logout(String userId, CharSequence refreshToken, RequestContext request) {
    RefreshTokenCodec.Parsed parsed = RefreshTokenCodec.parse(refreshToken);
    StoredRefreshToken stored = parsed == null ? null : findVerified(parsed);
    if (stored == null) {
      return false;
    }
    Instant now = clock.instant();
    RefreshTokenFamily family = stored.family();
    if (!family.userId().equals(userId)) {
      // A valid refresh token of someone else: whoever holds it stole it or was handed it; ending
      // that session on this caller's word would let one user log another out.
      emit(
          SecurityEvent.builder(SecurityEventType.AUTHZ_FAIL, now)
              .userId(userId)
              .tokenId(family.familyId())
              .reason(LogoutRefusal.FOREIGN_REFRESH_TOKEN),
          request);
      return false;
    }
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

  /** Why a logout request was not followed; the reason of its {@code authz_fail} event. */
  enum LogoutRefusal {
    /** The refresh token belongs to another user's session. */
    FOREIGN_REFRESH_TOKEN
  }

  /**
   * Ends every session of a user: revokes all its families and, if the {@link UserDirectory}
   * supports it, records now as its credentials-valid-since instant so that its outstanding access
   * tokens are refused too. Reports {@code authn_token_revoked}.
   *
   * @return how many families this call revoked
   */
  int logoutEverywhere(String userId, RequestContext request) {
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
    if (!policy.reuseGrace().isZero() && !now.isAfter(spentAt.plus(policy.reuseGrace()))) {
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
