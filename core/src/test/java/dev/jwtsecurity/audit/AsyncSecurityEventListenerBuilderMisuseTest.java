package dev.jwtsecurity.audit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AsyncSecurityEventListenerBuilderMisuseTest {

  @Test
  void builder_misuse_throws() {
    assertThatThrownBy(() -> AsyncSecurityEventListener.builder(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(
            () -> AsyncSecurityEventListener.builder(SecurityEventListener.none()).capacity(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                AsyncSecurityEventListener.builder(SecurityEventListener.none())
                    .capacity(AsyncSecurityEventListener.MAX_CAPACITY + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                AsyncSecurityEventListener.builder(SecurityEventListener.none())
                    .threadFactory(null))
        .isInstanceOf(NullPointerException.class);
  }
}
