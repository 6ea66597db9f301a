package dev.jwtsecurity.password;

/**
 * The largest parameters a stored hash may carry and still be computed. A stored hash beyond them
 * is refused ({@link PasswordVerification.Status#PARAMETERS_EXCEED_LIMITS}) without computing
 * anything, so a tampered or attacker-supplied row such as {@code
 * $argon2id$v=19$m=4194304,t=1000,p=1$...} cannot become a denial of service.
 *
 * <pre>{@code
 * HashLimits limits = new HashLimits(262_144, 10, 8, 64, 64, 14);
 * }</pre>
 *
 * @param maxMemoryKiB the largest Argon2 memory cost, in KiB
 * @param maxIterations the largest Argon2 iteration count
 * @param maxParallelism the largest Argon2 parallelism
 * @param maxSaltLength the longest salt, in bytes
 * @param maxHashLength the longest hash (tag), in bytes
 * @param maxBcryptCost the largest bcrypt cost (log2 of rounds), 4..31
 */
public record HashLimits(
    int maxMemoryKiB,
    int maxIterations,
    int maxParallelism,
    int maxSaltLength,
    int maxHashLength,
    int maxBcryptCost) {

  /**
   * The defaults: memory 256 MiB, 10 iterations, parallelism 8, salt and hash 64 bytes, bcrypt cost
   * 14 (about a second). Generous for hashes made by other tools, but each bounded.
   */
  public static final HashLimits DEFAULT = new HashLimits(262_144, 10, 8, 64, 64, 14);

  /** The shortest hash (tag) ever accepted, in bytes: a shorter tag could be hit by chance. */
  public static final int MIN_HASH_LENGTH = 16;

  /** The shortest salt ever accepted, in bytes (the PHC format's minimum). */
  public static final int MIN_SALT_LENGTH = 8;

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if a limit is below the smallest valid value
   */
  public HashLimits {
    if (maxMemoryKiB < 8 || maxIterations < 1 || maxParallelism < 1) {
      throw new IllegalArgumentException("Argon2 limits must allow at least m=8, t=1, p=1");
    }
    if (maxSaltLength < MIN_SALT_LENGTH || maxHashLength < MIN_HASH_LENGTH) {
      throw new IllegalArgumentException(
          "maxSaltLength must be at least "
              + MIN_SALT_LENGTH
              + " and maxHashLength at least "
              + MIN_HASH_LENGTH);
    }
    if (maxBcryptCost < 4 || maxBcryptCost > 31) {
      throw new IllegalArgumentException("maxBcryptCost must be 4..31, was " + maxBcryptCost);
    }
  }

  boolean allows(Argon2Parameters p) {
    return p.memoryKiB() <= maxMemoryKiB
        && p.iterations() <= maxIterations
        && p.parallelism() <= maxParallelism
        && p.saltLength() <= maxSaltLength
        && p.hashLength() <= maxHashLength;
  }
}
