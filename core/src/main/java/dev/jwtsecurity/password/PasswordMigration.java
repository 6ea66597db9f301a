package dev.jwtsecurity.password;

import dev.jwtsecurity.internal.SetOnce;
import java.util.Objects;

/**
 * Which password hashes of earlier systems a {@link PasswordHasher} verifies, so their users move
 * to Argon2id at their next login, and at what cost they are refused. Verification only: new hashes
 * are always Argon2id.
 *
 * <pre>{@code
 * PasswordHasher hasher = PasswordHasher.builder()
 *     .migration(PasswordMigration.builder()
 *         .springPbkdf2(new SpringPbkdf2(SpringPbkdf2.Prf.HMAC_SHA256, 310_000, 16, 32, false))
 *         .build())
 *     .build();
 * PasswordVerification v = hasher.verify(password, "pbkdf2_sha256$600000$seasalt$OAXy...");
 * if (v.matches() && v.needsRehash()) { users.updateHash(id, hasher.hash(password)); } // always, here
 * }</pre>
 *
 * <p>Verified, with the {@link #DEFAULT} policy and without configuration:
 *
 * <ul>
 *   <li>bcrypt {@code $2a$}, {@code $2b$}, {@code $2y$}; Django's {@code bcrypt$$2b$...};
 *   <li>Argon2 PHC strings, and Django's {@code argon2$argon2id$...};
 *   <li>PBKDF2 in Django's format, {@code pbkdf2_sha256$<iterations>$<salt>$<base64 hash>} and
 *       {@code pbkdf2_sha1$...};
 *   <li>scrypt in Django's format {@code scrypt$<N>$<salt>$<r>$<p>$<base64 hash>} and in Spring
 *       Security's {@code $<hex parameters>$<base64 salt>$<base64 hash>};
 *   <li>Spring Security's {@code DelegatingPasswordEncoder} ids: {@code {bcrypt}}, {@code
 *       {argon2}}, {@code {argon2@SpringSecurity_v5_8}}, {@code {scrypt}}, {@code
 *       {scrypt@SpringSecurity_v5_8}}, {@code {pbkdf2}} ({@link SpringPbkdf2#V5_5} unless set with
 *       {@link Builder#springPbkdf2}) and {@code {pbkdf2@SpringSecurity_v5_8}} ({@link
 *       SpringPbkdf2#V5_8}).
 * </ul>
 *
 * <p>Every match of one of these (anything but an Argon2id hash at the current parameters) reports
 * {@link PasswordVerification#needsRehash()}.
 *
 * <h2>Security considerations</h2>
 *
 * <ul>
 *   <li><b>Fast or unsalted digests never verify</b>: {@code {noop}}, {@code {MD4}}, {@code {MD5}},
 *       {@code {SHA-1}}, {@code {SHA-256}}, {@code {sha256}}, {@code {ldap}} and LDAP's {@code
 *       {SSHA}}-style ids, Django's {@code md5$}, {@code sha1$}, {@code crypt$}, md5crypt {@code
 *       $1$}, and bare hexadecimal MD5/SHA-1/SHA-2 digests give {@link
 *       PasswordVerification.Status#INSECURE_SCHEME}. No option changes that: such a hash protects
 *       nothing once the table leaks, so its users must reset their password.
 *   <li><b>Cost floors.</b> A hash weaker than the floor (PBKDF2 below {@value
 *       #DEFAULT_MIN_PBKDF2_ITERATIONS} iterations, scrypt below {@value
 *       #DEFAULT_MIN_SCRYPT_MEMORY_KIB} KiB ({@code 128 * N * r} bytes, N=16384 r=8), bcrypt below
 *       cost {@value #DEFAULT_MIN_BCRYPT_COST}) gives {@link
 *       PasswordVerification.Status#PARAMETERS_BELOW_FLOOR}: it is cheap enough to have been
 *       cracked if the table ever leaked, so upgrading it silently would carry a guessed password
 *       into the new hash. Reset those passwords, or accept the risk by name with an {@code
 *       unsafeMin...} method.
 *   <li><b>Cost caps.</b> PBKDF2 above {@value #DEFAULT_MAX_PBKDF2_ITERATIONS} iterations or scrypt
 *       above the hasher's {@link HashLimits#maxMemoryKiB()} or parallelism above {@value
 *       #DEFAULT_MAX_SCRYPT_PARALLELISM} is refused without computing ({@link
 *       PasswordVerification.Status#PARAMETERS_EXCEED_LIMITS}), as for Argon2; bcrypt's cap is
 *       {@link HashLimits#maxBcryptCost()}. Each computation reserves budget like an Argon2 one.
 *   <li><b>A Spring PBKDF2 secret</b> ({@link Builder#springPbkdf2Secret}) is held as bytes, never
 *       shown by {@link #toString()}.
 * </ul>
 */
public final class PasswordMigration {

  /** The default PBKDF2 floor: Django's default since 2.0 (2017); Spring's 5.x default passes. */
  public static final int DEFAULT_MIN_PBKDF2_ITERATIONS = 100_000;

  /** The default PBKDF2 cap; Django's defaults up to 6.0 pass. */
  public static final int DEFAULT_MAX_PBKDF2_ITERATIONS = 2_000_000;

  /** The default scrypt floor in KiB: 16 MiB, N=16384 and r=8 (Django's and Spring 4.1's). */
  public static final int DEFAULT_MIN_SCRYPT_MEMORY_KIB = 16_384;

  /** The default cap on scrypt's parallelism p. */
  public static final int DEFAULT_MAX_SCRYPT_PARALLELISM = 4;

  /** The default bcrypt floor (Spring's default strength). */
  public static final int DEFAULT_MIN_BCRYPT_COST = 10;

  /** The defaults described on the type. */
  public static final PasswordMigration DEFAULT = builder().build();

  final int minPbkdf2Iterations;
  final int maxPbkdf2Iterations;
  final int minScryptMemoryKiB;
  final int maxScryptParallelism;
  final int minBcryptCost;
  final SpringPbkdf2 springPbkdf2;
  private final byte[] springPbkdf2Secret;

  private PasswordMigration(Builder b) {
    this.minPbkdf2Iterations = b.minPbkdf2Iterations;
    this.maxPbkdf2Iterations = b.maxPbkdf2Iterations;
    this.minScryptMemoryKiB = b.minScryptMemoryKiB;
    this.maxScryptParallelism = b.maxScryptParallelism;
    this.minBcryptCost = b.minBcryptCost;
    this.springPbkdf2 = b.springPbkdf2;
    this.springPbkdf2Secret = b.springPbkdf2Secret.clone();
  }

  /**
   * Returns a builder with the defaults described on the type.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** The secret appended to the salt of {@code {pbkdf2}} hashes; empty when none. */
  byte[] springPbkdf2Secret() {
    return springPbkdf2Secret;
  }

  /**
   * Returns the floors and caps, never the Spring secret.
   *
   * @return text for logs and diagnostics
   */
  @Override
  public String toString() {
    return "PasswordMigration[pbkdf2 iterations "
        + minPbkdf2Iterations
        + ".."
        + maxPbkdf2Iterations
        + ", scrypt >= "
        + minScryptMemoryKiB
        + " KiB, p <= "
        + maxScryptParallelism
        + ", bcrypt cost >= "
        + minBcryptCost
        + ", {pbkdf2} = "
        + springPbkdf2
        + (springPbkdf2Secret.length > 0 ? " with a secret" : "")
        + "]";
  }

  /** Builds a {@link PasswordMigration}. Not thread-safe; each setting may be set once. */
  public static final class Builder {
    private int minPbkdf2Iterations = DEFAULT_MIN_PBKDF2_ITERATIONS;
    private int maxPbkdf2Iterations = DEFAULT_MAX_PBKDF2_ITERATIONS;
    private int minScryptMemoryKiB = DEFAULT_MIN_SCRYPT_MEMORY_KIB;
    private int maxScryptParallelism = DEFAULT_MAX_SCRYPT_PARALLELISM;
    private int minBcryptCost = DEFAULT_MIN_BCRYPT_COST;
    private SpringPbkdf2 springPbkdf2 = SpringPbkdf2.V5_5;
    private byte[] springPbkdf2Secret = new byte[0];
    private final SetOnce once = new SetOnce();

    private Builder() {}

    /**
     * Lowers the PBKDF2 floor below {@value #DEFAULT_MIN_PBKDF2_ITERATIONS} iterations, so that
     * weaker hashes verify and are upgraded: only when resetting those passwords is not possible
     * and the risk that they were cracked is accepted.
     *
     * @param iterations the new floor, at least 1
     * @return this builder
     * @throws IllegalArgumentException if not positive or above the cap
     * @throws IllegalStateException if already set
     */
    public Builder unsafeMinPbkdf2Iterations(int iterations) {
      if (iterations < 1 || iterations > maxPbkdf2Iterations) {
        throw new IllegalArgumentException(
            "the PBKDF2 floor must be 1.." + maxPbkdf2Iterations + ", was " + iterations);
      }
      once.mark("unsafeMinPbkdf2Iterations");
      this.minPbkdf2Iterations = iterations;
      return this;
    }

    /**
     * Sets the largest PBKDF2 iteration count computed at all; default {@value
     * #DEFAULT_MAX_PBKDF2_ITERATIONS}.
     *
     * @param iterations the cap
     * @return this builder
     * @throws IllegalArgumentException if below the floor or above 10,000,000
     * @throws IllegalStateException if already set
     */
    public Builder maxPbkdf2Iterations(int iterations) {
      if (iterations < minPbkdf2Iterations || iterations > 10_000_000) {
        throw new IllegalArgumentException(
            "the PBKDF2 cap must be " + minPbkdf2Iterations + "..10000000, was " + iterations);
      }
      once.mark("maxPbkdf2Iterations");
      this.maxPbkdf2Iterations = iterations;
      return this;
    }

    /**
     * Lowers the scrypt floor below {@value #DEFAULT_MIN_SCRYPT_MEMORY_KIB} KiB ({@code 128 * N *
     * r} bytes); as for {@link #unsafeMinPbkdf2Iterations}, only with the risk accepted.
     *
     * @param kib the new floor in KiB, at least 1
     * @return this builder
     * @throws IllegalArgumentException if not positive
     * @throws IllegalStateException if already set
     */
    public Builder unsafeMinScryptMemoryKiB(int kib) {
      if (kib < 1) {
        throw new IllegalArgumentException("the scrypt floor must be positive, was " + kib);
      }
      once.mark("unsafeMinScryptMemoryKiB");
      this.minScryptMemoryKiB = kib;
      return this;
    }

    /**
     * Sets the largest scrypt parallelism computed; default {@value
     * #DEFAULT_MAX_SCRYPT_PARALLELISM}.
     *
     * @param p the cap, 1..64
     * @return this builder
     * @throws IllegalArgumentException if outside 1..64
     * @throws IllegalStateException if already set
     */
    public Builder maxScryptParallelism(int p) {
      if (p < 1 || p > 64) {
        throw new IllegalArgumentException("the scrypt parallelism cap must be 1..64, was " + p);
      }
      once.mark("maxScryptParallelism");
      this.maxScryptParallelism = p;
      return this;
    }

    /**
     * Lowers the bcrypt floor below cost {@value #DEFAULT_MIN_BCRYPT_COST}; as for {@link
     * #unsafeMinPbkdf2Iterations}, only with the risk accepted.
     *
     * @param cost the new floor, 4..31
     * @return this builder
     * @throws IllegalArgumentException if outside 4..31
     * @throws IllegalStateException if already set
     */
    public Builder unsafeMinBcryptCost(int cost) {
      if (cost < 4 || cost > 31) {
        throw new IllegalArgumentException("the bcrypt floor must be 4..31, was " + cost);
      }
      once.mark("unsafeMinBcryptCost");
      this.minBcryptCost = cost;
      return this;
    }

    /**
     * Says how the application's Spring {@code Pbkdf2PasswordEncoder} registered as {@code
     * {pbkdf2}} was configured; default {@link SpringPbkdf2#V5_5}, Spring's own for that id.
     *
     * @param format the encoder's settings
     * @return this builder
     * @throws NullPointerException if {@code format} is {@code null}
     * @throws IllegalStateException if already set
     */
    public Builder springPbkdf2(SpringPbkdf2 format) {
      Objects.requireNonNull(format, "format");
      once.mark("springPbkdf2");
      this.springPbkdf2 = format;
      return this;
    }

    /**
     * Sets the secret the application's Spring {@code Pbkdf2PasswordEncoder} was constructed with
     * (its UTF-8 bytes are appended to each salt); default none.
     *
     * @param secret the secret bytes; copied
     * @return this builder
     * @throws NullPointerException if {@code secret} is {@code null}
     * @throws IllegalStateException if already set
     */
    public Builder springPbkdf2Secret(byte[] secret) {
      Objects.requireNonNull(secret, "secret");
      once.mark("springPbkdf2Secret");
      this.springPbkdf2Secret = secret.clone();
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return an immutable policy
     * @throws IllegalStateException if the PBKDF2 floor is above its cap
     */
    public PasswordMigration build() {
      if (minPbkdf2Iterations > maxPbkdf2Iterations) {
        throw new IllegalStateException(
            "the PBKDF2 floor " + minPbkdf2Iterations + " is above the cap " + maxPbkdf2Iterations);
      }
      return new PasswordMigration(this);
    }
  }
}
