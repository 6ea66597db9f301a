package dev.jwtsecurity.audit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AuditRetentionBuilderMisuseTest {

  @Test
  void maxAge_null_throws() {
    assertThatThrownBy(() -> AuditRetention.builder().maxAge(null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void maxAge_shorterThanOneDay_throwsWithFix() {
    assertThatThrownBy(() -> AuditRetention.builder().maxAge(Duration.ofHours(23)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one day");
    assertThatThrownBy(() -> AuditRetention.builder().maxAge(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AuditRetention.builder().maxAge(Duration.ofDays(-90)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void clock_null_throws() {
    assertThatThrownBy(() -> AuditRetention.builder().clock(null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void purge_nullTrail_throws() {
    assertThatThrownBy(() -> AuditRetention.defaults().purge(null))
        .isInstanceOf(NullPointerException.class);
  }
}
