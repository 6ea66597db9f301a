package dev.jwtsecurity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsecurity.metrics.SecurityMetrics;
import dev.jwtsecurity.testing.RecordingMetrics;
import dev.jwtsecurity.testing.RecordingMetrics.KeyCacheCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The key-cache metrics hook: what reaches the metrics, and what never reaches the cache. */
class KeyCacheMeterTest {

  private static final String ISSUER = "https://idp.example.com";

  private final RecordingMetrics metrics = new RecordingMetrics();

  @Test
  void hitMissFetch_withMetrics_recordedPerIssuerWithTheFetchTimeFromTheMetricsClock() {
    KeyCacheMeter meter = KeyCacheMeter.of(metrics, ISSUER);

    meter.hit();
    meter.miss();
    long started = meter.fetchStarted();
    metrics.advance(7_000_000);
    meter.fetchEnded(started, true);
    started = meter.fetchStarted();
    metrics.advance(2_000);
    meter.fetchEnded(started, false);

    assertThat(metrics.keyCacheCalls)
        .containsExactly(
            new KeyCacheCall(ISSUER, "hit", true, 0),
            new KeyCacheCall(ISSUER, "miss", true, 0),
            new KeyCacheCall(ISSUER, "fetch", true, 7_000_000),
            new KeyCacheCall(ISSUER, "fetch", false, 2_000));
  }

  @Test
  void of_metricsNone_isNoneAndAsksNothing() {
    assertThat(KeyCacheMeter.of(SecurityMetrics.none(), ISSUER)).isSameAs(KeyCacheMeter.NONE);
  }

  @Test
  void none_readsNoClockAndRecordsNothing() {
    KeyCacheMeter.NONE.hit();
    KeyCacheMeter.NONE.miss();
    assertThat(KeyCacheMeter.NONE.fetchStarted()).isZero();
    KeyCacheMeter.NONE.fetchEnded(0, true);

    assertThat(metrics.keyCacheCalls).isEmpty();
  }

  @Test
  void of_implementationWithoutKeyCacheRecorder_isNone() {
    SecurityMetrics eventsOnly = new SecurityMetrics() {};
    SecurityMetrics nullRecorder =
        new SecurityMetrics() {
          @Override
          public KeyCacheMetrics keyCache(String issuer) {
            return null;
          }
        };

    assertThat(KeyCacheMeter.of(eventsOnly, ISSUER)).isSameAs(KeyCacheMeter.NONE);
    assertThat(KeyCacheMeter.of(nullRecorder, ISSUER)).isSameAs(KeyCacheMeter.NONE);
  }

  @Test
  void everyCall_metricsThrow_neverReachesTheCache() {
    AtomicInteger calls = new AtomicInteger();
    SecurityMetrics broken =
        new SecurityMetrics() {
          @Override
          public long monotonicNanos() {
            calls.incrementAndGet();
            throw new IllegalStateException("broken clock");
          }

          @Override
          public KeyCacheMetrics keyCache(String issuer) {
            return new KeyCacheMetrics() {
              @Override
              public void hit() {
                calls.incrementAndGet();
                throw new IllegalStateException("broken");
              }

              @Override
              public void miss() {
                calls.incrementAndGet();
                throw new IllegalStateException("broken");
              }

              @Override
              public void fetch(boolean succeeded, long nanos) {
                calls.incrementAndGet();
                throw new IllegalStateException("broken");
              }
            };
          }
        };
    SecurityMetrics brokenFactory =
        new SecurityMetrics() {
          @Override
          public KeyCacheMetrics keyCache(String issuer) {
            throw new IllegalStateException("broken");
          }
        };

    KeyCacheMeter meter = KeyCacheMeter.of(broken, ISSUER);
    meter.hit();
    meter.miss();
    assertThat(meter.fetchStarted()).isZero();
    meter.fetchEnded(0, true);

    assertThat(calls).as("each call reached the broken metrics and was contained").hasValue(4);
    assertThat(KeyCacheMeter.of(brokenFactory, ISSUER)).isSameAs(KeyCacheMeter.NONE);
  }

  @Test
  void of_null_failsFast() {
    assertThatThrownBy(() -> KeyCacheMeter.of(null, ISSUER))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> KeyCacheMeter.of(metrics, null))
        .isInstanceOf(NullPointerException.class);
  }

  static LongStream seeds() {
    long base = new Random().nextLong();
    System.out.println("KeyCacheMeterTest seeds start at " + base);
    return LongStream.range(0, 5).map(i -> base + i);
  }

  /** Whatever the sequence of lookups and fetches, the metrics see exactly that sequence. */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void anySequence_recordedExactlyInOrder(long seed) {
    Random random = new Random(seed);
    KeyCacheMeter meter = KeyCacheMeter.of(metrics, ISSUER);
    List<KeyCacheCall> expected = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      switch (random.nextInt(3)) {
        case 0 -> {
          meter.hit();
          expected.add(new KeyCacheCall(ISSUER, "hit", true, 0));
        }
        case 1 -> {
          meter.miss();
          expected.add(new KeyCacheCall(ISSUER, "miss", true, 0));
        }
        default -> {
          long took = random.nextInt(1_000_000_000);
          boolean ok = random.nextBoolean();
          long started = meter.fetchStarted();
          metrics.advance(took);
          meter.fetchEnded(started, ok);
          expected.add(new KeyCacheCall(ISSUER, "fetch", ok, took));
        }
      }
    }

    assertThat(metrics.keyCacheCalls).containsExactlyElementsOf(expected);
  }
}
