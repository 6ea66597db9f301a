/**
 * Access tokens: issuing, strict validation, keys bound to one algorithm (loaded from JWKs or
 * generated), a key ring with rotation, and a general {@link dev.jwtsecurity.token.JwtVerifier} for
 * tokens of other issuers.
 */
package dev.jwtsecurity.token;
