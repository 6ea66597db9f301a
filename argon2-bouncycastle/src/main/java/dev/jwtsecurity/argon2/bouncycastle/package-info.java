/**
 * A pure-Java Argon2 engine (Bouncy Castle) for {@link dev.jwtsecurity.password.PasswordHasher}.
 *
 * <pre>{@code
 * PasswordHasher hasher = PasswordHasher.builder().argon2Engine(new BouncyCastleArgon2Engine()).build();
 * }</pre>
 */
package dev.jwtsecurity.argon2.bouncycastle;
