package dev.jwtsecurity.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsecurity.access.UserDirectory.UserStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UserStatusTest {

  @Test
  void constructor_inconsistentComponents_throwIllegalArgument() {
    assertThatThrownBy(() -> new UserStatus(UserStatus.State.ACTIVE, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new UserStatus(UserStatus.State.INACTIVE, Instant.EPOCH))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void acceptsIssuedAt_activeSince_refusesOnlyEarlierInstants() {
    UserStatus s = UserStatus.active(Instant.ofEpochSecond(100));
    assertThat(s.acceptsIssuedAt(Instant.ofEpochSecond(99))).isFalse();
    assertThat(s.acceptsIssuedAt(Instant.ofEpochSecond(100))).isTrue();
    assertThat(UserStatus.inactive().acceptsIssuedAt(Instant.MAX)).isFalse();
    assertThat(UserStatus.notFound().isActive()).isFalse();
  }
}
