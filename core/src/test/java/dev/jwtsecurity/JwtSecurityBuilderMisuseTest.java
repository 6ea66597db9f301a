package dev.jwtsecurity;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsecurity.config.JwtSettings;
import dev.jwtsecurity.config.Secret;
import org.junit.jupiter.api.Test;

class JwtSecurityBuilderMisuseTest {

  private final JwtSettings settings =
      JwtSettings.builder()
          .secret(Secret.ofUtf8("Zr8Kq3Xv0bN7mW2pL9cT5yH1sD6fJ4gA8eU3iO7kQ2x"))
          .build();

  @Test
  void builder_nullSettings_throwsNullPointer() {
    assertThatThrownBy(() -> JwtSecurity.builder(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void setters_null_throwNullPointer() {
    JwtSecurity.Builder b = JwtSecurity.builder(settings);
    assertThatThrownBy(() -> b.clock(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.random(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.events(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void fromEnvironment_nullEnvironment_throwsNullPointer() {
    assertThatThrownBy(() -> JwtSecurity.fromEnvironment(null))
        .isInstanceOf(NullPointerException.class);
  }
}
