package dev.jwtsecurity.refresh;

import java.util.Objects;

/**
 * A presented refresh token was refused. An expected outcome of attacker-controlled input: answer
 * the client with one generic message (OAuth {@code invalid_grant}, HTTP 401) whatever the {@link
 * #reason()}, and make it log in again. The reason has already been reported as a security event by
 * {@link dev.jwtsecurity.JwtSecurity#refresh}.
 *
 * <pre>{@code
 * try {
 *   TokenPair pair = security.refresh(cookieValue, ctx);
 * } catch (InvalidRefreshTokenException e) {
 *   return unauthorized();   // same answer for every reason
 * }
 * }</pre>
 *
 * <h2>Security considerations</h2>
 *
 * <p>The message is the reason's fixed description and never contains the token. No stack trace is
 * filled in.
 */
public final class InvalidRefreshTokenException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why a refresh token was refused. Safe to log; never shown to the client. */
  public enum Reason {
    /**
     * Not of the refresh-token shape ({@code rt1.} prefix, lookup id, secret), so never looked up.
     */
    MALFORMED("refresh token is malformed"),
    /** Well formed, but no such token is stored, or its secret does not match. */
    UNKNOWN("refresh token is unknown"),
    /** The token's idle timeout or its family's absolute lifetime has passed. */
    EXPIRED("refresh token has expired"),
    /** The token's family was revoked (logout, logout everywhere, reuse, user status). */
    REVOKED("refresh token has been revoked"),
    /**
     * A spent token was presented again outside the grace rules; its whole family has just been
     * revoked.
     */
    REUSED("refresh token was reused"),
    /**
     * A spent token was replayed inside the grace window more often than the limit allows; the
     * family is kept, but no further access token is minted from that spent token.
     */
    GRACE_REPLAYS_EXHAUSTED("refresh token replays exhausted"),
    /** The user no longer exists or is not active; the family has been revoked. */
    USER_INACTIVE("refresh token subject is not active"),
    /**
     * The family was started before the user's credentials last changed; the family has been
     * revoked.
     */
    CREDENTIALS_CHANGED("refresh token predates a credential change");

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

  /**
   * Creates an exception for {@code reason}.
   *
   * @param reason why the token was refused
   */
  public InvalidRefreshTokenException(Reason reason) {
    super(Objects.requireNonNull(reason, "reason").description(), null, false, false);
    this.reason = reason;
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
