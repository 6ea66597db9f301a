package dev.jwtsecurity.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsecurity.password.Argon2Parameters;
import dev.jwtsecurity.password.PasswordHasher;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** {@link JwtSecurityPasswordEncoder}: Argon2id out, Argon2 and bcrypt in, needs-rehash. */
class JwtSecurityPasswordEncoderTest {

  private final JwtSecurityPasswordEncoder encoder =
      new JwtSecurityPasswordEncoder(PasswordHasher.builder().build());

  @Test
  void encode_anyPassword_argon2idThatMatchesOnlyItself() {
    long seed = new Random().nextLong();
    System.out.println("password encoder seed " + seed);
    Random random = new Random(seed);
    for (int i = 0; i < 4; i++) {
      String password = randomPassword(random);
      String hash = encoder.encode(password);
      assertThat(hash).as("seed %d", seed).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
      assertThat(encoder.matches(password, hash)).as("seed %d", seed).isTrue();
      assertThat(encoder.matches(password + "x", hash)).as("seed %d", seed).isFalse();
      assertThat(encoder.upgradeEncoding(hash)).isFalse();
    }
  }

  private static String randomPassword(Random random) {
    StringBuilder s = new StringBuilder();
    for (int n = 1 + random.nextInt(40); n > 0; n--) {
      s.appendCodePoint(0x21 + random.nextInt(0x2000));
    }
    return s.toString();
  }

  @Test
  void bcryptHash_verifiedButAlwaysNeedsRehash() {
    String bcrypt = new BCryptPasswordEncoder(10).encode("correct horse");

    assertThat(encoder.matches("correct horse", bcrypt)).isTrue();
    assertThat(encoder.matches("wrong horse", bcrypt)).isFalse();
    assertThat(encoder.upgradeEncoding(bcrypt)).isTrue();
  }

  @Test
  void bcryptHash_belowTheCostFloor_neverMatches() {
    // Core refuses bcrypt below cost 10 even with the right password: such a hash is too cheap.
    String cheap = new BCryptPasswordEncoder(4).encode("correct horse");

    assertThat(encoder.matches("correct horse", cheap)).isFalse();
  }

  @Test
  void weakerArgon2Hash_needsRehash() {
    String weak =
        new JwtSecurityPasswordEncoder(
                PasswordHasher.builder()
                    .unsafeParametersForTesting(Argon2Parameters.argon2id(1024, 1, 1))
                    .build())
            .encode("pw");

    assertThat(encoder.matches("pw", weak)).isTrue();
    assertThat(encoder.upgradeEncoding(weak)).isTrue();
  }

  @Test
  void nullEmptyAndForeignInput_neverMatchNorThrow() {
    assertThat(encoder.encode(null)).isNull();
    assertThat(encoder.matches(null, "$argon2id$x")).isFalse();
    assertThat(encoder.matches("pw", null)).isFalse();
    assertThat(encoder.matches("pw", "")).isFalse();
    assertThat(encoder.matches("pw", "pw")).as("plain text is never a hash").isFalse();
    assertThat(encoder.matches("pw", "{noop}pw")).isFalse();
    assertThat(encoder.upgradeEncoding(null)).isFalse();
    assertThatThrownBy(() -> encoder.encode(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the password is empty");
  }
}
