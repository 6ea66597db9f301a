package dev.jwtsecurity.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventType;
import dev.jwtsecurity.metrics.SecurityMetrics.Gauge;
import dev.jwtsecurity.metrics.SecurityMetrics.HashOutcome;
import dev.jwtsecurity.metrics.SecurityMetrics.KeyCacheMetrics;
import dev.jwtsecurity.metrics.SecurityMetrics.StoreOperation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Each SPI call lands in the meter of its name and tags, with the registry's clock. */
class MicrometerSecurityMetricsTest {

  private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");

  private final MockClock clock = new MockClock();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
  private final MicrometerSecurityMetrics metrics = MicrometerSecurityMetrics.of(registry);

  private enum Why {
    SOME_REASON
  }

  private static SecurityEvent event(SecurityEventType type, Enum<?> reason) {
    return SecurityEvent.builder(type, T0)
        .request(RequestContext.of("192.0.2.1", "ua", "r"))
        .userId("alice")
        .reason(reason)
        .build();
  }

  private double events(String type, String reason) {
    Counter c =
        registry.find("jwtsecurity.events").tag("type", type).tag("reason", reason).counter();
    return c == null ? 0 : c.count();
  }

  @ParameterizedTest
  @EnumSource(SecurityEventType.class)
  void securityEvent_everyType_countedByTypeAndReasonWithoutUserOrAddress(SecurityEventType type) {
    metrics.securityEvent(event(type, Why.SOME_REASON));
    metrics.securityEvent(event(type, Why.SOME_REASON));
    metrics.securityEvent(event(type, null));

    assertThat(events(type.code(), "some_reason")).isEqualTo(2);
    assertThat(events(type.code(), "none")).isEqualTo(1);
    for (Meter m : registry.find("jwtsecurity.events").meters()) {
      assertThat(m.getId().getTags())
          .extracting(t -> t.getKey())
          .containsExactlyInAnyOrder("type", "reason");
    }
  }

  @Test
  void securityEvent_moreReasonsThanTheCap_restCountedAsOther() {
    for (int i = 0; i < MicrometerSecurityMetrics.MAX_REASONS_PER_TYPE + 36; i++) {
      metrics.securityEvent(
          new SecurityEvent(
              SecurityEventType.INPUT_VALIDATION_FAIL,
              SecurityEventType.INPUT_VALIDATION_FAIL.defaultSeverity(),
              T0,
              null,
              RequestContext.UNKNOWN,
              null,
              "R" + i,
              Map.of()));
    }

    assertThat(registry.find("jwtsecurity.events").counters())
        .hasSize(MicrometerSecurityMetrics.MAX_REASONS_PER_TYPE + 1);
    assertThat(events("input_validation_fail", "other")).isEqualTo(36);
    assertThat(events("input_validation_fail", "r0")).isEqualTo(1);
  }

  static LongStream seeds() {
    long base = new Random().nextLong();
    System.out.println("MicrometerSecurityMetricsTest seeds start at " + base);
    return LongStream.range(0, 5).map(i -> base + i);
  }

  /**
   * Whatever the mix of events, each counter holds exactly how many of its kind there were: a
   * type's first {@value MicrometerSecurityMetrics#MAX_REASONS_PER_TYPE} reasons each in their own
   * series, later ones in {@code other}.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void securityEvent_randomMix_countersEqualTheTally(long seed) {
    Random random = new Random(seed);
    SecurityEventType[] types = SecurityEventType.values();
    Map<String, Integer> expected = new HashMap<>();
    Map<SecurityEventType, Set<String>> own = new EnumMap<>(SecurityEventType.class);
    for (int i = 0; i < 3_000; i++) {
      SecurityEventType type = types[random.nextInt(types.length)];
      String reason = random.nextInt(5) == 0 ? null : "R" + random.nextInt(90);
      metrics.securityEvent(
          new SecurityEvent(
              type,
              type.defaultSeverity(),
              T0,
              null,
              RequestContext.UNKNOWN,
              null,
              reason,
              Map.of()));
      String tag = reason == null ? "none" : reason.toLowerCase(Locale.ROOT);
      Set<String> seen = own.computeIfAbsent(type, t -> new HashSet<>());
      if (seen.contains(tag) || seen.size() < MicrometerSecurityMetrics.MAX_REASONS_PER_TYPE) {
        seen.add(tag);
      } else {
        tag = "other";
      }
      expected.merge(type.code() + "/" + tag, 1, Integer::sum);
    }

    Map<String, Integer> counted = new HashMap<>();
    for (Counter c : registry.find("jwtsecurity.events").counters()) {
      counted.put(c.getId().getTag("type") + "/" + c.getId().getTag("reason"), (int) c.count());
    }
    assertThat(counted).as("seed %d", seed).isEqualTo(expected);
  }

  @Test
  void tokenValidation_acceptedAndRefused_timedSeparately() {
    metrics.tokenValidation(true, 2_000_000);
    metrics.tokenValidation(true, 4_000_000);
    metrics.tokenValidation(false, 1_000_000);

    Timer accepted =
        registry.get("jwtsecurity.token.validation").tag("outcome", "accepted").timer();
    Timer refused = registry.get("jwtsecurity.token.validation").tag("outcome", "refused").timer();
    assertThat(accepted.count()).isEqualTo(2);
    assertThat(accepted.totalTime(TimeUnit.NANOSECONDS)).isEqualTo(6_000_000);
    assertThat(accepted.max(TimeUnit.NANOSECONDS)).isEqualTo(4_000_000);
    assertThat(refused.count()).isEqualTo(1);
  }

  @Test
  void passwordHashing_completedAndBusy_totalWaitAndComputeTimers() {
    metrics.passwordHashing(HashOutcome.COMPLETED, 3_000_000, 40_000_000);
    metrics.passwordHashing(HashOutcome.BUSY, 2_000_000_000L, 0);

    Timer completed =
        registry.get("jwtsecurity.password.hashing").tag("outcome", "completed").timer();
    Timer busy = registry.get("jwtsecurity.password.hashing").tag("outcome", "busy").timer();
    assertThat(completed.totalTime(TimeUnit.NANOSECONDS)).isEqualTo(43_000_000);
    assertThat(busy.totalTime(TimeUnit.NANOSECONDS)).isEqualTo(2_000_000_000L);
    assertThat(
            registry
                .get("jwtsecurity.password.hashing.wait")
                .tag("outcome", "completed")
                .timer()
                .totalTime(TimeUnit.NANOSECONDS))
        .isEqualTo(3_000_000);
    assertThat(
            registry
                .get("jwtsecurity.password.hashing.wait")
                .tag("outcome", "busy")
                .timer()
                .totalTime(TimeUnit.NANOSECONDS))
        .isEqualTo(2_000_000_000L);
    Timer compute = registry.get("jwtsecurity.password.hashing.compute").timer();
    assertThat(compute.count()).isEqualTo(1);
    assertThat(compute.totalTime(TimeUnit.NANOSECONDS)).isEqualTo(40_000_000);
  }

  @ParameterizedTest
  @EnumSource(StoreOperation.class)
  void storeOperation_every_timedUnderStoreOperationAndOutcome(StoreOperation op) {
    metrics.storeOperation(op, true, 5_000);
    metrics.storeOperation(op, false, 7_000);

    Timer ok =
        registry
            .get("jwtsecurity.store.operations")
            .tags("store", op.store().storeName(), "operation", op.operationName())
            .tag("outcome", "success")
            .timer();
    Timer failed =
        registry
            .get("jwtsecurity.store.operations")
            .tags("store", op.store().storeName(), "operation", op.operationName())
            .tag("outcome", "failure")
            .timer();
    assertThat(ok.count()).isEqualTo(1);
    assertThat(ok.totalTime(TimeUnit.NANOSECONDS)).isEqualTo(5_000);
    assertThat(failed.count()).isEqualTo(1);
    assertThat(failed.totalTime(TimeUnit.NANOSECONDS)).isEqualTo(7_000);
  }

  @ParameterizedTest
  @EnumSource(Gauge.class)
  void gauge_every_readsTheSupplierAndSurvivesGc(Gauge gauge) {
    AtomicLong level = new AtomicLong(3);
    metrics.gauge(gauge, level::get);
    String name =
        switch (gauge) {
          case HASHES_ACTIVE -> "jwtsecurity.password.hashes.active";
          case HASHES_QUEUED -> "jwtsecurity.password.hashes.queued";
          case THROTTLE_ENTRIES -> "jwtsecurity.throttle.entries";
          case DENYLIST_ENTRIES -> "jwtsecurity.denylist.entries";
        };

    assertThat(registry.get(name).gauge().value()).isEqualTo(3);
    level.set(11);
    System.gc(); // a weakly held supplier (a method reference nobody else holds) would read NaN
    assertThat(registry.get(name).gauge().value()).isEqualTo(11);
  }

  @Test
  void gauge_registeredAgain_latestSupplierReportsAndOtherTagsUntouched() {
    MicrometerSecurityMetrics tagged =
        MicrometerSecurityMetrics.of(registry, Tags.of("realm", "admin"));
    tagged.gauge(Gauge.DENYLIST_ENTRIES, () -> 7);
    metrics.gauge(Gauge.DENYLIST_ENTRIES, () -> 1);

    metrics.gauge(Gauge.DENYLIST_ENTRIES, () -> 2); // the front door built again

    assertThat(registry.find("jwtsecurity.denylist.entries").gauges()).hasSize(2);
    assertThat(
            registry.find("jwtsecurity.denylist.entries").gauges().stream()
                .filter(g -> g.getId().getTag("realm") == null)
                .findFirst()
                .orElseThrow()
                .value())
        .isEqualTo(2);
    assertThat(registry.get("jwtsecurity.denylist.entries").tag("realm", "admin").gauge().value())
        .isEqualTo(7);
  }

  @Test
  void keyCache_hitsMissesAndFetches_perIssuer() {
    KeyCacheMetrics a = metrics.keyCache("https://a.example");
    KeyCacheMetrics b = metrics.keyCache("https://b.example");
    a.hit();
    a.hit();
    a.miss();
    b.miss();
    a.fetch(true, 9_000_000);
    a.fetch(false, 1_000_000);

    assertThat(
            registry
                .get("jwtsecurity.keycache.requests")
                .tags("issuer", "https://a.example", "result", "hit")
                .counter()
                .count())
        .isEqualTo(2);
    assertThat(
            registry
                .get("jwtsecurity.keycache.requests")
                .tags("issuer", "https://a.example", "result", "miss")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(
            registry
                .get("jwtsecurity.keycache.requests")
                .tags("issuer", "https://b.example", "result", "miss")
                .counter()
                .count())
        .isEqualTo(1);
    Timer fetched =
        registry
            .get("jwtsecurity.keycache.fetches")
            .tags("issuer", "https://a.example", "outcome", "success")
            .timer();
    assertThat(fetched.totalTime(TimeUnit.NANOSECONDS)).isEqualTo(9_000_000);
    assertThat(
            registry
                .get("jwtsecurity.keycache.fetches")
                .tags("issuer", "https://a.example", "outcome", "failure")
                .timer()
                .count())
        .isEqualTo(1);
  }

  @Test
  void monotonicNanos_isTheRegistryClock() {
    long before = metrics.monotonicNanos();
    clock.add(Duration.ofMillis(25));

    assertThat(metrics.monotonicNanos() - before).isEqualTo(25_000_000);
  }

  @Test
  void of_withTags_everyMeterCarriesThem() {
    MicrometerSecurityMetrics tagged =
        MicrometerSecurityMetrics.of(registry, Tags.of("realm", "admin"));
    tagged.securityEvent(event(SecurityEventType.AUTHN_LOGIN_FAIL, Why.SOME_REASON));
    tagged.gauge(Gauge.HASHES_ACTIVE, () -> 1);

    assertThat(registry.find("jwtsecurity.events").tag("realm", "admin").counters()).hasSize(1);
    assertThat(registry.find("jwtsecurity.token.validation").tag("realm", "admin").timers())
        .hasSize(2);
    assertThat(registry.find("jwtsecurity.store.operations").tag("realm", "admin").timers())
        .hasSize(2 * StoreOperation.values().length);
    assertThat(registry.find("jwtsecurity.password.hashes.active").tag("realm", "admin").gauge())
        .isNotNull();
  }

  @Test
  void of_null_failsFast() {
    assertThatThrownBy(() -> MicrometerSecurityMetrics.of(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> MicrometerSecurityMetrics.of(registry, null))
        .isInstanceOf(NullPointerException.class);
  }
}
