package dev.jwtsecurity.password;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.LongStream;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Hashes of earlier systems: Django's and Spring Security's own test vectors and encoders, RFC
 * vectors for the key-derivation functions, the formats never verified, the floors and caps, and
 * random passwords against a reference built from the JDK's {@code SecretKeyFactory}.
 */
class PasswordMigrationTest {

  private static final PasswordVerification MATCH_REHASH =
      new PasswordVerification(PasswordVerification.Status.MATCH, true);

  private final PasswordHasher hasher = TestHashers.cheap().build();

  // --- Fixed vectors --------------------------------------------------------------------------

  /** Django's own test suite (tests/auth_tests/test_hashers.py), password "lètmein". */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "pbkdf2_sha256$600000$seasalt$OAXyhAQ/4ZDA9V5RMExt3C1OwQdUpLZ99vm1McFlLRA=",
        "pbkdf2_sha256$600000$seasalt2$OSllgFdJjYQjb0RfMzrx8u0XYl4Fkt+wKpI1yq4lZlo=",
        "pbkdf2_sha256$1500000$seasalt$P4UiMPVduVWIL/oS1GzH+IofsccjJNM5hUTikBvi5to=",
        "pbkdf2_sha1$600000$seasalt2$2CLsaL1MZhq6JOG6QOHtVbiopHE=",
        "scrypt$16384$seasalt$8$1$Qj3+9PPyRjSJIebHnG81TMjsqtaIGxNQG/aEB/NYafTJ7tibgfYz71m0ldQESkXFRkdVCBhhY8mx7rQwite/Pw==",
      })
  void verify_djangoVectors_matchAndNeedRehash(String stored) {
    assertThat(hasher.verify("lètmein", stored)).isEqualTo(MATCH_REHASH);
    assertThat(hasher.verify("lètmeinz", stored).status())
        .isEqualTo(PasswordVerification.Status.MISMATCH);
    assertThat(hasher.needsRehash(stored)).isTrue();
  }

  /** Django's argon2 hasher writes "argon2" before the PHC string; password "secret". */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "argon2$argon2i$m=8,t=1,p=1$c29tZXNhbHQ$gwQOXSNhxiOxPOA0+PY10P9QFO4NAYysnqRt1GSQLE55m+2GYDt9FEjPMHhP2Cuf0nOEXXMocVrsJAtNSsKyfg",
        "argon2$argon2i$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$YC9+jJCrQhs5R6db7LlN8Q",
      })
  void verify_djangoArgon2Vectors_matchAndNeedRehash(String stored) {
    assertThat(hasher.verify("secret", stored)).isEqualTo(MATCH_REHASH);
    assertThat(hasher.verify("wrong", stored).status())
        .isEqualTo(PasswordVerification.Status.MISMATCH);
  }

  /**
   * Spring Security's own passivity vector (Pbkdf2PasswordEncoderTests): {@code new
   * Pbkdf2PasswordEncoder("secret")}, whose defaults were those of {@link SpringPbkdf2#V5_5}.
   */
  @Test
  void verify_springPbkdf2PassivityVectorWithSecret_matches() {
    String stored =
        "{pbkdf2}ab1146a8458d4ce4e65789e5a3f60e423373cfa10b01abd23739e5ae2fdc37f8e9ede4ae6da65264";
    PasswordHasher withSecret =
        TestHashers.cheap()
            .migration(
                PasswordMigration.builder()
                    .springPbkdf2Secret("secret".getBytes(StandardCharsets.UTF_8))
                    .build())
            .build();
    assertThat(withSecret.verify("password", stored)).isEqualTo(MATCH_REHASH);
    // Without the secret it is another key: no match.
    assertThat(hasher.verify("password", stored).status())
        .isEqualTo(PasswordVerification.Status.MISMATCH);
  }

  /**
   * Every id of Spring's {@code createDelegatingPasswordEncoder()} that a hash may be upgraded
   * from.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "bcrypt",
        "pbkdf2",
        "pbkdf2@SpringSecurity_v5_8",
        "scrypt",
        "scrypt@SpringSecurity_v5_8",
        "argon2",
        "argon2@SpringSecurity_v5_8"
      })
  void verify_springDelegatingEncoderHashes_matchAndNeedRehash(String id) {
    PasswordEncoder spring = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    String stored = "{" + id + "}" + encoderFor(id).encode("pässword \u4e2d");
    assertThat(spring.matches("pässword \u4e2d", stored)).isTrue(); // the reference agrees
    // At the default parameters: Spring's Argon2 defaults (m=4096 and m=16384) are below them.
    PasswordHasher verifier = id.startsWith("argon2") ? PasswordHasher.builder().build() : hasher;
    assertThat(verifier.verify("pässword \u4e2d", stored)).isEqualTo(MATCH_REHASH);
    assertThat(verifier.verify("password \u4e2d", stored).status())
        .isEqualTo(PasswordVerification.Status.MISMATCH);
  }

  @SuppressWarnings(
      "deprecation") // Spring's older defaults are exactly what old hashes were made with
  private static PasswordEncoder encoderFor(String id) {
    // The delegating encoder writes only its default id; each id's encoder, as Spring maps it.
    return switch (id) {
      case "bcrypt" -> new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder();
      case "pbkdf2" ->
          org.springframework.security.crypto.password.Pbkdf2PasswordEncoder
              .defaultsForSpringSecurity_v5_5();
      case "pbkdf2@SpringSecurity_v5_8" ->
          org.springframework.security.crypto.password.Pbkdf2PasswordEncoder
              .defaultsForSpringSecurity_v5_8();
      case "scrypt" ->
          org.springframework.security.crypto.scrypt.SCryptPasswordEncoder
              .defaultsForSpringSecurity_v4_1();
      case "scrypt@SpringSecurity_v5_8" ->
          org.springframework.security.crypto.scrypt.SCryptPasswordEncoder
              .defaultsForSpringSecurity_v5_8();
      case "argon2" ->
          org.springframework.security.crypto.argon2.Argon2PasswordEncoder
              .defaultsForSpringSecurity_v5_2();
      case "argon2@SpringSecurity_v5_8" ->
          org.springframework.security.crypto.argon2.Argon2PasswordEncoder
              .defaultsForSpringSecurity_v5_8();
      default -> throw new IllegalArgumentException(id);
    };
  }

  @Test
  @SuppressWarnings("deprecation") // Spring 4.1's defaults, as in old databases
  void verify_springScryptWithoutId_matches() {
    String stored =
        org.springframework.security.crypto.scrypt.SCryptPasswordEncoder
            .defaultsForSpringSecurity_v4_1()
            .encode("pw");
    assertThat(stored).startsWith("$e0801$");
    assertThat(hasher.verify("pw", stored)).isEqualTo(MATCH_REHASH);
  }

  /** RFC 7914 §12 (scrypt) and §11 (PBKDF2-HMAC-SHA256). */
  @ParameterizedTest
  @CsvSource({
    "'', '', 16, 1, 1,"
        + " 77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906",
    "password, NaCl, 1024, 8, 16,"
        + " fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640",
    "pleaseletmein, SodiumChloride, 16384, 8, 1,"
        + " 7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887",
  })
  void scrypt_rfc7914Vectors_matchDerivedKey(String p, String s, int n, int r, int par, String dk) {
    byte[] out =
        LegacyKdf.scrypt(
            p.getBytes(StandardCharsets.US_ASCII),
            s.getBytes(StandardCharsets.US_ASCII),
            n,
            r,
            par,
            64);
    assertThat(HexFormat.of().formatHex(out)).isEqualTo(dk);
  }

  @Test
  void pbkdf2_rfc7914Vectors_matchDerivedKey() {
    assertThat(
            HexFormat.of()
                .formatHex(
                    LegacyKdf.pbkdf2(
                        SpringPbkdf2.Prf.HMAC_SHA256, ascii("passwd"), ascii("salt"), 1, 64)))
        .isEqualTo(
            "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783");
    assertThat(
            HexFormat.of()
                .formatHex(
                    LegacyKdf.pbkdf2(
                        SpringPbkdf2.Prf.HMAC_SHA256, ascii("Password"), ascii("NaCl"), 80000, 64)))
        .isEqualTo(
            "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d");
  }

  // --- Never verified ---------------------------------------------------------------------------

  /**
   * Fast or unsalted digests: Django's own vectors for md5, sha1, unsalted md5/sha1 and crypt (all
   * of "lètmein" or "lètmei"), Spring's {@code {id}}s of its digest encoders, LDAP's, md5crypt and
   * bare hex digests.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "md5$seasalt$3f86d0d3d465b7b458c231bf3555c0e3",
        "sha1$seasalt$cff36ea83f5706ce9aa7454e63e431fc726b2dc8",
        "88a434c88cca4e900f7874cd98123f43",
        "md5$$88a434c88cca4e900f7874cd98123f43",
        "sha1$$6d138ca3ae545631b3abd71a4f076ce759c5700b",
        "crypt$$ab1Hv2Lg7ltQo",
        "{noop}lètmein",
        "{MD5}{salt}5f4dcc3b5aa765d61d8327deb882cf99",
        "{MD4}8a9d093f14f8701df17732b2bb182c74",
        "{SHA-1}5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8",
        "{SHA-256}5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8",
        "{sha256}97cde38028ad898ebc02e690819fa220e88c62e0699403e94fff291cfffaf8410849f27605abcbc0",
        "{ldap}{SSHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=",
        "{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=",
        "{SSHA512}abcd",
        "$1$saltsalt$qjXMvbEw8oaL.CzflDugX/",
        "5f4dcc3b5aa765d61d8327deb882cf99",
        "5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8",
        "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8",
        "B109F3BBBC244EB82441917ED06D618B9008DD09B3BEFD1B5E07394C706A8BB980B1D7785E5976EC049B46DF5F1326AF5A2EA6D103FD07C95385FFAB0CACBC86",
      })
  void verify_fastOrUnsaltedDigests_insecureWithoutComputing(String stored) {
    PasswordVerification v = hasher.verify("lètmein", stored);
    assertThat(v.status()).isEqualTo(PasswordVerification.Status.INSECURE_SCHEME);
    assertThat(hasher.hashComputations()).isZero();
    // Even with every floor lowered: no option makes them verify.
    PasswordHasher lenient =
        TestHashers.cheap()
            .migration(
                PasswordMigration.builder()
                    .unsafeMinPbkdf2Iterations(1)
                    .unsafeMinScryptMemoryKiB(1)
                    .unsafeMinBcryptCost(4)
                    .build())
            .build();
    assertThat(lenient.verify("lètmein", stored).status())
        .isEqualTo(PasswordVerification.Status.INSECURE_SCHEME);
  }

  @Test
  void verify_springDigestEncoders_insecure() {
    for (String id : new String[] {"noop", "MD4", "MD5", "SHA-1", "SHA-256", "sha256", "ldap"}) {
      PasswordEncoder spring = PasswordEncoderFactories.createDelegatingPasswordEncoder();
      String stored = "{" + id + "}" + digestEncoderFor(id).encode("password");
      assertThat(spring.matches("password", stored)).as(id).isTrue();
      assertThat(hasher.verify("password", stored).status())
          .as(id)
          .isEqualTo(PasswordVerification.Status.INSECURE_SCHEME);
    }
    assertThat(hasher.hashComputations()).isZero();
  }

  @SuppressWarnings(
      "deprecation") // Spring's digest encoders, deprecated by Spring for the same reason
  private static PasswordEncoder digestEncoderFor(String id) {
    return switch (id) {
      case "noop" -> org.springframework.security.crypto.password.NoOpPasswordEncoder.getInstance();
      case "MD4" -> new org.springframework.security.crypto.password.Md4PasswordEncoder();
      case "sha256" -> new org.springframework.security.crypto.password.StandardPasswordEncoder();
      case "ldap" -> new org.springframework.security.crypto.password.LdapShaPasswordEncoder();
      default -> new org.springframework.security.crypto.password.MessageDigestPasswordEncoder(id);
    };
  }

  // --- Floors, caps, malformed -----------------------------------------------------------------

  @Test
  void verify_belowTheFloors_refusedWithoutComputing_unlessLoweredByName() throws Exception {
    byte[] pw = ascii("pw");
    String pbkdf2 = django("pw", "salty", 36_000); // Django 1.11's default
    String scrypt = springScrypt(pw, ascii("0123456789abcdef"), 10, 8, 1); // N=1024: 1 MiB
    String bcrypt = BCrypt.withDefaults().hashToString(4, "pw".toCharArray());
    for (String stored : new String[] {pbkdf2, scrypt, bcrypt}) {
      assertThat(hasher.verify("pw", stored).status())
          .as(stored)
          .isEqualTo(PasswordVerification.Status.PARAMETERS_BELOW_FLOOR);
    }
    assertThat(hasher.hashComputations()).isZero();

    PasswordHasher lowered =
        TestHashers.cheap()
            .migration(
                PasswordMigration.builder()
                    .unsafeMinPbkdf2Iterations(10_000)
                    .unsafeMinScryptMemoryKiB(1024)
                    .unsafeMinBcryptCost(4)
                    .build())
            .build();
    for (String stored : new String[] {pbkdf2, scrypt, bcrypt}) {
      assertThat(lowered.verify("pw", stored)).as(stored).isEqualTo(MATCH_REHASH);
    }
  }

  @Test
  void verify_beyondTheCaps_refusedWithoutComputing() {
    String[] tooCostly = {
      "pbkdf2_sha256$2000001$seasalt$OAXyhAQ/4ZDA9V5RMExt3C1OwQdUpLZ99vm1McFlLRA=",
      // N=2^20, r=8: 1 GiB, beyond HashLimits.maxMemoryKiB
      "scrypt$1048576$seasalt$8$1$Qj3+9PPyRjSJIebHnG81TMjsqtaIGxNQG/aEB/NYafTJ7tibgfYz71m0ldQESkXFRkdVCBhhY8mx7rQwite/Pw==",
      // p=16 beyond the parallelism cap
      "scrypt$16384$seasalt$8$16$Qj3+9PPyRjSJIebHnG81TMjsqtaIGxNQG/aEB/NYafTJ7tibgfYz71m0ldQESkXFRkdVCBhhY8mx7rQwite/Pw==",
      "{bcrypt}"
          + BCrypt.withDefaults().hashToString(4, "pw".toCharArray()).replace("$04$", "$20$"),
    };
    for (String stored : tooCostly) {
      assertThat(hasher.verify("lètmein", stored).status())
          .as(stored)
          .isEqualTo(PasswordVerification.Status.PARAMETERS_EXCEED_LIMITS);
    }
    assertThat(hasher.hashComputations()).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "pbkdf2_sha256$600000$seasalt$OAXyhAQ/4ZDA9V5RMExt3C1OwQdUpLZ99vm1McFlLR=",
        "pbkdf2_sha256$600000$seasalt$OAXyhAQ/4ZDA9V5RMExt3C1OwQdUpLZ99vm1McFlLRA",
        "pbkdf2_sha256$0600000$seasalt$OAXyhAQ/4ZDA9V5RMExt3C1OwQdUpLZ99vm1McFlLRA=",
        "pbkdf2_sha256$600000$$OAXyhAQ/4ZDA9V5RMExt3C1OwQdUpLZ99vm1McFlLRA=",
        "pbkdf2_sha256$600000$seasalt$2CLsaL1MZhq6JOG6QOHtVbiopHE=",
        "pbkdf2_sha256$600000$sea salt$OAXyhAQ/4ZDA9V5RMExt3C1OwQdUpLZ99vm1McFlLRA=",
        "pbkdf2_sha256$600000$seasalt$OAXyhAQ/4ZDA9V5RMExt3C1OwQdUpLZ99vm1McFlLRA=$",
        "scrypt$16383$seasalt$8$1$Qj3+9PPyRjSJIebHnG81TMjsqtaIGxNQG/aEB/NYafTJ7tibgfYz71m0ldQESkXFRkdVCBhhY8mx7rQwite/Pw==",
        "scrypt$16384$seasalt$0$1$Qj3+9PPyRjSJIebHnG81TMjsqtaIGxNQG/aEB/NYafTJ7tibgfYz71m0ldQESkXFRkdVCBhhY8mx7rQwite/Pw==",
        "scrypt$16384$seasalt$8$1",
        "{pbkdf2}ab1146a8458d4ce4e65789e5a3f60e423373cfa10b01abd23739e5ae2fdc37f8e9ede4ae6da652",
        "{pbkdf2}zz1146a8458d4ce4e65789e5a3f60e423373cfa10b01abd23739e5ae2fdc37f8e9ede4ae6da65264",
        "{bcrypt}not-bcrypt",
        "{argon2}$2a$10$abcdefghijklmnopqrstuvabcdefghijklmnopqrstuvwxyz01234",
        "{scrypt}$e0801$c2FsdA$",
        "{}",
        "{bcrypt",
        "$e0801$not base64$c2FsdA==",
      })
  void verify_malformedMigrationHashes_malformedWithoutComputing(String stored) {
    assertThat(hasher.verify("lètmein", stored).status())
        .isEqualTo(PasswordVerification.Status.MALFORMED_HASH);
    assertThat(hasher.hashComputations()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"{unknown}abc", "{bcrypt-sha256}x", "bcrypt_sha256$$2b$12$abc", "x$y"})
  void verify_unknownSchemes_unsupported(String stored) {
    assertThat(hasher.verify("pw", stored).status())
        .isEqualTo(PasswordVerification.Status.UNSUPPORTED_SCHEME);
  }

  @Test
  void verify_customSpringPbkdf2Format_usesTheConfiguredSettings() throws Exception {
    // new Pbkdf2PasswordEncoder("", 16, 100000, PBKDF2WithHmacSHA512) with base64 output
    var spring =
        new org.springframework.security.crypto.password.Pbkdf2PasswordEncoder(
            "",
            16,
            100_000,
            org.springframework.security.crypto.password.Pbkdf2PasswordEncoder
                .SecretKeyFactoryAlgorithm.PBKDF2WithHmacSHA512);
    spring.setEncodeHashAsBase64(true);
    String stored = "{pbkdf2}" + spring.encode("pw");
    PasswordHasher configured =
        TestHashers.cheap()
            .migration(
                PasswordMigration.builder()
                    .springPbkdf2(
                        new SpringPbkdf2(SpringPbkdf2.Prf.HMAC_SHA512, 100_000, 16, 64, true))
                    .build())
            .build();
    assertThat(configured.verify("pw", stored)).isEqualTo(MATCH_REHASH);
    // With Spring's default settings for {pbkdf2} the same text is not even well-formed.
    assertThat(hasher.verify("pw", stored).status())
        .isEqualTo(PasswordVerification.Status.MALFORMED_HASH);
  }

  // --- Properties over random passwords ---------------------------------------------------------

  static LongStream seeds() {
    long seed = System.nanoTime();
    System.out.println("PasswordMigrationTest seed base: " + seed);
    return LongStream.range(0, 25).map(i -> seed + i);
  }

  /**
   * Random passwords and salts, hashed by a reference PBKDF2 from the JDK's {@code
   * SecretKeyFactory}, written in Django's and Spring's formats: each verifies, a changed password
   * does not.
   */
  @ParameterizedTest
  @MethodSource("seeds")
  void verify_randomPasswordsThroughJdkReference_matchInEveryPbkdf2Format(long seed)
      throws Exception {
    Random r = new Random(seed);
    String password = randomPassword(r);
    SpringPbkdf2.Prf prf = java.util.List.of(SpringPbkdf2.Prf.values()).get(r.nextInt(3));
    int iterations = 1_000 + r.nextInt(2_000);
    PasswordHasher lowered =
        TestHashers.cheap()
            .migration(PasswordMigration.builder().unsafeMinPbkdf2Iterations(1_000).build())
            .build();

    String salt = Long.toString(r.nextLong() & Long.MAX_VALUE, 36);
    if (prf != SpringPbkdf2.Prf.HMAC_SHA512) { // Django has no pbkdf2_sha512
      byte[] dk = jdkPbkdf2(prf, password, ascii(salt), iterations, prf.outputLength());
      String django =
          (prf == SpringPbkdf2.Prf.HMAC_SHA1 ? "pbkdf2_sha1$" : "pbkdf2_sha256$")
              + iterations
              + "$"
              + salt
              + "$"
              + Base64.getEncoder().encodeToString(dk);
      assertThat(lowered.verify(password, django))
          .as("seed %d %s", seed, django)
          .isEqualTo(MATCH_REHASH);
      assertThat(lowered.verify(password + "x", django).matches()).as("seed %d", seed).isFalse();
    }

    byte[] springSalt = new byte[8 + r.nextInt(9)];
    r.nextBytes(springSalt);
    int hashLength = 16 + r.nextInt(49);
    boolean base64 = r.nextBoolean();
    byte[] dk = jdkPbkdf2(prf, password, springSalt, iterations, hashLength);
    byte[] both = new byte[springSalt.length + dk.length];
    System.arraycopy(springSalt, 0, both, 0, springSalt.length);
    System.arraycopy(dk, 0, both, springSalt.length, dk.length);
    String spring =
        "{pbkdf2}"
            + (base64 ? Base64.getEncoder().encodeToString(both) : HexFormat.of().formatHex(both));
    PasswordHasher configured =
        TestHashers.cheap()
            .migration(
                PasswordMigration.builder()
                    .unsafeMinPbkdf2Iterations(1_000)
                    .springPbkdf2(
                        new SpringPbkdf2(prf, iterations, springSalt.length, hashLength, base64))
                    .build())
            .build();
    assertThat(configured.verify(password, spring))
        .as("seed %d %s", seed, spring)
        .isEqualTo(MATCH_REHASH);
    assertThat(configured.verify(password.substring(1) + "!", spring).matches())
        .as("seed %d", seed)
        .isFalse();
  }

  /** Random passwords through Bouncy Castle's scrypt (the reference), in Django's format. */
  @ParameterizedTest
  @MethodSource("seeds")
  void verify_randomPasswordsThroughBouncyCastleScrypt_match(long seed) {
    Random r = new Random(seed);
    String password = randomPassword(r);
    int n = 1 << (4 + r.nextInt(6));
    int blockSize = 1 + r.nextInt(8);
    int p = 1 + r.nextInt(3);
    String salt = Long.toString(r.nextLong() & Long.MAX_VALUE, 36);
    byte[] dk =
        org.bouncycastle.crypto.generators.SCrypt.generate(
            password.getBytes(StandardCharsets.UTF_8), ascii(salt), n, blockSize, p, 64);
    String django =
        "scrypt$"
            + n
            + "$"
            + salt
            + "$"
            + blockSize
            + "$"
            + p
            + "$"
            + Base64.getEncoder().encodeToString(dk);
    PasswordHasher lowered =
        TestHashers.cheap()
            .migration(PasswordMigration.builder().unsafeMinScryptMemoryKiB(1).build())
            .build();
    assertThat(lowered.verify(password, django))
        .as("seed %d %s", seed, django)
        .isEqualTo(MATCH_REHASH);
    assertThat(lowered.verify(password + " ", django).matches()).as("seed %d", seed).isFalse();
  }

  // --- Helpers
  // ------------------------------------------------------------------------------------

  private static String randomPassword(Random r) {
    StringBuilder b = new StringBuilder();
    int length = 1 + r.nextInt(40);
    for (int i = 0; i < length; i++) {
      int kind = r.nextInt(4);
      b.append(
          switch (kind) {
            case 0 -> (char) ('a' + r.nextInt(26));
            case 1 -> (char) (0x20 + r.nextInt(95));
            case 2 -> (char) (0xa0 + r.nextInt(0x500));
            default -> (char) (0x4e00 + r.nextInt(0x5000));
          });
    }
    return b.toString();
  }

  /** The reference: the JDK's own PBKDF2 (which encodes the password chars as UTF-8). */
  private static byte[] jdkPbkdf2(
      SpringPbkdf2.Prf prf, String password, byte[] salt, int iterations, int length)
      throws GeneralSecurityException {
    String algorithm = "PBKDF2With" + prf.jcaName();
    PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, length * 8);
    try {
      return SecretKeyFactory.getInstance(algorithm).generateSecret(spec).getEncoded();
    } finally {
      spec.clearPassword();
    }
  }

  private static String django(String password, String salt, int iterations)
      throws GeneralSecurityException {
    byte[] dk = jdkPbkdf2(SpringPbkdf2.Prf.HMAC_SHA256, password, ascii(salt), iterations, 32);
    return "pbkdf2_sha256$"
        + iterations
        + "$"
        + salt
        + "$"
        + Base64.getEncoder().encodeToString(dk);
  }

  private static String springScrypt(byte[] pw, byte[] salt, int logN, int r, int p) {
    byte[] dk = org.bouncycastle.crypto.generators.SCrypt.generate(pw, salt, 1 << logN, r, p, 32);
    return "$"
        + Long.toHexString(((long) logN << 16) | (long) r << 8 | p)
        + "$"
        + Base64.getEncoder().encodeToString(salt)
        + "$"
        + Base64.getEncoder().encodeToString(dk);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
