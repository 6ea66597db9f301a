package dev.jwtsecurity.testing;

import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.metrics.SecurityMetrics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A {@link SecurityMetrics} that keeps everything it is told, with a monotonic clock tests move by
 * hand ({@link #advance}), so durations are exact.
 *
 * <pre>{@code
 * RecordingMetrics metrics = new RecordingMetrics();
 * JwtSecurity security = TestSecurity.builder("alice").metrics(metrics).build();
 * assertThat(metrics.validations).containsExactly(new RecordingMetrics.Validation(true, 0));
 * }</pre>
 */
public final class RecordingMetrics implements SecurityMetrics {

  /** One token validation. */
  public record Validation(boolean accepted, long nanos) {}

  /** One password-hash computation. */
  public record Hashing(HashOutcome outcome, long waitNanos, long computeNanos) {}

  /** One store operation. */
  public record StoreCall(StoreOperation operation, boolean succeeded, long nanos) {}

  /** One key-cache report. */
  public record KeyCacheCall(String issuer, String what, boolean succeeded, long nanos) {}

  /** The events, in order. */
  public final List<SecurityEvent> events = new CopyOnWriteArrayList<>();

  /** The token validations, in order. */
  public final List<Validation> validations = new CopyOnWriteArrayList<>();

  /** The hash computations, in order. */
  public final List<Hashing> hashings = new CopyOnWriteArrayList<>();

  /** The store operations, in order. */
  public final List<StoreCall> storeCalls = new CopyOnWriteArrayList<>();

  /** The key-cache reports, in order. */
  public final List<KeyCacheCall> keyCacheCalls = new CopyOnWriteArrayList<>();

  /** The registered gauges; a later registration of one replaces the earlier (a rebuild). */
  public final Map<Gauge, LongSupplier> gauges = new ConcurrentHashMap<>();

  /** How many gauge registrations there were, replacements included. */
  public final AtomicLong gaugeRegistrations = new AtomicLong();

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  /**
   * Moves the monotonic clock forward.
   *
   * @param delta nanoseconds
   */
  public void advance(long delta) {
    nanos.addAndGet(delta);
  }

  /**
   * Reads a registered gauge.
   *
   * @param gauge the gauge
   * @return its value now
   * @throws AssertionError if it was not registered
   */
  public long read(Gauge gauge) {
    LongSupplier s = gauges.get(gauge);
    if (s == null) {
      throw new AssertionError("gauge " + gauge + " was not registered; have " + gauges.keySet());
    }
    return s.getAsLong();
  }

  @Override
  public long monotonicNanos() {
    return nanos.get();
  }

  @Override
  public void securityEvent(SecurityEvent event) {
    events.add(event);
  }

  @Override
  public void tokenValidation(boolean accepted, long nanos) {
    validations.add(new Validation(accepted, nanos));
  }

  @Override
  public void passwordHashing(HashOutcome outcome, long waitNanos, long computeNanos) {
    hashings.add(new Hashing(outcome, waitNanos, computeNanos));
  }

  @Override
  public void storeOperation(StoreOperation operation, boolean succeeded, long nanos) {
    storeCalls.add(new StoreCall(operation, succeeded, nanos));
  }

  @Override
  public void gauge(Gauge gauge, LongSupplier value) {
    gauges.put(gauge, value);
    gaugeRegistrations.incrementAndGet();
  }

  @Override
  public KeyCacheMetrics keyCache(String issuer) {
    return new KeyCacheMetrics() {
      @Override
      public void hit() {
        keyCacheCalls.add(new KeyCacheCall(issuer, "hit", true, 0));
      }

      @Override
      public void miss() {
        keyCacheCalls.add(new KeyCacheCall(issuer, "miss", true, 0));
      }

      @Override
      public void fetch(boolean succeeded, long nanos) {
        keyCacheCalls.add(new KeyCacheCall(issuer, "fetch", succeeded, nanos));
      }
    };
  }

  /**
   * Returns the operations recorded, in order, without their durations.
   *
   * @return the operations
   */
  public List<StoreOperation> operations() {
    return storeCalls.stream().map(StoreCall::operation).toList();
  }
}
