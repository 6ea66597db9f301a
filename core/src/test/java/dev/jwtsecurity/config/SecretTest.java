package dev.jwtsecurity.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SecretTest {

  @Test
  void toString_anySecret_isRedacted() {
    Secret s = Secret.ofUtf8(TestSecrets.STRONG);
    assertThat(s.toString()).isEqualTo("Secret[redacted]").doesNotContain(TestSecrets.STRONG);
    assertThat(String.valueOf(s)).doesNotContain(TestSecrets.STRONG.substring(0, 8));
  }

  @Test
  void of_callerWipesArray_secretKeepsItsCopy() {
    byte[] in = TestSecrets.STRONG.getBytes(StandardCharsets.UTF_8);
    Secret s = Secret.of(in);
    java.util.Arrays.fill(in, (byte) 0);
    assertThat(s.bytes()).isEqualTo(TestSecrets.STRONG.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void bytes_callerModifiesCopy_secretUnchanged() {
    Secret s = Secret.ofUtf8(TestSecrets.STRONG);
    byte[] out = s.bytes();
    out[0] ^= 1;
    assertThat(s.bytes()).isNotEqualTo(out);
    assertThat(s.length()).isEqualTo(43);
  }

  @Test
  void equals_sameBytes_equalAndHashCodeIndependentOfContent() {
    assertThat(Secret.ofUtf8(TestSecrets.STRONG)).isEqualTo(Secret.ofUtf8(TestSecrets.STRONG));
    assertThat(Secret.ofUtf8(TestSecrets.STRONG)).isNotEqualTo(Secret.ofUtf8(TestSecrets.STRONG_2));
    assertThat(Secret.ofUtf8(TestSecrets.STRONG).hashCode())
        .isEqualTo(Secret.ofUtf8(TestSecrets.STRONG_2).hashCode());
  }

  @Test
  void of_null_throwsNullPointer() {
    assertThatThrownBy(() -> Secret.of(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Secret.ofUtf8(null)).isInstanceOf(NullPointerException.class);
  }
}
