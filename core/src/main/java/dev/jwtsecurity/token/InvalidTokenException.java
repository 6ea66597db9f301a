package dev.jwtsecurity.token;

import java.util.Objects;

/**
 * A presented token was refused. This is an expected outcome of attacker-controlled input, not a
 * bug: catch it, log the {@link #reason()} as a security event, and answer the client with one
 * generic message whatever the reason.
 *
 * <pre>{@code
 * try {
 *   VerifiedAccessToken token = validator.validate(bearer);
 * } catch (InvalidTokenException e) {
 *   log.info("token refused: {}", e.reason());   // never log the token
 *   return unauthorized();
 * }
 * }</pre>
 *
 * <h2>Security considerations</h2>
 *
 * <p>The message is the reason's fixed description and never contains any part of the token. No
 * stack trace is filled in: refusals are frequent under attack, and the stack says nothing the
 * reason does not.
 */
public final class InvalidTokenException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why a token was refused. Safe to log; never shown to the client. */
  public enum Reason {
    /**
     * Not a compact JWS of three strict base64url parts with valid JSON, or a JWE, or otherwise
     * unparseable.
     */
    MALFORMED("token is malformed"),
    /** Longer than the configured limit (8 KiB by default); refused before any parsing. */
    TOO_LARGE("token is too large"),
    /** The header names an algorithm other than the key's, {@code none}, or one not supported. */
    UNSUPPORTED_ALGORITHM("token algorithm is not accepted"),
    /** No current or previous key has the token's {@code kid}. */
    UNKNOWN_KEY("token key is unknown"),
    /** The signature does not verify. */
    BAD_SIGNATURE("token signature is invalid"),
    /**
     * A header parameter the validator does not understand is marked critical, or a forbidden
     * header is present.
     */
    UNSUPPORTED_HEADER("token header is not accepted"),
    /** {@code exp} is in the past, beyond the allowed clock skew. */
    EXPIRED("token has expired"),
    /** {@code nbf} is in the future, beyond the allowed clock skew. */
    NOT_YET_VALID("token is not yet valid"),
    /** {@code iat} is in the future, beyond the allowed clock skew. */
    ISSUED_IN_FUTURE("token was issued in the future"),
    /**
     * {@code exp - iat} is longer than the configured access-token lifetime plus the clock skew: a
     * correctly signed token this issuer never makes (a leaked key minting long-lived tokens).
     */
    LIFETIME_TOO_LONG("token lifetime is longer than allowed"),
    /** {@code iss} differs from the configured issuer. */
    WRONG_ISSUER("token issuer is not accepted"),
    /** {@code aud} does not contain the configured audience. */
    WRONG_AUDIENCE("token audience is not accepted"),
    /** The header {@code typ} is not {@code at+jwt} (RFC 9068). */
    WRONG_TYPE("token type is not accepted"),
    /** The token was minted for another deployment environment (staging versus production). */
    WRONG_ENVIRONMENT("token environment is not accepted"),
    /** A required claim is absent, or a claim has the wrong JSON type. */
    MISSING_OR_INVALID_CLAIM("token claims are invalid"),
    /**
     * The token's {@code jti} is on the denylist, or the session it belongs to ({@code sid}) has
     * ended: logout, logout everywhere, or refresh-token reuse.
     */
    REVOKED("token has been revoked"),
    /**
     * The token was issued before the user's credentials were last changed or all sessions were
     * ended.
     */
    CREDENTIALS_CHANGED("token predates a credential change"),
    /** The token's subject no longer exists or is not active. */
    USER_INACTIVE("token subject is not active"),
    /**
     * The token's issuer publishes its keys remotely and none could be fetched (the provider is
     * down, or answers garbage, beyond the outage tolerance).
     */
    KEYS_UNAVAILABLE("token keys are unavailable"),
    /**
     * A custom claim rule refused the token; {@link InvalidTokenException#rule()} names the rule,
     * and the security event carries that name as its reason.
     */
    CLAIM_RULE("token refused by a claim rule");

    private final String description;

    Reason(String description) {
      this.description = description;
    }

    /**
     * Returns a fixed, input-free description.
     *
     * @return the description
     */
    public String description() {
      return description;
    }
  }

  private final Reason reason;
  private final String rule;

  /**
   * Creates an exception for {@code reason}.
   *
   * @param reason why the token was refused
   */
  public InvalidTokenException(Reason reason) {
    super(Objects.requireNonNull(reason, "reason").description(), null, false, false);
    this.reason = reason;
    this.rule = null;
  }

  /** A refusal by the {@link ClaimRule} named {@code rule}. */
  InvalidTokenException(String rule) {
    super(Reason.CLAIM_RULE.description(), null, false, false);
    this.reason = Reason.CLAIM_RULE;
    this.rule = Objects.requireNonNull(rule, "rule");
  }

  /**
   * Returns the name of the {@link ClaimRule} that refused the token, for {@link
   * Reason#CLAIM_RULE}; the name is the reason a security event reports.
   *
   * @return the rule's name, or empty for every other reason
   */
  public java.util.Optional<String> rule() {
    return java.util.Optional.ofNullable(rule);
  }

  /**
   * Returns what a security event reports as the reason: the {@link #rule()} name for a claim-rule
   * refusal, else the {@link #reason()} name.
   *
   * @return the reason text, safe to log
   */
  public String reasonName() {
    return rule != null ? rule : reason.name();
  }

  /**
   * Returns why the token was refused.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }
}
