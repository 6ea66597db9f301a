package dev.jwtsecurity.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PasswordHasherBuilderMisuseTest {

  @Test
  void parameters_belowOwaspFloor_throwWithHowToFix() {
    assertThatThrownBy(
            () -> PasswordHasher.builder().parameters(Argon2Parameters.argon2id(19456, 1, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("m=19456,t=2,p=1");
    assertThatThrownBy(
            () -> PasswordHasher.builder().parameters(Argon2Parameters.argon2id(47104, 0, 1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                PasswordHasher.builder()
                    .parameters(
                        new Argon2Parameters(
                            Argon2Parameters.Variant.ARGON2I, 19, 65536, 3, 1, 16, 32)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                PasswordHasher.builder()
                    .parameters(
                        new Argon2Parameters(
                            Argon2Parameters.Variant.ARGON2ID, 19, 65536, 3, 1, 8, 32)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parameters_owaspOptions_accepted() {
    int[][] options = {{47104, 1}, {19456, 2}, {12288, 3}, {9216, 4}, {7168, 5}};
    for (int[] o : options) {
      assertThat(Argon2Parameters.argon2id(o[0], o[1], 1).meetsOwaspFloor()).isTrue();
    }
  }

  @Test
  void build_limitsBelowParameters_throw() {
    assertThatThrownBy(
            () -> PasswordHasher.builder().limits(new HashLimits(8192, 10, 8, 64, 64, 14)).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("raise the limits");
  }

  @Test
  void build_budgetBelowLimit_throw() {
    assertThatThrownBy(() -> PasswordHasher.builder().memoryBudgetKiB(65536).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("memoryBudgetKiB");
  }

  @Test
  void builder_badValues_throwAtOnce() {
    assertThatThrownBy(() -> PasswordHasher.builder().memoryBudgetKiB(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PasswordHasher.builder().busyTimeout(Duration.ofMinutes(2)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PasswordHasher.builder().busyTimeout(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PasswordHasher.builder().random(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> PasswordHasher.builder().limits(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new HashLimits(64, 1, 1, 64, 64, 32))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new Argon2Parameters(Argon2Parameters.Variant.ARGON2ID, 17, 64, 1, 1, 16, 32))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new Argon2Parameters(Argon2Parameters.Variant.ARGON2ID, 19, 31, 1, 4, 16, 32))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void calibrate_fakeTicker_raisesIterationsUntilTargetNeverBelowFloor() {
    AtomicLong now = new AtomicLong();
    int[] calls = {0};
    HashEngine engine =
        new HashEngine() {
          @Override
          public byte[] argon2(Argon2Parameters p, byte[] password, byte[] salt) {
            calls[0]++;
            now.addAndGet(p.iterations() * 10_000_000L); // 10 ms per pass
            return new byte[32];
          }

          @Override
          public boolean bcrypt(byte[] password, String bcryptHash) {
            return false;
          }
        };
    Argon2Parameters p =
        Argon2Calibration.calibrate(Duration.ofMillis(45), 19456, 1, engine, now::get);
    assertThat(p.iterations()).isEqualTo(5);
    assertThat(p.meetsOwaspFloor()).isTrue();
    Argon2Parameters tiny =
        Argon2Calibration.calibrate(Duration.ofMillis(10), 1024, 1, engine, now::get);
    assertThat(tiny.memoryKiB()).isEqualTo(7168);
    assertThat(tiny.iterations()).isEqualTo(5);
    assertThat(tiny.meetsOwaspFloor()).isTrue();
    Argon2Parameters capped =
        Argon2Calibration.calibrate(Duration.ofSeconds(5), 19456, 1, engine, now::get);
    assertThat(capped.iterations()).isEqualTo(Argon2Calibration.MAX_ITERATIONS);
  }
}
