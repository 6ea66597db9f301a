/**
 * What the login path needs from the application: the user-store look-up ({@link
 * dev.jwtsecurity.login.UserCredentialsLookup}) and the outcome of a login ({@link
 * dev.jwtsecurity.login.LoginResult}). The login itself is {@link
 * dev.jwtsecurity.JwtSecurity#login}.
 *
 * <pre>{@code
 * LoginResult r = security.login(username, password, ctx);
 * }</pre>
 */
package dev.jwtsecurity.login;
