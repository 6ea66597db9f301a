/**
 * Access tokens: issuing, strict validation, keys bound to one algorithm, and a key ring with rotation. Guide: "JWT
 * Security", "Token Validation", "Recommended Configuration".
 */
package dev.jwtsecurity.token;
