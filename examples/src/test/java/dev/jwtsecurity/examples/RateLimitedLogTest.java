package dev.jwtsecurity.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimitedLogTest {

  @Test
  void tryAcquire_beyondTheWindowsShare_dropsAndReportsTheCountOnTheNextLine() {
    AtomicLong now = new AtomicLong(1_000);
    RateLimitedLog limit = new RateLimitedLog(3, Duration.ofSeconds(60), now::get);
    assertThat(limit.tryAcquire()).isZero();
    assertThat(limit.tryAcquire()).isZero();
    assertThat(limit.tryAcquire()).isZero();
    for (int i = 0; i < 1_000; i++) {
      assertThat(limit.tryAcquire()).isEqualTo(-1);
    }
    now.addAndGet(Duration.ofSeconds(59).toNanos());
    assertThat(limit.tryAcquire()).as("still the same window").isEqualTo(-1);
    now.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThat(limit.tryAcquire()).as("next window names what was dropped").isEqualTo(1_001);
    assertThat(limit.tryAcquire()).isZero();
  }

  @Test
  void constructor_noShareOrNoWindow_refused() {
    assertThatThrownBy(() -> new RateLimitedLog(0, Duration.ofSeconds(1), System::nanoTime))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateLimitedLog(1, Duration.ZERO, System::nanoTime))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
