/**
 * Opaque refresh tokens in rotating families with reuse detection (RFC 9700 §4.14.2): the token
 * pair {@link dev.jwtsecurity.JwtSecurity} hands out, the refusal it throws, and the storage SPI a
 * shared store implements.
 *
 * <pre>{@code
 * TokenPair next = security.refresh(presentedRefreshToken, ctx);
 * }</pre>
 */
package dev.jwtsecurity.refresh;
