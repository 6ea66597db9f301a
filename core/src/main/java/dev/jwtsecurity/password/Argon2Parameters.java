package dev.jwtsecurity.password;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The cost and shape of an Argon2 hash (RFC 9106 §3.1): variant, version, memory in KiB, iterations
 * (passes), parallelism (lanes), salt and tag length in bytes.
 *
 * <pre>{@code
 * Argon2Parameters p = Argon2Parameters.DEFAULT;                       // argon2id v=19 m=19456 t=2 p=1, 16/32
 * Argon2Parameters stronger = Argon2Parameters.argon2id(65536, 3, 4);  // RFC 9106 §4 second recommendation
 * }</pre>
 *
 * <h2>Security considerations</h2>
 *
 * <p>{@link #DEFAULT} is the first configuration of the OWASP Password Storage Cheat Sheet (m=19
 * MiB, t=2, p=1), with a 16-byte salt and a 32-byte tag (RFC 9106 §4). It costs about 20-40 ms on a
 * current server core and allows about 13 concurrent verifications in the default 256 MiB memory
 * budget, a balance that suits interactive logins; raise it with {@link Argon2Calibration} where
 * the hardware allows. {@link #meetsOwaspFloor()} accepts every OWASP option (m=47104 t=1 ...
 * m=7168 t=5): memory at least 7168 KiB and memory times iterations at least 35840.
 *
 * @param variant Argon2d, Argon2i or Argon2id
 * @param version 16 (0x10) or 19 (0x13)
 * @param memoryKiB memory cost in KiB, at least {@code 8 * parallelism}
 * @param iterations number of passes, at least 1
 * @param parallelism number of lanes, 1..2^24-1
 * @param saltLength salt length in bytes, at least 8
 * @param hashLength tag length in bytes, at least 4
 */
public record Argon2Parameters(
    Variant variant,
    int version,
    int memoryKiB,
    int iterations,
    int parallelism,
    int saltLength,
    int hashLength) {

  /** Argon2 version 1.0 (0x10), the form PHC strings without {@code v=} carry. */
  public static final int VERSION_16 = 0x10;

  /** Argon2 version 1.3 (0x13), the current one (RFC 9106). */
  public static final int VERSION_19 = 0x13;

  /** The default: Argon2id, v=19, m=19456 KiB, t=2, p=1, 16-byte salt, 32-byte hash (OWASP). */
  public static final Argon2Parameters DEFAULT =
      new Argon2Parameters(Variant.ARGON2ID, VERSION_19, 19456, 2, 1, 16, 32);

  /** The Argon2 variants, in the PHC string's spelling. */
  public enum Variant {
    /** Argon2d: data-dependent memory access; not for passwords (side channels). */
    ARGON2D("argon2d", 0),
    /** Argon2i: data-independent memory access. */
    ARGON2I("argon2i", 1),
    /** Argon2id: the hybrid RFC 9106 §4 recommends; the only variant this library creates. */
    ARGON2ID("argon2id", 2);

    private final String phcName;
    private final int nativeType;

    Variant(String phcName, int nativeType) {
      this.phcName = phcName;
      this.nativeType = nativeType;
    }

    /**
     * Returns the PHC identifier.
     *
     * @return {@code argon2d}, {@code argon2i} or {@code argon2id}
     */
    public String phcName() {
      return phcName;
    }

    int nativeType() {
      return nativeType;
    }
  }

  /**
   * Validates the components against the Argon2 specification (RFC 9106 §3.1).
   *
   * @throws NullPointerException if {@code variant} is {@code null}
   * @throws IllegalArgumentException if a value is outside what Argon2 allows
   */
  public Argon2Parameters {
    Objects.requireNonNull(variant, "variant");
    if (version != VERSION_16 && version != VERSION_19) {
      throw new IllegalArgumentException("version must be 16 or 19, was " + version);
    }
    if (parallelism < 1 || parallelism > 0xffffff) {
      throw new IllegalArgumentException("parallelism must be 1..16777215, was " + parallelism);
    }
    if (memoryKiB < 8 * parallelism) {
      throw new IllegalArgumentException(
          "memoryKiB must be at least 8 * parallelism, was " + memoryKiB);
    }
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be at least 1, was " + iterations);
    }
    if (saltLength < 8) {
      throw new IllegalArgumentException("saltLength must be at least 8 bytes, was " + saltLength);
    }
    if (hashLength < 4) {
      throw new IllegalArgumentException("hashLength must be at least 4 bytes, was " + hashLength);
    }
  }

  /**
   * Returns Argon2id v=19 parameters with a 16-byte salt and a 32-byte hash.
   *
   * @param memoryKiB memory cost in KiB
   * @param iterations passes
   * @param parallelism lanes
   * @return the parameters
   * @throws IllegalArgumentException if a value is outside what Argon2 allows
   */
  public static Argon2Parameters argon2id(int memoryKiB, int iterations, int parallelism) {
    return new Argon2Parameters(
        Variant.ARGON2ID, VERSION_19, memoryKiB, iterations, parallelism, 16, 32);
  }

  /**
   * Measures this machine and returns Argon2id parameters that take about {@code target} per hash,
   * never below the OWASP floor: memory and parallelism are the caller's choice (memory is what
   * makes Argon2 expensive for GPUs: spend it first, within what the hashing budget divided by the
   * concurrent logins allows), and the iterations are raised until one hash takes at least the
   * target, up to 10. Memory below 7168 KiB is raised to it, and iterations to {@code ceil(35840 /
   * m)}.
   *
   * <pre>{@code
   * Argon2Parameters p = Argon2Parameters.calibrate(Duration.ofMillis(250), 65536, 1);
   * }</pre>
   *
   * <h4>Security considerations</h4>
   *
   * <p>Calibrate on the production hardware under no other load, and record the result in
   * configuration: calibrating at every start-up would make the cost vary with the load at that
   * moment.
   *
   * @param target the wanted time per hash, 10 ms to 5 s
   * @param memoryKiB the memory cost in KiB (raised to 7168 when below)
   * @param parallelism the lanes, 1 to 16
   * @return Argon2id v=19 parameters meeting the OWASP floor
   * @throws IllegalArgumentException if an argument is out of range
   */
  public static Argon2Parameters calibrate(Duration target, int memoryKiB, int parallelism) {
    return Argon2Calibration.calibrate(target, memoryKiB, parallelism);
  }

  /**
   * Returns whether these parameters are at least one of the OWASP Password Storage Cheat Sheet's
   * Argon2id options: Argon2id, v=19, memory at least 7168 KiB, memory times iterations at least
   * 35840, salt at least 16 bytes and hash at least 32 bytes.
   *
   * @return {@code true} if strong enough to create new hashes with
   */
  public boolean meetsOwaspFloor() {
    return variant == Variant.ARGON2ID
        && version == VERSION_19
        && memoryKiB >= 7168
        && (long) memoryKiB * iterations >= 35840L
        && saltLength >= 16
        && hashLength >= 32;
  }

  /**
   * Returns whether a hash made with these parameters is weaker than {@code policy} in any single
   * respect (variant, version, memory, iterations, parallelism, salt length or hash length), so it
   * should be recomputed.
   *
   * @param policy the current policy
   * @return {@code true} if any parameter is below the policy's
   */
  public boolean isBelow(Argon2Parameters policy) {
    return variant != policy.variant
        || version < policy.version
        || memoryKiB < policy.memoryKiB
        || iterations < policy.iterations
        || parallelism < policy.parallelism
        || saltLength < policy.saltLength
        || hashLength < policy.hashLength;
  }

  /**
   * Returns the PHC parameter prefix, such as {@code $argon2id$v=19$m=19456,t=2,p=1}.
   *
   * @return text for logs and diagnostics
   */
  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "$%s$v=%d$m=%d,t=%d,p=%d (salt %d, hash %d bytes)",
        variant.phcName(),
        version,
        memoryKiB,
        iterations,
        parallelism,
        saltLength,
        hashLength);
  }
}
