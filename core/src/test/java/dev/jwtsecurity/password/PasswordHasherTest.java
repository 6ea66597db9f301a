package dev.jwtsecurity.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHasherTest {

  private final CountingEngine engine = new CountingEngine();
  private final PasswordHasher hasher = TestHashers.cheap().engine(engine).build();

  @Test
  void hash_default_isArgon2idPhcWithOwaspParameters() throws Exception {
    PasswordHasher real = PasswordHasher.builder().build();
    String phc = real.hash(CharBuffer.wrap("correct horse battery staple".toCharArray()));
    assertThat(phc)
        .matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    assertThat(real.verify(CharBuffer.wrap("correct horse battery staple".toCharArray()), phc))
        .isEqualTo(new PasswordVerification(PasswordVerification.Status.MATCH, false));
    assertThat(real.needsRehash(phc)).isFalse();
    assertThat(real.maxConcurrentHashes()).isEqualTo(13);
  }

  @Test
  void hash_thenVerify_roundTripsForGeneratedPasswords() {
    qt().withExamples(40)
        .forAll(strings().allPossible().ofLengthBetween(1, 40))
        .check(
            pw -> {
              try {
                return hasher.verify(pw, hasher.hash(pw)).matches();
              } catch (PasswordHashingException e) {
                return false;
              }
            });
  }

  @Test
  void verify_changedPassword_neverMatches() {
    qt().withExamples(40)
        .forAll(
            strings().basicLatinAlphabet().ofLengthBetween(1, 20),
            integers().between(0, 19),
            integers().between(1, 94))
        .check(
            (pw, pos, delta) -> {
              char[] changed = pw.toCharArray();
              int i = pos % changed.length;
              changed[i] = (char) (' ' + ((changed[i] - ' ' + delta) % 95));
              try {
                return !hasher.verify(CharBuffer.wrap(changed), hasher.hash(pw)).matches();
              } catch (PasswordHashingException e) {
                return false;
              }
            });
  }

  @Test
  void hash_samePasswordTwice_differentSalts() throws Exception {
    assertThat(hasher.hash("pw")).isNotEqualTo(hasher.hash("pw"));
  }

  @Test
  void verify_nfcVersusNfd_differentPasswordsBecauseNotNormalised() throws Exception {
    String nfc = Normalizer.normalize("Amélie", Normalizer.Form.NFC);
    String nfd = Normalizer.normalize("Amélie", Normalizer.Form.NFD);
    String phc = hasher.hash(nfc);
    assertThat(hasher.verify(CharBuffer.wrap(nfc.toCharArray()), phc).matches()).isTrue();
    assertThat(hasher.verify(nfd, phc).status()).isEqualTo(PasswordVerification.Status.MISMATCH);
  }

  @Test
  void verify_unicodePasswords_stringsAndWrappedCharsAgree() throws Exception {
    for (String pw : new String[] {"пароль", "密码密码", "\ud83d\udd11 key", "ｆｕｌｌｗｉｄｔｈ"}) {
      String phc = hasher.hash(CharBuffer.wrap(pw.toCharArray()));
      assertThat(hasher.verify(pw, phc).matches()).isTrue();
      assertThat(PasswordBytes.utf8(CharBuffer.wrap(pw.toCharArray())))
          .isEqualTo(pw.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void hash_emptyOrOverlong_refusedWithoutComputing() {
    assertThatThrownBy(() -> hasher.hash(CharBuffer.wrap(new char[0])))
        .isInstanceOfSatisfying(
            PasswordHashingException.class,
            e -> assertThat(e.reason()).isEqualTo(PasswordHashingException.Reason.EMPTY));
    assertThatThrownBy(() -> hasher.hash("x".repeat(PasswordHasher.MAX_PASSWORD_CODE_POINTS + 1)))
        .isInstanceOfSatisfying(
            PasswordHashingException.class,
            e -> assertThat(e.reason()).isEqualTo(PasswordHashingException.Reason.TOO_LONG));
    assertThat(engine.total()).isZero();
  }

  @Test
  void hash_maximumLength_accepted() throws Exception {
    String max = "é".repeat(PasswordHasher.MAX_PASSWORD_CODE_POINTS);
    assertThat(hasher.verify(max, hasher.hash(max)).matches()).isTrue();
  }

  @Test
  void hash_longestEmojiPassword_isCountedInCodePointsAndAccepted() throws Exception {
    String emoji = new String(Character.toChars(0x1F600)); // one code point, two chars, 4 bytes
    String max = emoji.repeat(PasswordHasher.MAX_PASSWORD_CODE_POINTS);
    assertThat(PasswordHasher.length(max)).isEqualTo(PasswordHasher.MAX_PASSWORD_CODE_POINTS);
    assertThat(hasher.verify(max, hasher.hash(max)).matches()).isTrue();
  }

  @Test
  void hashAndVerify_oneEmojiTooMany_refusedAsTooLongWithoutComputing() throws Exception {
    String phc = hasher.hash("pw");
    int before = engine.total();
    String over =
        new String(Character.toChars(0x1F600)).repeat(PasswordHasher.MAX_PASSWORD_CODE_POINTS + 1);
    assertThatThrownBy(() -> hasher.hash(over))
        .isInstanceOfSatisfying(
            PasswordHashingException.class,
            e -> assertThat(e.reason()).isEqualTo(PasswordHashingException.Reason.TOO_LONG));
    assertThat(hasher.verify(over, phc).status())
        .isEqualTo(PasswordVerification.Status.PASSWORD_TOO_LONG);
    assertThat(hasher.verifyDummy(over).status())
        .isEqualTo(PasswordVerification.Status.PASSWORD_TOO_LONG);
    assertThat(engine.total()).isEqualTo(before);
  }

  @Test
  void length_seededRandomText_isTheCodePointCount() {
    long seed = new java.util.Random().nextLong();
    System.out.println("length_seededRandomText_isTheCodePointCount seed=" + seed);
    java.util.Random r = new java.util.Random(seed);
    for (int n = 0; n < 2_000; n++) {
      StringBuilder b = new StringBuilder();
      int len = r.nextInt(2 * PasswordHasher.MAX_PASSWORD_CODE_POINTS + 10);
      for (int k = 0; k < len; k++) {
        b.appendCodePoint(r.nextBoolean() ? 0x1F600 + r.nextInt(64) : 'a' + r.nextInt(26));
      }
      int expected = b.codePointCount(0, b.length());
      assertThat(PasswordHasher.length(b))
          .as("seed %d", seed)
          .isEqualTo(Math.min(expected, PasswordHasher.MAX_PASSWORD_CODE_POINTS + 1));
    }
  }

  @Test
  void verify_emptyOrOverlong_refusedWithoutComputing() throws Exception {
    String phc = hasher.hash("pw");
    int before = engine.total();
    assertThat(hasher.verify("", phc).status())
        .isEqualTo(PasswordVerification.Status.PASSWORD_EMPTY);
    assertThat(
            hasher
                .verify(CharBuffer.wrap(new char[PasswordHasher.MAX_PASSWORD_CODE_POINTS + 1]), phc)
                .status())
        .isEqualTo(PasswordVerification.Status.PASSWORD_TOO_LONG);
    assertThat(hasher.verifyDummy("").status())
        .isEqualTo(PasswordVerification.Status.PASSWORD_EMPTY);
    assertThat(engine.total()).isEqualTo(before);
  }

  @Test
  void verify_callerArray_notModified() throws Exception {
    char[] pw = "secret".toCharArray();
    hasher.verify(CharBuffer.wrap(pw), hasher.hash(CharBuffer.wrap(pw)));
    assertThat(pw).containsExactly('s', 'e', 'c', 'r', 'e', 't');
  }

  @Test
  void verifyDummy_performsExactlyOneComputationAtCurrentParameters() {
    List<Argon2Parameters> seen = new ArrayList<>();
    PasswordHasher h =
        TestHashers.cheap()
            .engine(
                new HashEngine() {
                  @Override
                  public byte[] argon2(Argon2Parameters p, byte[] password, byte[] salt) {
                    seen.add(p);
                    return new byte[p.hashLength()];
                  }

                  @Override
                  public boolean bcrypt(byte[] password, String bcryptHash) {
                    throw new AssertionError();
                  }
                })
            .build();
    assertThat(h.verifyDummy("anything").status()).isEqualTo(PasswordVerification.Status.MISMATCH);
    assertThat(seen).containsExactly(TestHashers.CHEAP);
    assertThat(h.hashComputations()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "$argon2id$v=19$m=262145,t=1,p=1$c29tZXNhbHRzYWx0$42O0Qv4XzgaXoooTQC64wO4DZUPJ9xHE6CxoYmn+qLU",
        "$argon2id$v=19$m=64,t=11,p=1$c29tZXNhbHRzYWx0$42O0Qv4XzgaXoooTQC64wO4DZUPJ9xHE6CxoYmn+qLU",
        "$argon2id$v=19$m=4096,t=1,p=9$c29tZXNhbHRzYWx0$42O0Qv4XzgaXoooTQC64wO4DZUPJ9xHE6CxoYmn+qLU",
        "$argon2id$v=19$m=4194304,t=1000,p=16$c29tZXNhbHRzYWx0$42O0Qv4XzgaXoooTQC64wO4DZUPJ9xHE6CxoYmn+qLU",
      })
  void verify_parametersBeyondLimits_refusedWithoutComputing(String phc) {
    assertThat(hasher.verify("pw", phc).status())
        .isEqualTo(PasswordVerification.Status.PARAMETERS_EXCEED_LIMITS);
    assertThat(engine.total()).isZero();
  }

  @Test
  void verify_saltOrHashLongerThanLimits_refusedWithoutComputing() {
    String salt65 = StoredHash.encode(new byte[65]);
    String hash65 = StoredHash.encode(new byte[65]);
    String salt16 = StoredHash.encode(new byte[16]);
    String hash32 = StoredHash.encode(new byte[32]);
    assertThat(hasher.verify("pw", "$argon2id$v=19$m=64,t=1,p=1$" + salt65 + "$" + hash32).status())
        .isEqualTo(PasswordVerification.Status.PARAMETERS_EXCEED_LIMITS);
    assertThat(hasher.verify("pw", "$argon2id$v=19$m=64,t=1,p=1$" + salt16 + "$" + hash65).status())
        .isEqualTo(PasswordVerification.Status.PARAMETERS_EXCEED_LIMITS);
    assertThat(engine.total()).isZero();
  }

  @Test
  void needsRehash_eachParameterBelowPolicy_true() throws Exception {
    Argon2Parameters policy =
        new Argon2Parameters(Argon2Parameters.Variant.ARGON2ID, 19, 128, 2, 2, 16, 32);
    PasswordHasher h = PasswordHasher.builder().unsafeParametersForTesting(policy).build();
    String current = h.hash("pw");
    assertThat(h.needsRehash(current)).isFalse();
    String salt16 = StoredHash.encode(new byte[16]);
    String salt12 = StoredHash.encode(new byte[12]);
    String hash32 = StoredHash.encode(new byte[32]);
    String hash16 = StoredHash.encode(new byte[16]);
    assertThat(h.needsRehash("$argon2i$v=19$m=128,t=2,p=2$" + salt16 + "$" + hash32))
        .as("variant i")
        .isTrue();
    assertThat(h.needsRehash("$argon2d$v=19$m=128,t=2,p=2$" + salt16 + "$" + hash32))
        .as("variant d")
        .isTrue();
    assertThat(h.needsRehash("$argon2id$v=16$m=128,t=2,p=2$" + salt16 + "$" + hash32))
        .as("version")
        .isTrue();
    assertThat(h.needsRehash("$argon2id$m=128,t=2,p=2$" + salt16 + "$" + hash32))
        .as("legacy version")
        .isTrue();
    assertThat(h.needsRehash("$argon2id$v=19$m=127,t=2,p=2$" + salt16 + "$" + hash32))
        .as("memory")
        .isTrue();
    assertThat(h.needsRehash("$argon2id$v=19$m=128,t=1,p=2$" + salt16 + "$" + hash32))
        .as("iterations")
        .isTrue();
    assertThat(h.needsRehash("$argon2id$v=19$m=128,t=2,p=1$" + salt16 + "$" + hash32))
        .as("parallelism")
        .isTrue();
    assertThat(h.needsRehash("$argon2id$v=19$m=128,t=2,p=2$" + salt12 + "$" + hash32))
        .as("salt")
        .isTrue();
    assertThat(h.needsRehash("$argon2id$v=19$m=128,t=2,p=2$" + salt16 + "$" + hash16))
        .as("hash")
        .isTrue();
    assertThat(h.needsRehash("$argon2id$v=19$m=256,t=3,p=4$" + salt16 + "$" + hash32))
        .as("stronger")
        .isFalse();
    assertThat(h.needsRehash("garbage")).isTrue();
  }

  @Test
  void verify_weakerStoredHashMatches_reportsNeedsRehash() throws Exception {
    PasswordHasher strong =
        PasswordHasher.builder()
            .unsafeParametersForTesting(
                new Argon2Parameters(Argon2Parameters.Variant.ARGON2ID, 19, 128, 1, 1, 16, 32))
            .build();
    PasswordVerification v = strong.verify("pw", hasher.hash("pw"));
    assertThat(v.matches()).isTrue();
    assertThat(v.needsRehash()).isTrue();
  }

  @Test
  void verify_bcryptHashes_matchAndAlwaysNeedRehash() {
    for (BCrypt.Version version :
        new BCrypt.Version[] {
          BCrypt.Version.VERSION_2A, BCrypt.Version.VERSION_2B, BCrypt.Version.VERSION_2Y
        }) {
      // Cost 10: the migration floor.
      String bcrypt = BCrypt.with(version).hashToString(10, "legacy".toCharArray());
      assertThat(hasher.verify("legacy", bcrypt))
          .isEqualTo(new PasswordVerification(PasswordVerification.Status.MATCH, true));
      assertThat(hasher.verify("wrong", bcrypt).status())
          .isEqualTo(PasswordVerification.Status.MISMATCH);
      assertThat(hasher.needsRehash(bcrypt)).isTrue();
    }
  }

  @Test
  void verify_bcryptCostBeyondLimit_refusedWithoutComputing() {
    String bcrypt =
        BCrypt.withDefaults().hashToString(4, "legacy".toCharArray()).replace("$04$", "$15$");
    assertThat(hasher.verify("legacy", bcrypt).status())
        .isEqualTo(PasswordVerification.Status.PARAMETERS_EXCEED_LIMITS);
    assertThat(engine.total()).isZero();
  }

  @Test
  void verify_bcryptOver72Bytes_verifiesLikeOtherImplementations() {
    String pw = "a".repeat(80);
    String bcrypt =
        BCrypt.with(
                at.favre.lib.crypto.bcrypt.LongPasswordStrategies.truncate(
                    BCrypt.Version.VERSION_2A))
            .hashToString(10, pw.toCharArray());
    assertThat(hasher.verify(pw, bcrypt).matches()).isTrue();
  }

  @Test
  void verify_budgetForTwo_thirdCallerWaitsThenBusy() throws Exception {
    CountDownLatch entered = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    HashEngine blocking =
        new HashEngine() {
          @Override
          public byte[] argon2(Argon2Parameters p, byte[] password, byte[] salt) {
            entered.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return NativeHashEngine.INSTANCE.argon2(p, password, salt);
          }

          @Override
          public boolean bcrypt(byte[] password, String bcryptHash) {
            return false;
          }
        };
    PasswordHasher h =
        TestHashers.cheap()
            .engine(blocking)
            .memoryBudgetKiB(2 * TestHashers.CHEAP.memoryKiB())
            .limits(new HashLimits(128, 10, 8, 64, 64, 14))
            .busyTimeout(Duration.ofMillis(200))
            .build();
    assertThat(h.maxConcurrentHashes()).isEqualTo(2);
    String phc = hasher.hash("pw");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<PasswordVerification> a = pool.submit(() -> h.verify("pw", phc));
      Future<PasswordVerification> b = pool.submit(() -> h.verify("pw", phc));
      assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(h.verify("pw", phc).status()).isEqualTo(PasswordVerification.Status.BUSY);
      assertThat(h.verifyDummy("pw").status()).isEqualTo(PasswordVerification.Status.BUSY);
      assertThatThrownBy(() -> h.hash("pw"))
          .isInstanceOfSatisfying(
              PasswordHashingException.class,
              e -> assertThat(e.reason()).isEqualTo(PasswordHashingException.Reason.BUSY));
      release.countDown();
      assertThat(a.get(30, TimeUnit.SECONDS).matches()).isTrue();
      assertThat(b.get(30, TimeUnit.SECONDS).matches()).isTrue();
      // Budget released: the next caller runs.
      assertThat(h.verify("pw", phc).matches()).isTrue();
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void toString_neverShowsPasswordsOrHashes() throws Exception {
    assertThat(hasher.toString())
        .contains("argon2id")
        .doesNotContain("$argon2id$v=19$m=64,t=1,p=1$");
    assertThat(new PasswordHashingException(PasswordHashingException.Reason.TOO_LONG).getMessage())
        .isEqualTo("password not hashed: TOO_LONG");
  }
}
