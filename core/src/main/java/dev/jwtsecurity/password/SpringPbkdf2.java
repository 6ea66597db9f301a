package dev.jwtsecurity.password;

import java.util.Objects;

/**
 * How an application's Spring Security {@code Pbkdf2PasswordEncoder} was configured: its stored
 * hashes carry only salt and hash, so verification needs the rest.
 *
 * <pre>{@code
 * // new Pbkdf2PasswordEncoder("", 16, 600000, SecretKeyFactoryAlgorithm.PBKDF2WithHmacSHA512)
 * SpringPbkdf2 mine = new SpringPbkdf2(SpringPbkdf2.Prf.HMAC_SHA512, 600_000, 16, 64, false);
 * PasswordMigration m = PasswordMigration.builder().springPbkdf2(mine).build();
 * }</pre>
 *
 * @param prf the pseudo-random function ({@code SecretKeyFactoryAlgorithm})
 * @param iterations the iteration count
 * @param saltLength the salt length in bytes (the encoder's {@code saltLength})
 * @param hashLength the hash length in bytes (the encoder's hash width in bits divided by 8)
 * @param base64 whether the encoder wrote base64 ({@code setEncodeHashAsBase64(true)}); hex if not
 */
public record SpringPbkdf2(
    Prf prf, int iterations, int saltLength, int hashLength, boolean base64) {

  /**
   * Spring Security's {@code Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_5()}, what the id
   * {@code {pbkdf2}} of {@code PasswordEncoderFactories.createDelegatingPasswordEncoder()} means:
   * HMAC-SHA1, 185,000 iterations, 8-byte salt, 32-byte hash, hex.
   */
  public static final SpringPbkdf2 V5_5 = new SpringPbkdf2(Prf.HMAC_SHA1, 185_000, 8, 32, false);

  /**
   * {@code defaultsForSpringSecurity_v5_8()}, the id {@code {pbkdf2@SpringSecurity_v5_8}}:
   * HMAC-SHA256, 310,000 iterations, 16-byte salt, 32-byte hash, hex.
   */
  public static final SpringPbkdf2 V5_8 = new SpringPbkdf2(Prf.HMAC_SHA256, 310_000, 16, 32, false);

  /** The PBKDF2 pseudo-random functions (RFC 8018 §5.2). */
  public enum Prf {
    /** HMAC-SHA1 (Spring's {@code PBKDF2WithHmacSHA1}, Django's {@code pbkdf2_sha1}). */
    HMAC_SHA1("HmacSHA1", 20),
    /** HMAC-SHA256. */
    HMAC_SHA256("HmacSHA256", 32),
    /** HMAC-SHA512. */
    HMAC_SHA512("HmacSHA512", 64);

    private final String jcaName;
    private final int outputLength;

    Prf(String jcaName, int outputLength) {
      this.jcaName = jcaName;
      this.outputLength = outputLength;
    }

    String jcaName() {
      return jcaName;
    }

    int outputLength() {
      return outputLength;
    }
  }

  /**
   * Validates the components.
   *
   * @throws NullPointerException if {@code prf} is {@code null}
   * @throws IllegalArgumentException if a length or the iteration count is not positive, or the
   *     salt is shorter than 8 bytes or the hash shorter than 16
   */
  public SpringPbkdf2 {
    Objects.requireNonNull(prf, "prf");
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be positive, was " + iterations);
    }
    if (saltLength < 8 || saltLength > 64) {
      throw new IllegalArgumentException("saltLength must be 8..64 bytes, was " + saltLength);
    }
    if (hashLength < HashLimits.MIN_HASH_LENGTH || hashLength > 64) {
      throw new IllegalArgumentException("hashLength must be 16..64 bytes, was " + hashLength);
    }
  }
}
