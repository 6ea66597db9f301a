package dev.jwtsecurity.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PasswordMigrationBuilderMisuseTest {

  @Test
  void builder_settingTwice_failsFast() {
    assertThatThrownBy(
            () ->
                PasswordMigration.builder()
                    .unsafeMinPbkdf2Iterations(10)
                    .unsafeMinPbkdf2Iterations(20))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already set");
    assertThatThrownBy(
            () ->
                PasswordMigration.builder()
                    .springPbkdf2(SpringPbkdf2.V5_8)
                    .springPbkdf2(SpringPbkdf2.V5_5))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () ->
                PasswordHasher.builder()
                    .migration(PasswordMigration.DEFAULT)
                    .migration(PasswordMigration.DEFAULT))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void builder_outOfRangeValues_rejected() {
    assertThatThrownBy(() -> PasswordMigration.builder().unsafeMinPbkdf2Iterations(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PasswordMigration.builder().maxPbkdf2Iterations(10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cap");
    assertThatThrownBy(() -> PasswordMigration.builder().unsafeMinBcryptCost(3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PasswordMigration.builder().unsafeMinScryptMemoryKiB(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PasswordMigration.builder().maxScryptParallelism(65))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SpringPbkdf2(SpringPbkdf2.Prf.HMAC_SHA256, 1000, 4, 32, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PasswordMigration.builder().springPbkdf2(null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void toString_withSecret_neverShowsIt() {
    PasswordMigration m =
        PasswordMigration.builder()
            .springPbkdf2Secret("hunter2-pepper".getBytes(StandardCharsets.UTF_8))
            .build();
    assertThat(m.toString()).contains("with a secret").doesNotContain("hunter2");
  }

  @Test
  void springPbkdf2Secret_callerArrayChangedAfterwards_policyUnaffected() {
    byte[] secret = "secret".getBytes(StandardCharsets.UTF_8);
    PasswordMigration m = PasswordMigration.builder().springPbkdf2Secret(secret).build();
    secret[0] = 'X';
    assertThat(new String(m.springPbkdf2Secret(), StandardCharsets.UTF_8)).isEqualTo("secret");
  }
}
