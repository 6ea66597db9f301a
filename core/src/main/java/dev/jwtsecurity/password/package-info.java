/**
 * Password hashing: Argon2id in PHC string format, verification of Argon2 and (for migration)
 * bcrypt hashes with bounded cost, needs-rehash, bounded concurrency, dummy verification for
 * unknown users.
 *
 * <pre>{@code
 * PasswordHasher hasher = PasswordHasher.builder().build();
 * String phc = hasher.hash(password);
 * boolean ok = hasher.verify(password, phc).matches();
 * }</pre>
 */
package dev.jwtsecurity.password;
