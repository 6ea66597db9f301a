package dev.jwtsecurity;

import dev.jwtsecurity.access.AccessTokenDenylist;
import dev.jwtsecurity.access.AuthenticatedUser;
import dev.jwtsecurity.access.Authentication;
import dev.jwtsecurity.access.TokenAuthenticator;
import dev.jwtsecurity.access.UserDirectory.UserStatus;
import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventListener;
import dev.jwtsecurity.audit.SecurityEventType;
import dev.jwtsecurity.token.AccessTokenValidator;
import dev.jwtsecurity.token.InvalidTokenException;
import dev.jwtsecurity.token.ProviderTokenValidator;
import dev.jwtsecurity.token.TrustedIssuer;
import dev.jwtsecurity.token.VerifiedAccessToken;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * The facade's {@link TokenAuthenticator}: validates the token (this application's own, or, with
 * trusted issuers, an identity provider's), then refuses it when it is on the denylist ({@code
 * REVOKED}), when its user is gone or inactive ({@code USER_INACTIVE}), or when it was issued
 * before the user's credentials last changed ({@code CREDENTIALS_CHANGED}), in that order, and
 * reports every refusal as an {@code authn_token_invalid} event. For a provider's token the
 * denylist applies unless its {@link TrustedIssuer} skips it, and the user checks only when it asks
 * for them: the provider owns its users.
 *
 * <p>The token never reaches an event or an exception; events carry its {@code jti} only once it is
 * verified. An exception thrown by the directory or the denylist (a database outage) propagates:
 * the request is not authenticated and nothing is cached. A token naming its session ({@code sid})
 * is also refused when that session has ended (a second denylist look-up, made only for such tokens
 * of our own: a provider's {@code sid} names the provider's session, not ours, and is never looked
 * up). A token carrying the credentials-valid-since instant it was issued under ({@code cvs}) is
 * compared by it, exactly; an older token without it by {@code iat}, whose whole seconds refuse a
 * token issued in the same second as the change too.
 */
final class AccessTokenAuthenticator implements TokenAuthenticator {

  private final AccessTokenValidator validator;
  private final ProviderTokenValidator providers;
  private final SecurityEventListener events;
  private final Clock clock;
  private final AccessTokenDenylist denylist;
  private final UserStatusCache statusCache;

  /**
   * @param providers {@code null} when no identity provider is trusted
   * @param statusCache {@code null} when no user directory is configured
   */
  AccessTokenAuthenticator(
      AccessTokenValidator validator,
      ProviderTokenValidator providers,
      SecurityEventListener events,
      Clock clock,
      AccessTokenDenylist denylist,
      UserStatusCache statusCache) {
    if (validator == null && providers == null) {
      throw new IllegalArgumentException("neither own tokens nor any identity provider's accepted");
    }
    // validator is null for a resource server, which has no key of its own.
    this.validator = validator;
    this.providers = providers;
    this.events = Objects.requireNonNull(events, "events");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.denylist = Objects.requireNonNull(denylist, "denylist");
    this.statusCache = statusCache;
  }

  @Override
  public Authentication authenticate(CharSequence accessToken, RequestContext request)
      throws InvalidTokenException {
    VerifiedAccessToken token;
    try {
      token =
          providers == null
              ? validator.validate(accessToken)
              : validator == null
                  ? providers.validate(accessToken)
                  : providers.validate(accessToken, validator);
    } catch (InvalidTokenException e) {
      report(e, null, null, request);
      throw e;
    }
    TrustedIssuer provider =
        providers == null
            ? null
            : providers.trustedIssuer(token.issuer().orElse(null)).orElse(null);
    if (provider == null || provider.checksDenylist()) {
      String issuer = token.issuer().orElse("");
      Instant now = clock.instant();
      if (denylist.isDenied(issuer, token.tokenId(), now)) {
        throw refuse(InvalidTokenException.Reason.REVOKED, token, request);
      }
      // The session the token was issued in: ended by logout, logout everywhere or reuse detection.
      // Only our own tokens name one of our sessions: a provider's sid is its own, never looked up.
      String sid = provider == null ? token.sessionId().orElse(null) : null;
      if (sid != null && denylist.isDenied(issuer, sid, now)) {
        throw refuse(InvalidTokenException.Reason.REVOKED, token, request);
      }
    }
    if (statusCache != null && (provider == null || provider.checksUserStatus())) {
      UserStatus status = statusCache.status(token.subject());
      if (!status.isActive()) {
        throw refuse(InvalidTokenException.Reason.USER_INACTIVE, token, request);
      }
      // By the cvs claim (exact) when the token has one; by iat (whole seconds) otherwise.
      if (token.predates(status.credentialsValidSince())) {
        throw refuse(InvalidTokenException.Reason.CREDENTIALS_CHANGED, token, request);
      }
    }
    return new Authentication(
        new AuthenticatedUser(token.subject(), token.roles(), token.scopes()), token);
  }

  private InvalidTokenException refuse(
      InvalidTokenException.Reason reason, VerifiedAccessToken token, RequestContext request) {
    InvalidTokenException e = new InvalidTokenException(reason);
    report(e, token.subject(), token.tokenId(), request);
    return e;
  }

  private void report(
      InvalidTokenException e, String userId, String tokenId, RequestContext request) {
    SecurityEventListener.deliver(
        events,
        SecurityEvent.builder(SecurityEventType.AUTHN_TOKEN_INVALID, clock.instant())
            .userId(userId)
            .tokenId(tokenId)
            .request(request)
            .reason(e.reasonName()) // a claim rule's own name, or the built-in reason
            .build());
  }
}
