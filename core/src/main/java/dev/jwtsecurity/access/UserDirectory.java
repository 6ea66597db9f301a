package dev.jwtsecurity.access;

import java.time.Instant;
import java.util.Objects;

/**
 * Answers, for a user id taken from a verified token, whether the user still exists, is active, and
 * since when its credentials are valid. {@link TokenAuthenticator} asks it (through a short cache)
 * on every request, and the refresh service on every refresh, so that deleting or disabling a user,
 * changing a password or "logging out everywhere" cuts off outstanding tokens.
 *
 * <pre>{@code
 * UserDirectory directory = userId -> users.find(userId)
 *     .map(u -> u.enabled() ? UserStatus.active(u.credentialsChangedAt()) : UserStatus.inactive())
 *     .orElse(UserStatus.notFound());
 * }</pre>
 *
 * <h2>Contract for implementations</h2>
 *
 * <ul>
 *   <li>Thread-safe and fast (one indexed read); never returns {@code null}.
 *   <li>An infrastructure failure is thrown unchecked: the request is then not authenticated (fail
 *       closed) and nothing is cached.
 *   <li>{@code credentialsValidSince} must be updated whenever a password changes or sessions are
 *       ended; access tokens carry {@code iat} in whole seconds, so a token issued in the same
 *       second as the change, even just after it, is refused too (fail closed): a client that logs
 *       in again at once may need to retry one second later.
 * </ul>
 */
@FunctionalInterface
public interface UserDirectory {

  /**
   * Returns the current status of a user.
   *
   * @param userId the {@code sub} of a verified token
   * @return the status; never {@code null}
   */
  UserStatus status(String userId);

  /**
   * Records that every credential of {@code userId} issued before {@code instant} is invalid (used
   * by "log out everywhere"). The default does nothing and returns {@code false}: outstanding
   * access tokens then live until they expire, while refresh tokens are still revoked by the store.
   *
   * @param userId the user
   * @param instant the new credentials-valid-since instant; an implementation never moves it
   *     backwards
   * @return {@code true} if recorded
   */
  default boolean invalidateCredentialsBefore(String userId, Instant instant) {
    return false;
  }

  /**
   * What a {@link UserDirectory} knows about a user right now: whether it exists and is active, and
   * since when its credentials are valid. Access tokens issued before {@link
   * #credentialsValidSince()} are refused, as are refresh-token families started before it.
   *
   * <pre>{@code
   * UserStatus status = row == null ? UserStatus.notFound()
   *     : row.enabled() ? UserStatus.active(row.credentialsChangedAt())
   *     : UserStatus.inactive();
   * }</pre>
   *
   * @param state whether the user exists and is active
   * @param credentialsValidSince for an active user, the last password change, "log out everywhere"
   *     or administrative revocation ({@link Instant#MIN} if never); {@code null} for the other
   *     states
   */
  public record UserStatus(State state, Instant credentialsValidSince) {

    private static final UserStatus NOT_FOUND = new UserStatus(State.NOT_FOUND, null);
    private static final UserStatus INACTIVE = new UserStatus(State.INACTIVE, null);

    /** Whether a user exists and may authenticate. */
    public enum State {
      /** The user exists and may authenticate. */
      ACTIVE,
      /** The user exists but is disabled, locked or suspended. */
      INACTIVE,
      /** No such user (deleted, or never existed). */
      NOT_FOUND
    }

    /**
     * Checks that an active status has a valid-since instant and the others none.
     *
     * @throws NullPointerException if {@code state} is {@code null}
     * @throws IllegalArgumentException if {@code credentialsValidSince} is given exactly when the
     *     state is not active
     */
    public UserStatus {
      Objects.requireNonNull(state, "state");
      if ((state == State.ACTIVE) != (credentialsValidSince != null)) {
        throw new IllegalArgumentException(
            "credentialsValidSince is required for ACTIVE and absent otherwise");
      }
    }

    /**
     * Returns an active user whose credentials never changed.
     *
     * @return an active status valid since {@link Instant#MIN}
     */
    public static UserStatus active() {
      return new UserStatus(State.ACTIVE, Instant.MIN);
    }

    /**
     * Returns an active user whose tokens issued before {@code credentialsValidSince} are no longer
     * valid.
     *
     * @param credentialsValidSince the last password change, "log out everywhere" or revocation
     * @return an active status
     */
    public static UserStatus active(Instant credentialsValidSince) {
      return new UserStatus(
          State.ACTIVE, Objects.requireNonNull(credentialsValidSince, "credentialsValidSince"));
    }

    /**
     * Returns a user that exists but may not authenticate.
     *
     * @return an inactive status
     */
    public static UserStatus inactive() {
      return INACTIVE;
    }

    /**
     * Returns the status of a user that does not exist.
     *
     * @return a not-found status
     */
    public static UserStatus notFound() {
      return NOT_FOUND;
    }

    /**
     * Tells whether the user may authenticate.
     *
     * @return {@code true} if active
     */
    public boolean isActive() {
      return state == State.ACTIVE;
    }

    /**
     * Tells whether a credential issued at {@code issuedAt} is still valid for this user: the user
     * is active and {@code issuedAt} is not before {@link #credentialsValidSince()}.
     *
     * @param issuedAt when the token or family was issued
     * @return {@code true} if still valid
     */
    public boolean acceptsIssuedAt(Instant issuedAt) {
      return isActive() && !issuedAt.isBefore(credentialsValidSince);
    }
  }
}
