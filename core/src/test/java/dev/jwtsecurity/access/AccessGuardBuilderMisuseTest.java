package dev.jwtsecurity.access;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsecurity.audit.SecurityEventListener;
import org.junit.jupiter.api.Test;

class AccessGuardBuilderMisuseTest {

  @Test
  void build_withoutEvents_throwsWithFix() {
    assertThatThrownBy(() -> AccessGuard.builder().grant("admin", "x:y").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("events is required");
  }

  @Test
  void grant_blankRoleOrPermissionOrNone_throws() {
    assertThatThrownBy(() -> AccessGuard.builder().grant(" ", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AccessGuard.builder().grant("admin"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AccessGuard.builder().grant("admin", "ok", " "))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nulls_throw() {
    assertThatThrownBy(() -> AccessGuard.builder().grant(null, "x"))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> AccessGuard.builder().grant("a", (String) null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> AccessGuard.builder().events(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> AccessGuard.builder().clock(null))
        .isInstanceOf(NullPointerException.class);
    AccessGuard guard = AccessGuard.builder().events(SecurityEventListener.none()).build();
    assertThatThrownBy(
            () -> guard.requireRole(null, "a", dev.jwtsecurity.audit.RequestContext.UNKNOWN))
        .isInstanceOf(NullPointerException.class);
  }
}
