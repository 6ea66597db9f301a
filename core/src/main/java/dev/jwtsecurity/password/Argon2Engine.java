package dev.jwtsecurity.password;

/**
 * The Argon2 computation a {@link PasswordHasher} runs: a service provider interface for choosing
 * the implementation, not something applications call.
 *
 * <pre>{@code
 * // The pure-Java engine of jwt-security-argon2-bouncycastle, chosen explicitly:
 * PasswordHasher hasher = PasswordHasher.builder().argon2Engine(new BouncyCastleArgon2Engine()).build();
 * }</pre>
 *
 * <p>By default a hasher uses the reference C implementation through argon2-jvm. When argon2-jvm is
 * not on the class path (excluded, for example, to avoid its LGPL-3.0 licence or a native library)
 * or its native library cannot be loaded, the hasher uses the one {@code Argon2Engine} registered
 * through {@link java.util.ServiceLoader} ({@code
 * META-INF/services/dev.jwtsecurity.password.Argon2Engine}); {@link
 * PasswordHasher.Builder#argon2Engine} chooses one explicitly. Every engine produces the same tags,
 * so the PHC strings one writes, another verifies.
 *
 * <p>The hasher does everything around the computation: it parses and checks stored hashes against
 * its {@link HashLimits}, reserves the memory cost from its budget, runs the engine on its own
 * bounded worker threads, compares in constant time and wipes its copies. An engine computes.
 *
 * <h2>Security considerations</h2>
 *
 * <p>An implementation must be plain Argon2 as RFC 9106 defines it (no secret key, no associated
 * data), for every variant and both versions ({@link Argon2Parameters#VERSION_16}, {@link
 * Argon2Parameters#VERSION_19}); must be thread-safe; must not keep a reference to, or a copy of,
 * the password after returning; and should clear its working memory. It is called with parameters
 * already checked against the hasher's limits, on at most {@link
 * PasswordHasher#maxConcurrentHashes()} threads at once.
 */
public interface Argon2Engine {

  /**
   * Computes a raw Argon2 tag.
   *
   * @param parameters variant, version, memory, iterations, parallelism and tag length ({@code
   *     parameters.saltLength()} equals {@code salt.length})
   * @param password the password bytes; read only, not kept
   * @param salt the salt; read only
   * @return a new array of {@code parameters.hashLength()} bytes, which the caller wipes
   */
  byte[] rawHash(Argon2Parameters parameters, byte[] password, byte[] salt);
}
