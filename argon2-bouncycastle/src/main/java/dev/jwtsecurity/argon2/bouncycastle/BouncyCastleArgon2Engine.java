package dev.jwtsecurity.argon2.bouncycastle;

import dev.jwtsecurity.password.Argon2Engine;
import dev.jwtsecurity.password.Argon2Parameters;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;

/**
 * Argon2 in pure Java (Bouncy Castle's {@code Argon2BytesGenerator}): the {@link Argon2Engine} for
 * applications that cannot load a native library or take argon2-jvm's LGPL-3.0 licence. It writes
 * and verifies the same PHC strings as the default native engine.
 *
 * <pre>{@code
 * PasswordHasher hasher = PasswordHasher.builder().argon2Engine(new BouncyCastleArgon2Engine()).build();
 * }</pre>
 *
 * <p>Chosen explicitly as above, or found by itself: it is registered as a {@link
 * java.util.ServiceLoader} provider, and a hasher uses it when argon2-jvm is not on the class path
 * (exclude {@code de.mkammerer:argon2-jvm} and {@code net.java.dev.jna:jna} from {@code
 * jwt-security-core}) or its native library does not load.
 *
 * <h2>Security considerations</h2>
 *
 * <ul>
 *   <li><b>Same hashes.</b> Tested against RFC 9106's vectors and against the native engine in both
 *       directions, for every variant and both versions.
 *   <li><b>Slower.</b> About 1.5 times the native engine's CPU time at the default parameters (the
 *       README gives the measurement): size the parameters with {@code Argon2Calibration} running
 *       on this engine, or interactive logins take longer than planned. Lanes are computed one
 *       after another, so parallelism above 1 adds time instead of using cores.
 *   <li><b>Heap, not native memory.</b> The m KiB block of each computation lives on the Java heap
 *       (and is cleared before it is dropped), so the hasher's memory budget (256 MiB by default)
 *       is heap the JVM must have on top of the application's: size {@code -Xmx} for it.
 * </ul>
 */
public final class BouncyCastleArgon2Engine implements Argon2Engine {

  /** Creates the engine; it holds no state, so one instance serves every hasher. */
  public BouncyCastleArgon2Engine() {}

  @Override
  public byte[] rawHash(Argon2Parameters parameters, byte[] password, byte[] salt) {
    return compute(parameters, password, salt, null, null);
  }

  /** With RFC 9106's secret and associated data, which only the known-answer tests use. */
  static byte[] compute(
      Argon2Parameters p, byte[] password, byte[] salt, byte[] secret, byte[] associatedData) {
    org.bouncycastle.crypto.params.Argon2Parameters.Builder b =
        new org.bouncycastle.crypto.params.Argon2Parameters.Builder(type(p.variant()))
            .withVersion(
                p.version() == Argon2Parameters.VERSION_19
                    ? org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_VERSION_13
                    : org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_VERSION_10)
            .withMemoryAsKB(p.memoryKiB())
            .withIterations(p.iterations())
            .withParallelism(p.parallelism())
            .withSalt(salt);
    if (secret != null) {
      b.withSecret(secret);
    }
    if (associatedData != null) {
      b.withAdditional(associatedData);
    }
    org.bouncycastle.crypto.params.Argon2Parameters params = b.build();
    try {
      Argon2BytesGenerator generator = new Argon2BytesGenerator();
      generator.init(params);
      byte[] tag = new byte[p.hashLength()];
      // Clears its memory blocks when done.
      generator.generateBytes(password, tag);
      return tag;
    } finally {
      params.clear(); // the builder's copies of salt, secret and associated data
    }
  }

  private static int type(Argon2Parameters.Variant variant) {
    return switch (variant) {
      case ARGON2D -> org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_d;
      case ARGON2I -> org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_i;
      case ARGON2ID -> org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_id;
    };
  }

  @Override
  public String toString() {
    return "BouncyCastleArgon2Engine";
  }
}
