package dev.jwtsecurity.access;

import java.time.Instant;

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
}
