package dev.jwtsecurity.login;

/**
 * The registration helper's view of the registered names: whether a confusable skeleton ({@link
 * Username#skeleton()}) is already taken. The application implements it over a column it stores
 * beside each name, and gives it to {@link dev.jwtsecurity.JwtSecurity.Builder#usernameRegistry}.
 *
 * <pre>{@code
 * // ALTER TABLE users ADD COLUMN username_skeleton TEXT NOT NULL UNIQUE;
 * UsernameRegistry registry = skeleton ->
 *     jdbc.queryForObject("SELECT count(*) FROM users WHERE username_skeleton = ?", Integer.class, skeleton) > 0;
 * }</pre>
 *
 * <h2>Security considerations</h2>
 *
 * <ul>
 *   <li>Match exactly (no case-insensitive collation, no {@code LIKE}): the skeleton is already
 *       folded.
 *   <li>The check and the insert are two steps: make the skeleton column {@code UNIQUE} so two
 *       concurrent registrations of look-alike names cannot both succeed, and answer a unique
 *       violation as "taken".
 *   <li>Throw when the store is unreachable: the registration then fails closed.
 * </ul>
 */
@FunctionalInterface
public interface UsernameRegistry {

  /**
   * Returns whether a registered user's name has this skeleton.
   *
   * @param skeleton the skeleton of the name being registered
   * @return {@code true} if taken
   */
  boolean isSkeletonTaken(String skeleton);
}
