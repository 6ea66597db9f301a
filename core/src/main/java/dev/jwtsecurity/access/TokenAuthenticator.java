package dev.jwtsecurity.access;

import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventListener;
import dev.jwtsecurity.audit.SecurityEventType;
import dev.jwtsecurity.token.AccessTokenValidator;
import dev.jwtsecurity.token.InvalidTokenException;
import dev.jwtsecurity.token.VerifiedAccessToken;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Turns a presented access token into an {@link Authentication}: validates it, then checks that it
 * is still good for its user, and reports every refusal as an {@code authn_token_invalid} security
 * event with its reason. This is what a web adapter calls on every request.
 *
 * <pre>{@code
 * TokenAuthenticator authenticator = TokenAuthenticator.builder()
 *     .validator(validator)
 *     .userDirectory(directory)                // optional: deleted, disabled, password changed
 *     .statusCacheTtl(Duration.ofSeconds(30))  // optional: how stale the user status may be (default 30 s)
 *     .denylist(denylist)                      // optional: single tokens revoked before they expire
 *     .events(listener)
 *     .build();
 * Authentication auth = authenticator.authenticate(bearer, RequestContext.of(ip, userAgent, requestId));
 * }</pre>
 *
 * <p>After the signature and claims are validated, in this order:
 *
 * <ol>
 *   <li>with a {@link AccessTokenDenylist}: a token listed under its ({@code iss}, {@code jti}) is
 *       refused with {@code REVOKED};
 *   <li>with a {@link UserDirectory}: a user that does not exist or is not active is refused with
 *       {@code USER_INACTIVE}, and a token whose {@code iat} is before the user's
 *       credentials-valid-since instant with {@code CREDENTIALS_CHANGED}. The answer is cached per
 *       user for {@link Builder#statusCacheTtl} (default 30 s, zero asks every time) in a bounded
 *       cache, so a password change cuts off every outstanding token within one TTL.
 * </ol>
 *
 * <p>Without these options nothing but the validator runs.
 *
 * <h2>Security considerations</h2>
 *
 * <p>The token never reaches an event or an exception; events carry its {@code jti} only once it is
 * verified. An exception thrown by the directory or the denylist (a database outage) propagates:
 * the request is not authenticated (fail closed) and nothing is cached. {@code iat} has
 * whole-second precision, so a token issued in the same second as a credential change is refused
 * too.
 */
public final class TokenAuthenticator {

  private final AccessTokenValidator validator;
  private final SecurityEventListener events;
  private final Clock clock;
  private final AccessTokenDenylist denylist;
  private final UserStatusCache statusCache;

  private TokenAuthenticator(Builder b) {
    this.validator = b.validator;
    this.events = b.events;
    this.clock = b.clock;
    this.denylist = b.denylist;
    this.statusCache =
        b.directory == null
            ? null
            : new UserStatusCache(
                b.directory,
                b.statusCacheTtl != null
                    ? b.statusCacheTtl
                    : Duration.ofSeconds(Builder.DEFAULT_STATUS_CACHE_TTL_SECONDS),
                b.statusCacheSize != null ? b.statusCacheSize : Builder.DEFAULT_STATUS_CACHE_SIZE,
                b.clock);
  }

  /**
   * Returns a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Authenticates the bearer of {@code accessToken}.
   *
   * @param accessToken the compact access token
   * @param request where the request came from, for the security log
   * @return the authenticated user and the verified token
   * @throws InvalidTokenException when the token is refused; the reason has been reported as an
   *     event
   */
  public Authentication authenticate(CharSequence accessToken, RequestContext request)
      throws InvalidTokenException {
    VerifiedAccessToken token;
    try {
      token = validator.validate(accessToken);
    } catch (InvalidTokenException e) {
      report(e, null, null, request);
      throw e;
    }
    if (denylist != null
        && denylist.isDenied(token.issuer().orElse(""), token.tokenId(), clock.instant())) {
      throw refuse(InvalidTokenException.Reason.REVOKED, token, request);
    }
    if (statusCache != null) {
      UserStatus status = statusCache.status(token.subject());
      if (!status.isActive()) {
        throw refuse(InvalidTokenException.Reason.USER_INACTIVE, token, request);
      }
      // iat is in whole seconds (RFC 7519 NumericDate): a token from the second of the change is
      // refused too.
      if (token.issuedAt().isBefore(status.credentialsValidSince())) {
        throw refuse(InvalidTokenException.Reason.CREDENTIALS_CHANGED, token, request);
      }
    }
    return new Authentication(new AuthenticatedUser(token.subject(), token.roles()), token);
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
            .reason(e.reason())
            .build());
  }

  /** Builds a {@link TokenAuthenticator}. Not thread-safe. */
  public static final class Builder {
    /** Default status-cache time to live, in seconds. */
    public static final long DEFAULT_STATUS_CACHE_TTL_SECONDS = 30;

    /**
     * Largest status-cache time to live, in seconds: a longer one would let a revoked user in for
     * too long.
     */
    public static final long MAX_STATUS_CACHE_TTL_SECONDS = 300;

    /** Default status-cache capacity. */
    public static final int DEFAULT_STATUS_CACHE_SIZE = 10_000;

    private AccessTokenValidator validator;
    private SecurityEventListener events = SecurityEventListener.none();
    private Clock clock = Clock.systemUTC();
    private AccessTokenDenylist denylist;
    private UserDirectory directory;
    private Duration statusCacheTtl;
    private Integer statusCacheSize;

    private Builder() {}

    /**
     * Sets the validator; required.
     *
     * @param validator the access-token validator
     * @return this builder
     */
    public Builder validator(AccessTokenValidator validator) {
      this.validator = Objects.requireNonNull(validator, "validator");
      return this;
    }

    /**
     * Sets where refusals are reported; default none.
     *
     * @param events the listener
     * @return this builder
     */
    public Builder events(SecurityEventListener events) {
      this.events = Objects.requireNonNull(events, "events");
      return this;
    }

    /**
     * Sets the clock for event times and status caching; default the system UTC clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Refuses tokens on {@code denylist} with {@code REVOKED}; default none.
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
     * Checks on every request (through a cache) that the token's user exists, is active, and that
     * the token was issued after the user's credentials last changed; default none.
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
     * Sets how long a user's status is cached: the longest a deleted user, disabled user or changed
     * password can go unnoticed. Default {@value #DEFAULT_STATUS_CACHE_TTL_SECONDS} seconds; zero
     * asks the directory on every request. Requires {@link #userDirectory}.
     *
     * @param ttl 0 to {@value #MAX_STATUS_CACHE_TTL_SECONDS} seconds
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder statusCacheTtl(Duration ttl) {
      Objects.requireNonNull(ttl, "ttl");
      if (ttl.isNegative() || ttl.compareTo(Duration.ofSeconds(MAX_STATUS_CACHE_TTL_SECONDS)) > 0) {
        throw new IllegalArgumentException(
            "statusCacheTtl must be between 0 and "
                + MAX_STATUS_CACHE_TTL_SECONDS
                + " seconds, was "
                + ttl);
      }
      this.statusCacheTtl = ttl;
      return this;
    }

    /**
     * Sets how many users' statuses the cache holds at most; default {@value
     * #DEFAULT_STATUS_CACHE_SIZE}. Requires {@link #userDirectory}.
     *
     * @param size 1 to 10,000,000
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder statusCacheSize(int size) {
      if (size < 1 || size > 10_000_000) {
        throw new IllegalArgumentException(
            "statusCacheSize must be between 1 and 10000000, was " + size);
      }
      this.statusCacheSize = size;
      return this;
    }

    /**
     * Returns the authenticator.
     *
     * @return an immutable, thread-safe authenticator
     * @throws IllegalStateException if no validator was set, or a status-cache option was set
     *     without a user directory
     */
    public TokenAuthenticator build() {
      if (validator == null) {
        throw new IllegalStateException("validator is required");
      }
      if (directory == null && (statusCacheTtl != null || statusCacheSize != null)) {
        throw new IllegalStateException(
            "statusCacheTtl/statusCacheSize configure the user-status cache: also set userDirectory(...)");
      }
      return new TokenAuthenticator(this);
    }
  }
}
