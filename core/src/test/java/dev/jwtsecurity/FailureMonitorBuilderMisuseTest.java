package dev.jwtsecurity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsecurity.audit.SecurityEventListener;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FailureMonitorBuilderMisuseTest {

  @Test
  void build_withoutAlertEvents_throwsWithFix() {
    assertThatThrownBy(() -> FailureMonitor.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("alertEvents");
    assertThat(FailureMonitor.builder().alertEvents(SecurityEventListener.none()).build())
        .isNotNull();
  }

  @Test
  void sinksAndClock_null_throw() {
    assertThatThrownBy(() -> FailureMonitor.builder().alertEvents(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> FailureMonitor.builder().clock(null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void thresholds_outOfRange_throw() {
    Duration w = Duration.ofMinutes(1);
    assertThatThrownBy(() -> FailureMonitor.builder().repeatedAccountFailures(0, w))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("failures");
    assertThatThrownBy(() -> FailureMonitor.builder().credentialStuffing(-1, w))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                FailureMonitor.builder()
                    .distributedAccountAttack(FailureMonitor.MAX_THRESHOLD + 1, w))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FailureMonitor.builder().invalidTokenBurst(0, w))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void windows_nullZeroNegativeOrTooLong_throw() {
    assertThatThrownBy(() -> FailureMonitor.builder().repeatedAccountFailures(5, null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> FailureMonitor.builder().credentialStuffing(5, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FailureMonitor.builder().invalidTokenBurst(5, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FailureMonitor.builder().tokenReuseDeduplication(Duration.ofDays(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most one day");
  }

  @Test
  void maxTrackedKeys_outOfRange_throws() {
    assertThatThrownBy(() -> FailureMonitor.builder().maxTrackedKeys(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> FailureMonitor.builder().maxTrackedKeys(FailureMonitor.MAX_MAX_TRACKED_KEYS + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
