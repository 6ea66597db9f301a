package dev.jwtsecurity.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.jwtsecurity.token.Algorithm;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretPolicyTest {

  private static SecretAssessment assess(String s) {
    return SecretPolicy.assess(Secret.ofUtf8(s), Algorithm.HS256);
  }

  @Test
  void assess_keygenStyleSecret_accepted() {
    SecretAssessment a = assess(TestSecrets.STRONG);
    assertThat(a.accepted()).isTrue();
    assertThat(a.problems()).isEmpty();
    assertThat(a.estimatedEntropyBits()).isGreaterThanOrEqualTo(SecretPolicy.MIN_ENTROPY_BITS);
  }

  @Test
  void assess_hexOf32RandomBytes_accepted() {
    assertThat(assess(TestSecrets.hex(7, 32)).accepted()).isTrue();
  }

  @Test
  void assess_empty_refusedWithKeygenHint() {
    SecretAssessment a = assess("");
    assertThat(a.accepted()).isFalse();
    assertThat(a.problems()).anySatisfy(p -> assertThat(p).contains("jwt-security keygen"));
  }

  @Test
  void assess_shorterThanHashSize_refusedNamingTheLength() {
    String s = TestSecrets.base64url(3, 20); // 27 characters
    assertThat(assess(s).problems()).anySatisfy(p -> assertThat(p).contains("at least 32 bytes"));
  }

  @Test
  void assess_hs512WithHs256SizedSecret_refused() {
    SecretAssessment a = SecretPolicy.assess(Secret.ofUtf8(TestSecrets.STRONG), Algorithm.HS512);
    assertThat(a.accepted()).isFalse();
    assertThat(a.problems()).anySatisfy(p -> assertThat(p).contains("at least 64 bytes"));
    assertThat(
            SecretPolicy.assess(Secret.ofUtf8(TestSecrets.base64url(4, 64)), Algorithm.HS512)
                .accepted())
        .isTrue();
    assertThat(
            SecretPolicy.assess(Secret.ofUtf8(TestSecrets.base64url(5, 48)), Algorithm.HS384)
                .accepted())
        .isTrue();
  }

  @Test
  void assess_lengthCountsUtf8Bytes_notCharacters() {
    // 16 two-byte characters are 32 bytes: long enough, but still judged on entropy.
    String s = "é".repeat(16);
    assertThat(assess(s).problems()).noneSatisfy(p -> assertThat(p).contains("bytes;"));
    assertThat(assess(s).accepted()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "your-very-long-random-secret-key-here",
        "your-very-long-random-secret-key-here-your-very-long-random-secret-key-here",
        "changemechangemechangemechangemechangeme",
        "CHANGE-ME-CHANGE-ME-CHANGE-ME-CHANGE-ME-1",
        "secretsecretsecretsecretsecretsecretsecret",
        "passwordpasswordpasswordpasswordpassword1",
        "replace-me-with-a-real-key-0123456789abcdef",
        "Xk9#placeholder-value-for-production-use-2026"
      })
  void assess_knownPlaceholder_refused(String s) {
    SecretAssessment a = assess(s);
    assertThat(a.accepted()).isFalse();
    assertThat(a.problems()).anySatisfy(p -> assertThat(p).contains("placeholder"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
        "01234567890123456789012345678901234567890123456789",
        "qwertyuiopasdfghjklzxcvbnmqwertyuiopasdfghjklzxcvbnm",
        "1q2w3e4r5t6y7u8i9o0p1q2w3e4r5t6y7u8i9o0p",
        "P@ssw0rd2026!P@ssw0rd2026!P@ssw0rd2026!",
        "Correct-Horse-Battery-Staple-Correct-Horse-Battery-Staple",
        "my-company-api-signing-key-for-the-backend-service-2026",
        "The quick brown fox jumps over the lazy dog and then runs far away",
        "When in the course of human events it becomes necessary for one people to dissolve",
        "ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12",
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
      })
  void assess_lowEntropySecret_refusedWithEstimate(String s) {
    SecretAssessment a = assess(s);
    assertThat(a.accepted()).isFalse();
    assertThat(a.estimatedEntropyBits()).isLessThan(SecretPolicy.MIN_ENTROPY_BITS);
    assertThat(a.problems()).anySatisfy(p -> assertThat(p).contains("estimated entropy"));
  }

  @Test
  void assess_surroundingNewline_refused() {
    assertThat(assess(TestSecrets.STRONG + "\n").problems())
        .anySatisfy(p -> assertThat(p).contains("whitespace"));
    assertThat(assess(" " + TestSecrets.STRONG).accepted()).isFalse();
  }

  @Test
  void assess_asymmetricAlgorithm_throwsMisuse() {
    assertThatThrownBy(
            () -> SecretPolicy.assess(Secret.ofUtf8(TestSecrets.STRONG), Algorithm.RS256))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void assess_anyRefusal_neverContainsTheSecret() {
    for (String s :
        List.of(
            "your-very-long-random-secret-key-here",
            "short-Secret-value",
            "k".repeat(40),
            "Correct-Horse-Battery-Staple-Correct-Horse-Battery-Staple")) {
      SecretAssessment a = assess(s);
      assertThat(a.toString()).doesNotContain(s);
      for (String p : a.problems()) {
        assertThat(p).doesNotContain(s);
      }
    }
  }

  // --- keys made of bytes (Secret.of), not text
  // -----------------------------------------------------------------------------------------------

  private static SecretAssessment assessBytes(byte[] key, Algorithm alg) {
    return SecretPolicy.assess(Secret.of(key), alg);
  }

  @Test
  void assess_randomByteKeyThatDecodedToReplacementCharacters_accepted() {
    // Before bytes were judged as bytes, every malformed byte became U+FFFD: this key (random,
    // with three separate 0xFF bytes and a two-byte UTF-8 character) scored below the bar.
    byte[] key = TestSecrets.randomBytes(11, 32);
    key[3] = (byte) 0xff;
    key[4] = (byte) 0xff;
    key[9] = (byte) 0xff;
    key[20] = (byte) 0xc3;
    key[21] = (byte) 0xa9;
    SecretAssessment a = assessBytes(key, Algorithm.HS256);
    assertThat(a.problems()).isEmpty();
    assertThat(a.estimatedEntropyBits()).isGreaterThanOrEqualTo(SecretPolicy.MIN_ENTROPY_BITS);
  }

  @Test
  void assess_randomByteKeyStartingAndEndingInWhitespaceBytes_accepted() {
    // "Stray newline" is a text rule; a byte key may begin with 0x20 or end with 0x0a.
    byte[] key = TestSecrets.randomBytes(12, 32);
    key[0] = ' ';
    key[31] = '\n';
    key[15] = (byte) 0x80; // keeps it from being UTF-8 text whatever the random bytes are
    assertThat(assessBytes(key, Algorithm.HS256).problems()).isEmpty();
  }

  @Test
  void assess_textWithStrayNewline_stillRefusedAsText() {
    byte[] key = (TestSecrets.STRONG + "\n").getBytes(StandardCharsets.UTF_8);
    assertThat(assessBytes(key, Algorithm.HS256).problems())
        .anySatisfy(p -> assertThat(p).contains("whitespace"));
  }

  @Test
  void assess_weakByteKeys_refused() {
    byte[] zeros = new byte[32];
    byte[] counting = new byte[32];
    byte[] bits = new byte[32];
    byte[] digitValues = new byte[32];
    byte[] halfZeroPadded = Arrays.copyOf(TestSecrets.randomBytes(13, 16), 32);
    byte[] halfRepeated = new byte[32];
    byte[] wordAndJunk = new byte[40];
    byte[] sixteen = TestSecrets.randomBytes(14, 32);
    for (int i = 0; i < 32; i++) {
      counting[i] = (byte) i;
      bits[i] = (byte) (sixteen[i] & 1);
      digitValues[i] = (byte) Math.floorMod(sixteen[i], 10);
      halfRepeated[i] = sixteen[i % 16];
    }
    byte[] word = "passwordpasswordpasswordpassword".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(word, 0, wordAndJunk, 0, word.length);
    Arrays.fill(wordAndJunk, word.length, wordAndJunk.length, (byte) 0xff);
    for (byte[] key :
        List.of(zeros, counting, bits, digitValues, halfZeroPadded, halfRepeated, wordAndJunk)) {
      SecretAssessment a = assessBytes(key, Algorithm.HS256);
      assertThat(a.accepted()).as("key %s", Arrays.toString(key)).isFalse();
    }
  }

  @Test
  void assess_randomBytesBelowHashSize_refusedForLength() {
    assertThat(assessBytes(TestSecrets.randomBytes(15, 31), Algorithm.HS256).problems())
        .anySatisfy(p -> assertThat(p).contains("at least 32 bytes"));
  }

  // --- properties
  // -------------------------------------------------------------------------------------------------

  @Test
  void assess_randomBytesOfHashSize_alwaysAccepted() {
    // The property a generated binary key relies on: whatever bytes a CSPRNG gives, a key of the
    // algorithm's minimum length passes (the worst of 200,000 random 32-byte keys scored 231).
    qt().withExamples(5000)
        .forAll(longs().all(), integers().between(0, 2))
        .checkAssert(
            (seed, which) -> {
              Algorithm alg =
                  new Algorithm[] {Algorithm.HS256, Algorithm.HS384, Algorithm.HS512}[which];
              byte[] key = new byte[alg.minSecretBytes()];
              new SplittableRandom(seed).nextBytes(key);
              SecretAssessment a = assessBytes(key, alg);
              assertThat(a.problems()).as("seed %s, %s", seed, alg).isEmpty();
            });
  }

  @Test
  void assess_randomBytesLongerThanHashSize_alwaysAccepted() {
    qt().withExamples(500)
        .forAll(longs().all(), integers().between(32, 600))
        .checkAssert(
            (seed, len) -> {
              byte[] key = new byte[len];
              new SplittableRandom(seed).nextBytes(key);
              assertThat(assessBytes(key, Algorithm.HS256).problems())
                  .as("seed %s", seed)
                  .isEmpty();
            });
  }

  @Test
  void assess_shortByteUnitRepeatedToHashSize_alwaysRefused() {
    qt().withExamples(500)
        .forAll(longs().all(), integers().between(1, 16), integers().between(32, 200))
        .checkAssert(
            (seed, unit, len) -> {
              byte[] u = new byte[unit];
              new SplittableRandom(seed).nextBytes(u);
              byte[] key = new byte[len];
              for (int i = 0; i < len; i++) {
                key[i] = u[i % unit];
              }
              assertThat(assessBytes(key, Algorithm.HS256).accepted())
                  .as("seed %s", seed)
                  .isFalse();
            });
  }

  @Test
  void assess_bytesOfFiveBitsEachAtHashSize_alwaysRefused() {
    // 32 bytes each below 32 hold at most 160 bits, however random.
    qt().withExamples(500)
        .forAll(longs().all(), integers().between(1, 5))
        .checkAssert(
            (seed, bitsPerByte) -> {
              byte[] key = new byte[32];
              new SplittableRandom(seed).nextBytes(key);
              for (int i = 0; i < key.length; i++) {
                key[i] = (byte) (key[i] & ((1 << bitsPerByte) - 1));
              }
              assertThat(assessBytes(key, Algorithm.HS256).accepted())
                  .as("seed %s", seed)
                  .isFalse();
            });
  }

  @Test
  void assess_randomBase64urlOfHashSize_alwaysAccepted() {
    qt().withExamples(1000)
        .forAll(longs().all(), integers().between(0, 2))
        .checkAssert(
            (seed, which) -> {
              Algorithm alg =
                  new Algorithm[] {Algorithm.HS256, Algorithm.HS384, Algorithm.HS512}[which];
              String s = TestSecrets.base64url(seed, alg.minSecretBytes());
              assertThat(SecretPolicy.assess(Secret.ofUtf8(s), alg).accepted()).isTrue();
            });
  }

  @Test
  void assess_randomHexOf32Bytes_alwaysAccepted() {
    qt().withExamples(1000)
        .forAll(longs().all())
        .checkAssert(seed -> assertThat(assess(TestSecrets.hex(seed, 32)).accepted()).isTrue());
  }

  @Test
  void assess_shortUnitRepeatedToPadLength_alwaysRefused() {
    qt().forAll(longs().all(), integers().between(1, 10), integers().between(32, 200))
        .checkAssert(
            (seed, unit, len) -> {
              String u = TestSecrets.base64url(seed, 8).substring(0, unit);
              StringBuilder sb = new StringBuilder();
              while (sb.length() < len) {
                sb.append(u);
              }
              assertThat(assess(sb.toString()).accepted()).isFalse();
            });
  }

  @Test
  void assess_constantStepSequence_alwaysRefused() {
    qt().withExamples(300)
        .forAll(integers().between(33, 126), integers().between(-2, 2), integers().between(32, 120))
        .assuming((start, step, len) -> step != 0)
        .checkAssert(
            (start, step, len) -> {
              StringBuilder sb = new StringBuilder();
              int c = start;
              for (int i = 0; i < len; i++) {
                sb.append((char) c);
                c += step;
                if (c > 126 || c < 33) {
                  c = start; // wrap: the repeat is caught too
                }
              }
              assertThat(assess(sb.toString()).accepted()).isFalse();
            });
  }

  @Test
  void assess_fewDictionaryWordsPaddedToLength_alwaysRefused() {
    List<String> words = new ArrayList<>(new TreeSet<>(Dictionary.words()));
    qt().withExamples(300)
        .forAll(longs().all(), integers().between(1, 4), integers().between(32, 160))
        .checkAssert(
            (seed, count, len) -> {
              SplittableRandom r = new SplittableRandom(seed);
              String[] seps = {"", "-", "_", ".", " ", "!", "1", "2026"};
              StringBuilder phrase = new StringBuilder();
              for (int i = 0; i < count; i++) {
                String w = words.get(r.nextInt(words.size()));
                if (r.nextBoolean()) {
                  w = Character.toUpperCase(w.charAt(0)) + w.substring(1);
                }
                phrase.append(w).append(seps[r.nextInt(seps.length)]);
              }
              StringBuilder sb = new StringBuilder(phrase);
              String[] pads = {phrase.toString(), "!", "0", "1234567890", "x"};
              String pad = pads[r.nextInt(pads.length)];
              while (sb.length() < len) {
                sb.append(pad);
              }
              assertThat(assess(sb.toString()).accepted()).as("secret %s", sb).isFalse();
            });
  }

  @Test
  void assess_generatedWeakSecrets_neverEchoTheSecret() {
    qt().forAll(longs().all(), integers().between(8, 60))
        .checkAssert(
            (seed, len) -> {
              String s = TestSecrets.base64url(seed, 48).substring(0, len);
              for (String p : assess(s).problems()) {
                assertThat(p).doesNotContain(s);
              }
            });
  }
}
