package dev.jwtsecurity.throttle;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleBuilderMisuseTest {

  @Test
  void builder_nulls_throwAtOnce() {
    assertThatThrownBy(() -> LoginThrottle.builder().store(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> LoginThrottle.builder().clock(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> LoginThrottle.builder().accountPolicy(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> LoginThrottle.builder().addressPolicy(null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void policy_outOfRange_throws() {
    Duration m = Duration.ofMinutes(1);
    assertThatThrownBy(() -> new ThrottlePolicy(0, m, m, m))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ThrottlePolicy(1, Duration.ZERO, m, m))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ThrottlePolicy(1, m, Duration.ZERO, m))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ThrottlePolicy(1, m, m, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ThrottlePolicy(1, Duration.ofDays(8), m, m))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void store_tinyCapacity_throws() {
    assertThatThrownBy(() -> new InMemoryThrottleStore(15))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
