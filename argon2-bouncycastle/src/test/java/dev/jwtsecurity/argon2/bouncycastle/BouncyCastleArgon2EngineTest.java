package dev.jwtsecurity.argon2.bouncycastle;

import static org.assertj.core.api.Assertions.assertThat;

import de.mkammerer.argon2.Argon2Advanced;
import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Version;
import dev.jwtsecurity.password.Argon2Engine;
import dev.jwtsecurity.password.Argon2Parameters;
import dev.jwtsecurity.password.PasswordHasher;
import dev.jwtsecurity.password.PasswordHashingException;
import dev.jwtsecurity.password.PasswordVerification;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class BouncyCastleArgon2EngineTest {

  private static final BouncyCastleArgon2Engine ENGINE = new BouncyCastleArgon2Engine();

  /** Cheap but valid parameters, for the hasher round trips only (never in production). */
  private static final Argon2Parameters CHEAP = Argon2Parameters.argon2id(256, 1, 1);

  private static byte[] filled(int n, int value) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) value);
    return b;
  }

  /**
   * RFC 9106 §5.1-5.3: password 32x01, salt 16x02, secret 8x03, associated data 12x04, m=32, t=3,
   * p=4, tag 32 bytes, version 0x13.
   */
  @ParameterizedTest
  @CsvSource({
    "ARGON2D, 512b391b6f1162975371d30919734294f868e3be3984f3c1a13a4db9fabe4acb",
    "ARGON2I, c814d9d1dc7f37aa13f0d77f2494bda1c8de6b016dd388d29952a4c4672b6ce8",
    "ARGON2ID, 0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659",
  })
  void compute_rfc9106Vectors_matchTag(Argon2Parameters.Variant variant, String expectedHex) {
    Argon2Parameters p = new Argon2Parameters(variant, 0x13, 32, 3, 4, 16, 32);
    byte[] tag =
        BouncyCastleArgon2Engine.compute(
            p, filled(32, 1), filled(16, 2), filled(8, 3), filled(12, 4));
    assertThat(HexFormat.of().formatHex(tag)).isEqualTo(expectedHex);
  }

  /** Made by the reference command {@code argon2} (Debian package argon2), as in core's tests. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "pw|$argon2id$v=19$m=32768,t=2,p=1$c29tZXNhbHRzYWx0$42O0Qv4XzgaXoooTQC64wO4DZUPJ9xHE6CxoYmn+qLU",
        "pässwörd|$argon2i$v=19$m=8192,t=3,p=2$c2FsdHNhbHRzYWx0$Nb5NcwKwwfmmXS+3KryoW++trU7kQW9rwRAsAd7VgjU",
        "pw|$argon2d$v=16$m=4096,t=1,p=1$c29tZXNhbHRzYWx0$l37MzM05sbw/bhhSzk0JHjfffYSVSk+g33tozHnuVyE",
        "pw|$argon2d$m=4096,t=1,p=1$c29tZXNhbHRzYWx0$l37MzM05sbw/bhhSzk0JHjfffYSVSk+g33tozHnuVyE",
        "correct horse|$argon2id$v=19$m=19456,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$rk2Mi3E4dgRMg0fHaYaptWVZRKqs//6b6k3/nntqGJk",
        "x|$argon2id$v=19$m=64,t=1,p=4$c2FsdHlzYWx0eXNhbHR5$Pq7BiIec2pkZHwaqBn5hoA",
      })
  void verify_referenceToolVectors_matchOnThisEngine(String password, String phc) {
    PasswordHasher hasher = PasswordHasher.builder().argon2Engine(ENGINE).build();
    assertThat(hasher.verify(password, phc).status()).isEqualTo(PasswordVerification.Status.MATCH);
    assertThat(hasher.verify(password + "!", phc).status())
        .isEqualTo(PasswordVerification.Status.MISMATCH);
  }

  static LongStream seeds() {
    long seed = System.nanoTime();
    System.out.println("BouncyCastleArgon2EngineTest seed base: " + seed);
    return LongStream.range(0, 40).map(i -> seed + i);
  }

  /** Every variant, both versions, random costs and lengths: the same tag as the C reference. */
  @ParameterizedTest
  @MethodSource("seeds")
  void rawHash_randomInputs_sameTagAsNativeEngine(long seed) {
    Random r = new Random(seed);
    List<Argon2Parameters.Variant> variants = List.of(Argon2Parameters.Variant.values());
    Argon2Parameters.Variant variant = variants.get(r.nextInt(variants.size()));
    int version = r.nextBoolean() ? Argon2Parameters.VERSION_19 : Argon2Parameters.VERSION_16;
    int parallelism = 1 + r.nextInt(4);
    int memory = 8 * parallelism + r.nextInt(200);
    int iterations = 1 + r.nextInt(3);
    byte[] password = new byte[1 + r.nextInt(64)];
    byte[] salt = new byte[8 + r.nextInt(25)];
    r.nextBytes(password);
    r.nextBytes(salt);
    int hashLength = 4 + r.nextInt(61);
    Argon2Parameters p =
        new Argon2Parameters(
            variant, version, memory, iterations, parallelism, salt.length, hashLength);

    byte[] expected = nativeTag(p, password, salt);
    assertThat(ENGINE.rawHash(p, password, salt)).as("seed %d, %s", seed, p).isEqualTo(expected);
  }

  @Test
  void hash_onThisEngine_verifiesOnTheNativeEngine() throws PasswordHashingException {
    PasswordHasher bc = PasswordHasher.builder().argon2Engine(ENGINE).build();
    PasswordHasher nativeHasher = PasswordHasher.builder().build();
    String phc = bc.hash("correct horse battery staple");
    assertThat(nativeHasher.verify("correct horse battery staple", phc))
        .isEqualTo(new PasswordVerification(PasswordVerification.Status.MATCH, false));
    assertThat(nativeHasher.verify("correct horse battery stapler", phc).status())
        .isEqualTo(PasswordVerification.Status.MISMATCH);
  }

  @Test
  void hash_onTheNativeEngine_verifiesOnThisEngine() throws PasswordHashingException {
    PasswordHasher bc = PasswordHasher.builder().argon2Engine(ENGINE).build();
    PasswordHasher nativeHasher = PasswordHasher.builder().build();
    String phc = nativeHasher.hash("pässwörd \u4e2d\u6587");
    assertThat(bc.verify("pässwörd \u4e2d\u6587", phc))
        .isEqualTo(new PasswordVerification(PasswordVerification.Status.MATCH, false));
    assertThat(bc.verify("passwörd \u4e2d\u6587", phc).status())
        .isEqualTo(PasswordVerification.Status.MISMATCH);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void hash_randomPasswords_roundTripBetweenEnginesBothWays(long seed)
      throws PasswordHashingException {
    Random r = new Random(seed);
    String password = randomPassword(r);
    PasswordHasher bc =
        PasswordHasher.builder().argon2Engine(ENGINE).unsafeParametersForTesting(CHEAP).build();
    PasswordHasher nativeHasher =
        PasswordHasher.builder().unsafeParametersForTesting(CHEAP).build();
    assertThat(nativeHasher.verify(password, bc.hash(password)).matches())
        .as("seed %d", seed)
        .isTrue();
    assertThat(bc.verify(password, nativeHasher.hash(password)).matches())
        .as("seed %d", seed)
        .isTrue();
  }

  /** 1 to 100 code points from ASCII up to the supplementary planes (never a lone surrogate). */
  private static String randomPassword(Random r) {
    StringBuilder b = new StringBuilder();
    int n = 1 + r.nextInt(100);
    for (int i = 0; i < n; i++) {
      int cp =
          switch (r.nextInt(3)) {
            case 0 -> 0x20 + r.nextInt(0x5F);
            case 1 -> 0xA0 + r.nextInt(0xD800 - 0xA0);
            default -> 0x10000 + r.nextInt(0x10000);
          };
      b.appendCodePoint(cp);
    }
    return b.toString();
  }

  @Test
  void hasher_limitsAndBudget_applyAsWithTheNativeEngine() {
    AtomicInteger computations = new AtomicInteger();
    Argon2Engine counting =
        (p, password, salt) -> {
          computations.incrementAndGet();
          return ENGINE.rawHash(p, password, salt);
        };
    PasswordHasher bc = PasswordHasher.builder().argon2Engine(counting).build();
    // Beyond the limits: refused without computing, whatever the engine.
    String huge =
        "$argon2id$v=19$m=4194304,t=1,p=1$c29tZXNhbHRzYWx0$42O0Qv4XzgaXoooTQC64wO4DZUPJ9xHE6CxoYmn+qLU";
    assertThat(bc.verify("pw", huge).status())
        .isEqualTo(PasswordVerification.Status.PARAMETERS_EXCEED_LIMITS);
    assertThat(computations).hasValue(0);
    // Within them the engine is the one that computes.
    assertThat(bc.verifyDummy("pw").status()).isEqualTo(PasswordVerification.Status.MISMATCH);
    assertThat(computations).hasValue(1);
    // The budget bounds concurrency the same way: 256 MiB / 19 MiB.
    assertThat(bc.maxConcurrentHashes())
        .isEqualTo(PasswordHasher.builder().build().maxConcurrentHashes());
  }

  private static byte[] nativeTag(Argon2Parameters p, byte[] password, byte[] salt) {
    Argon2Advanced argon2 =
        Argon2Factory.createAdvanced(
            switch (p.variant()) {
              case ARGON2D -> Argon2Factory.Argon2Types.ARGON2d;
              case ARGON2I -> Argon2Factory.Argon2Types.ARGON2i;
              case ARGON2ID -> Argon2Factory.Argon2Types.ARGON2id;
            });
    return argon2.rawHashAdvanced(
        p.iterations(),
        p.memoryKiB(),
        p.parallelism(),
        password,
        salt,
        null,
        null,
        p.hashLength(),
        p.version() == Argon2Parameters.VERSION_19 ? Argon2Version.V13 : Argon2Version.V10);
  }
}
