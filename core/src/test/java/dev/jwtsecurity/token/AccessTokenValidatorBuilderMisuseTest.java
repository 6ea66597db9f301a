package dev.jwtsecurity.token;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AccessTokenValidatorBuilderMisuseTest {

  @Test
  void build_withoutKeyRing_throwsIllegalState() {
    assertThatThrownBy(() -> AccessTokenValidator.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("keyRing");
  }

  @Test
  void clockSkew_aboveFiveMinutesOrNegative_throwsIllegalArgument() {
    assertThatThrownBy(() -> AccessTokenValidator.builder().clockSkew(Duration.ofSeconds(301)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AccessTokenValidator.builder().clockSkew(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void maxTokenLength_outOfBounds_throwsIllegalArgument() {
    assertThatThrownBy(() -> AccessTokenValidator.builder().maxTokenLength(1023))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AccessTokenValidator.builder().maxTokenLength(65537))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nulls_throwNullPointer() {
    assertThatThrownBy(() -> AccessTokenValidator.builder().keyRing(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> AccessTokenValidator.builder().issuer(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> AccessTokenValidator.builder().audience(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> AccessTokenValidator.builder().environment(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> AccessTokenValidator.builder().clock(null))
        .isInstanceOf(NullPointerException.class);
  }
}
