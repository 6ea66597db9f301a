package dev.jwtsecurity.login;

import dev.jwtsecurity.access.AuthenticatedUser;
import dev.jwtsecurity.refresh.TokenPair;
import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of {@link dev.jwtsecurity.JwtSecurity#login}: a {@link Success} carrying the
 * authenticated user and its first token pair, or a {@link Failure} that is deliberately
 * uninformative.
 *
 * <pre>{@code
 * LoginResult r = security.login(name, password, ctx);
 * if (r instanceof LoginResult.Success s) {
 *   respondTokens(s.tokens());
 * } else if (r instanceof LoginResult.Failure f && f.reason() == LoginResult.Reason.THROTTLED) {
 *   respond429(f.retryAfterSeconds());
 * } else if (r instanceof LoginResult.Failure f && f.reason() == LoginResult.Reason.BUSY) {
 *   respond503();
 * } else {
 *   respond401();                                    // one generic body
 * }
 * }</pre>
 *
 * <h2>Security considerations</h2>
 *
 * <p>An unknown user, a wrong password, a disabled account and a locked account all produce the
 * very same value, {@link Failure#INVALID_CREDENTIALS} (equal, same {@code toString}): the detailed
 * cause goes only to the security event. Answer the client with the same body for all of them
 * (OWASP Authentication Cheat Sheet, "Authentication and Error Messages").
 */
public sealed interface LoginResult permits LoginResult.Success, LoginResult.Failure {

  /**
   * Returns whether the login succeeded.
   *
   * @return {@code true} for a {@link Success}
   */
  boolean succeeded();

  /** Why a login failed, at the only granularity a client may learn. */
  enum Reason {
    /**
     * Unknown user, wrong password, disabled or locked account, unusable input: deliberately one
     * reason.
     */
    INVALID_CREDENTIALS,
    /**
     * Too many failures from this address or for this account: wait {@link Failure#retryAfter()}.
     */
    THROTTLED,
    /** The server is busy hashing other passwords; try again shortly (answer 503). */
    BUSY
  }

  /**
   * A successful login.
   *
   * @param user the authenticated user, with the roles and scopes its access token carries
   * @param tokens the access token and the refresh token that starts the session
   */
  record Success(AuthenticatedUser user, TokenPair tokens) implements LoginResult {
    /**
     * Validates the components.
     *
     * @throws NullPointerException if a component is {@code null}
     */
    public Success {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(tokens, "tokens");
    }

    @Override
    public boolean succeeded() {
      return true;
    }
  }

  /**
   * A failed login.
   *
   * @param reason the client-visible reason
   * @param retryAfter how long to wait, for {@link Reason#THROTTLED}; otherwise {@link
   *     Duration#ZERO}
   */
  record Failure(Reason reason, Duration retryAfter) implements LoginResult {

    /** The one failure for unknown users, wrong passwords, disabled and locked accounts. */
    public static final Failure INVALID_CREDENTIALS =
        new Failure(Reason.INVALID_CREDENTIALS, Duration.ZERO);

    /** The failure when the password hashing budget is exhausted. */
    public static final Failure BUSY = new Failure(Reason.BUSY, Duration.ZERO);

    /**
     * Validates the components.
     *
     * @throws NullPointerException if a component is {@code null}
     */
    public Failure {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(retryAfter, "retryAfter");
    }

    @Override
    public boolean succeeded() {
      return false;
    }

    /**
     * Returns the wait in whole seconds, rounded up, for {@code Retry-After}.
     *
     * @return 0 unless throttled
     */
    public long retryAfterSeconds() {
      long s = retryAfter.toSeconds();
      return retryAfter.toNanosPart() > 0 ? s + 1 : s;
    }
  }
}
