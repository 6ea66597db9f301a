package dev.jwtsecurity.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsecurity.JwtSecurity;
import dev.jwtsecurity.access.AccessTokenDenylist;
import dev.jwtsecurity.access.Authentication;
import dev.jwtsecurity.argon2.bouncycastle.BouncyCastleArgon2Engine;
import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.login.LoginResult;
import dev.jwtsecurity.refresh.TokenPair;
import dev.jwtsecurity.testing.ManualClock;
import dev.jwtsecurity.testing.TestSecurity;
import dev.jwtsecurity.token.InvalidTokenException;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The front door with Micrometer: what an application wiring one registry sees. */
class FrontDoorMetricsTest {

  private static final RequestContext CTX = RequestContext.of("198.51.100.4", "JUnit", "r-7");

  private final ManualClock clock = ManualClock.at("2026-11-27T12:00:00Z");
  private final MockClock ticks = new MockClock();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, ticks);

  private double events(String type, String reason) {
    var c = registry.find("jwtsecurity.events").tag("type", type).tag("reason", reason).counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void frontDoor_loginRefreshAuthenticateLogout_countedAndTimed() throws Exception {
    JwtSecurity security =
        TestSecurity.builder("alice")
            .clock(clock)
            .metrics(MicrometerSecurityMetrics.of(registry))
            .build();

    assertThat(security.login("alice", "wrong password", CTX))
        .isInstanceOf(LoginResult.Failure.class);
    TokenPair pair = TestSecurity.login(security, "alice");
    TokenPair next = security.refresh(pair.refreshToken().orElseThrow().value(), CTX);
    Authentication auth = security.authenticate(next.accessToken().value(), CTX);
    assertThatThrownBy(() -> security.authenticate("garbage", CTX))
        .isInstanceOf(InvalidTokenException.class);
    security.logout(auth, next.refreshToken().orElseThrow().value(), CTX);
    assertThatThrownBy(() -> security.authenticate(next.accessToken().value(), CTX))
        .isInstanceOf(InvalidTokenException.class);

    assertThat(events("authn_login_fail", "wrong_password")).isEqualTo(1);
    assertThat(events("authn_login_success", "none")).isEqualTo(1);
    assertThat(events("authn_token_invalid", "malformed")).isEqualTo(1);
    assertThat(events("authn_token_invalid", "revoked")).isEqualTo(1);
    assertThat(
            registry.get("jwtsecurity.token.validation").tag("outcome", "accepted").timer().count())
        .isEqualTo(1);
    assertThat(
            registry.get("jwtsecurity.token.validation").tag("outcome", "refused").timer().count())
        .isEqualTo(2);
    assertThat(
            registry
                .get("jwtsecurity.password.hashing")
                .tag("outcome", "completed")
                .timer()
                .count())
        .isEqualTo(2);
    assertThat(
            registry
                .get("jwtsecurity.store.operations")
                .tags("store", "refresh_tokens", "operation", "rotate", "outcome", "success")
                .timer()
                .count())
        .isEqualTo(1);
    // Logout denies the access token's id and its session.
    assertThat(registry.get("jwtsecurity.denylist.entries").gauge().value()).isEqualTo(2);
    assertThat(registry.get("jwtsecurity.throttle.entries").gauge().value()).isEqualTo(1);
    assertThat(registry.get("jwtsecurity.password.hashes.active").gauge().value()).isZero();
    assertThat(registry.get("jwtsecurity.password.hashes.queued").gauge().value()).isZero();
  }

  @Test
  void passwordHashing_pureJavaEngine_timedLikeTheNativeOne() {
    JwtSecurity security =
        TestSecurity.builder("alice")
            .clock(clock)
            .argon2Engine(new BouncyCastleArgon2Engine())
            .metrics(MicrometerSecurityMetrics.of(registry))
            .build();

    TestSecurity.login(security, "alice");
    assertThat(security.login("alice", "wrong password", CTX))
        .isInstanceOf(LoginResult.Failure.class);

    Timer hashing =
        registry.get("jwtsecurity.password.hashing").tag("outcome", "completed").timer();
    assertThat(hashing.count()).isEqualTo(2);
    assertThat(registry.get("jwtsecurity.password.hashing.compute").timer().count()).isEqualTo(2);
    assertThat(
            registry
                .get("jwtsecurity.password.hashing.wait")
                .tag("outcome", "completed")
                .timer()
                .count())
        .isEqualTo(2);
  }

  @Test
  void tokenValidation_durationFromTheRegistryClock() throws Exception {
    // A denylist that takes 4 ms of the registry's clock per look-up; an authentication makes two
    // (the token's id and its session): both timers see exactly the 8 ms, over two checks.
    AccessTokenDenylist memory = AccessTokenDenylist.inMemory();
    AccessTokenDenylist slow =
        new AccessTokenDenylist() {
          @Override
          public void deny(String issuer, String tokenId, Instant expiresAt) {
            memory.deny(issuer, tokenId, expiresAt);
          }

          @Override
          public boolean isDenied(String issuer, String tokenId, Instant now) {
            ticks.add(Duration.ofMillis(4));
            return memory.isDenied(issuer, tokenId, now);
          }

          @Override
          public int purgeExpired(Instant now) {
            return memory.purgeExpired(now);
          }
        };
    JwtSecurity security =
        TestSecurity.builder("alice")
            .clock(clock)
            .denylist(slow)
            .metrics(MicrometerSecurityMetrics.of(registry))
            .build();
    TokenPair pair = TestSecurity.login(security, "alice");

    security.authenticate(pair.accessToken().value(), CTX);

    Timer validation =
        registry.get("jwtsecurity.token.validation").tag("outcome", "accepted").timer();
    assertThat(validation.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(8);
    Timer check =
        registry
            .get("jwtsecurity.store.operations")
            .tags("store", "denylist", "operation", "check", "outcome", "success")
            .timer();
    assertThat(check.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(8);
    assertThat(check.count()).isEqualTo(2);
    assertThat(registry.find("jwtsecurity.denylist.entries").gauge())
        .as("a denylist of the application's own has no size gauge")
        .isNull();
  }

  @Test
  void prometheus_scrape_namesAndLabelsAsDocumented() {
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    JwtSecurity security =
        TestSecurity.builder("alice")
            .clock(clock)
            .metrics(MicrometerSecurityMetrics.of(prometheus))
            .build();
    security.login("alice", "wrong password", CTX);
    TestSecurity.login(security, "alice");

    String scrape = prometheus.scrape();

    assertThat(scrape)
        .contains("# TYPE jwtsecurity_events_total counter")
        .containsPattern(
            "jwtsecurity_events_total\\{reason=\"wrong_password\",type=\"authn_login_fail\"} 1")
        .containsPattern("jwtsecurity_token_validation_seconds_count\\{outcome=\"accepted\"} 0")
        .containsPattern("jwtsecurity_password_hashing_seconds_count\\{outcome=\"completed\"} 2")
        .containsPattern(
            "jwtsecurity_store_operations_seconds_count\\{operation=\"create\",outcome=\"success\","
                + "store=\"refresh_tokens\"} 1")
        .containsPattern("jwtsecurity_throttle_entries 1")
        .containsPattern("jwtsecurity_denylist_entries 0")
        .containsPattern("jwtsecurity_password_hashes_active 0")
        .doesNotContain("alice")
        .doesNotContain("198.51.100.4")
        .doesNotContain(TestSecurity.PASSWORD);
  }
}
