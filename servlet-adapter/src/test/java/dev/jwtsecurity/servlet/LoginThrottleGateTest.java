package dev.jwtsecurity.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.throttle.LoginThrottle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleGateTest {

  private final Clock clock = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);
  private final LoginThrottle throttle = LoginThrottle.builder().clock(clock).build();
  private final LoginThrottleGate gate = LoginThrottleGate.checking(throttle);
  private final RequestContext attacker = RequestContext.of("203.0.113.7", "ua", "r1");
  private final RequestContext bystander = RequestContext.of("198.51.100.1", "ua", "r2");

  @Test
  void checking_addressFailuresRecordedByLoginService_refusesThatAddressOnly() {
    assertThat(gate.retryAfter(attacker)).isEmpty();
    for (int i = 0; i < 1000 && gate.retryAfter(attacker).isEmpty(); i++) {
      throttle.recordFailure(
          attacker.clientAddress(), "user" + i); // many accounts from one address
    }

    assertThat(gate.retryAfter(attacker)).hasValueSatisfying(d -> assertThat(d).isPositive());
    assertThat(gate.retryAfter(bystander)).isEmpty();
  }

  @Test
  void checking_record_countsNothing() {
    for (int i = 0; i < 1000; i++) {
      gate.record(attacker, false);
    }
    assertThat(gate.retryAfter(attacker)).isEmpty();
    assertThat(ProblemResponses.retryAfterSeconds(Duration.ofMillis(42_500))).isEqualTo(43);
    assertThat(ProblemResponses.retryAfterSeconds(Duration.ZERO)).isEqualTo(1);
  }

  @Test
  void checking_null_rejected() {
    assertThatThrownBy(() -> LoginThrottleGate.checking(null))
        .isInstanceOf(NullPointerException.class);
  }
}
