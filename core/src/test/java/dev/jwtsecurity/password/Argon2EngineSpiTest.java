package dev.jwtsecurity.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class Argon2EngineSpiTest {

  /** A public-SPI engine that delegates to the native one and counts. */
  private static final class Counting implements Argon2Engine {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public byte[] rawHash(Argon2Parameters parameters, byte[] password, byte[] salt) {
      calls.incrementAndGet();
      return NativeHashEngine.INSTANCE.argon2(parameters, password, salt);
    }
  }

  @Test
  void argon2Engine_chosen_runsEveryArgon2Computation() throws PasswordHashingException {
    Counting engine = new Counting();
    PasswordHasher hasher = TestHashers.cheap().argon2Engine(engine).build();
    String phc = hasher.hash("pw");
    assertThat(hasher.verify("pw", phc).matches()).isTrue();
    hasher.verifyDummy("pw");
    assertThat(engine.calls).hasValue(3);
  }

  @Test
  void argon2Engine_tagOfWrongLength_failsLoudlyInsteadOfMatching() {
    Argon2Engine shortTag = (p, password, salt) -> new byte[4];
    PasswordHasher hasher = TestHashers.cheap().argon2Engine(shortTag).build();
    assertThatThrownBy(() -> hasher.hash("pw"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("wrong length");
  }

  @Test
  void argon2Engine_setTwice_failsFast() {
    PasswordHasher.Builder b = PasswordHasher.builder().argon2Engine(new Counting());
    assertThatThrownBy(() -> b.argon2Engine(new Counting()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already set");
  }

  @Test
  void argon2Engine_null_throwsNullPointerException() {
    assertThatThrownBy(() -> PasswordHasher.builder().argon2Engine(null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void resolve_nothingChosenAndArgon2JvmPresent_isTheNativeEngine() {
    assertThat(HashEngines.resolve(null)).isSameAs(NativeHashEngine.INSTANCE);
  }

  @Test
  void resolve_engineChosen_bcryptStillVerifiedInCore() {
    HashEngine engine = HashEngines.resolve(new Counting());
    String bcrypt =
        at.favre.lib.crypto.bcrypt.BCrypt.withDefaults().hashToString(4, "legacy".toCharArray());
    assertThat(engine.bcrypt("legacy".getBytes(java.nio.charset.StandardCharsets.UTF_8), bcrypt))
        .isTrue();
  }
}
