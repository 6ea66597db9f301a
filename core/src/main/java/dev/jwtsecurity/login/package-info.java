/**
 * The one uniform login path: throttle, look up, verify (or a dummy verification), status check,
 * rehash, events.
 *
 * <pre>{@code
 * UserCredentialsLookup users = ...;   // the application's user store
 * Optional<UserCredentials> u = users.findByUsername(UsernameNormalizer.normalize(name).orElseThrow());
 * }</pre>
 */
package dev.jwtsecurity.login;
