/**
 * Access tokens: issuing, strict validation, keys bound to one algorithm (loaded from JWKs or
 * generated), a key ring with rotation, and a general {@link dev.jwtsecurity.token.JwtVerifier} for
 * tokens of other issuers. Guide: "JWT Security", "Token Validation", "Recommended Configuration".
 */
package dev.jwtsecurity.token;
