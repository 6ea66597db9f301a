package dev.jwtsecurity.access;

import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventListener;
import dev.jwtsecurity.audit.SecurityEventType;
import dev.jwtsecurity.token.AccessTokenValidator;
import dev.jwtsecurity.token.InvalidTokenException;
import dev.jwtsecurity.token.VerifiedAccessToken;
import java.time.Clock;
import java.util.Objects;

/**
 * Turns a presented access token into an {@link Authentication}: validates it, then checks that it is still good for
 * its user, and reports every refusal as an {@code authn_token_invalid} security event with its reason. This is what a
 * web adapter calls on every request.
 *
 * <pre>{@code
 * TokenAuthenticator authenticator = TokenAuthenticator.builder()
 *     .validator(validator)
 *     .events(listener)
 *     .build();
 * Authentication auth = authenticator.authenticate(bearer, RequestContext.of(ip, userAgent, requestId));
 * }</pre>
 *
 * <h2>Security considerations</h2>
 *
 * <p>The token never reaches an event or an exception; events carry its {@code jti} only once it is verified.
 */
public final class TokenAuthenticator {

  private final AccessTokenValidator validator;
  private final SecurityEventListener events;
  private final Clock clock;

  private TokenAuthenticator(Builder b) {
    this.validator = b.validator;
    this.events = b.events;
    this.clock = b.clock;
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
   * @throws InvalidTokenException when the token is refused; the reason has been reported as an event
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
    return new Authentication(new AuthenticatedUser(token.subject(), token.roles()), token);
  }

  private void report(InvalidTokenException e, String userId, String tokenId, RequestContext request) {
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
    private AccessTokenValidator validator;
    private SecurityEventListener events = SecurityEventListener.none();
    private Clock clock = Clock.systemUTC();

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
     * Returns the authenticator.
     *
     * @return an immutable, thread-safe authenticator
     * @throws IllegalStateException if no validator was set
     */
    public TokenAuthenticator build() {
      if (validator == null) {
        throw new IllegalStateException("validator is required");
      }
      return new TokenAuthenticator(this);
    }
  }
}
