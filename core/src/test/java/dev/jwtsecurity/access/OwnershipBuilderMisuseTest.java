package dev.jwtsecurity.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsecurity.audit.SecurityEventListener;
import org.junit.jupiter.api.Test;

class OwnershipBuilderMisuseTest {

  @Test
  void build_withoutEvents_throwsWithFix() {
    assertThatThrownBy(() -> Ownership.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("events is required")
        .hasMessageContaining("SecurityEventListener.none()");
  }

  @Test
  void build_withDeliberateNone_works() {
    assertThat(Ownership.builder().events(SecurityEventListener.none()).build()).isNotNull();
  }

  @Test
  void setters_null_throw() {
    assertThatThrownBy(() -> Ownership.builder().events(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Ownership.builder().clock(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Ownership.builder().auditTrail(null))
        .isInstanceOf(NullPointerException.class);
  }
}
