/**
 * Small cryptographic building blocks used wherever this project handles a secret: {@link
 * dev.jwtsecurity.crypto.ConstantTime} comparison and {@link dev.jwtsecurity.crypto.SecureTokens}
 * random tokens.
 *
 * <pre>{@code
 * if (ConstantTime.equalsSecretLength(presentedToken, storedToken)) { ... }
 * String id = new SecureTokens(new SecureRandom()).token(256);
 * }</pre>
 */
package dev.jwtsecurity.crypto;
