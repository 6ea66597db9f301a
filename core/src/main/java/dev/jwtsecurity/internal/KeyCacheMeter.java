package dev.jwtsecurity.internal;

import dev.jwtsecurity.metrics.SecurityMetrics;
import dev.jwtsecurity.metrics.SecurityMetrics.KeyCacheMetrics;
import java.util.Objects;

/**
 * The hook through which the key cache of a trusted identity provider reports to {@link
 * SecurityMetrics}: the front door makes one per trusted issuer while it is built ({@code
 * KeyCacheMeter.of(metrics, issuer)}) and hands it to that issuer's key cache, which calls {@link
 * #hit()} or {@link #miss()} for each token's key lookup and brackets each fetch of the provider's
 * discovery document and JWK Set with {@link #fetchStarted()} and {@link #fetchEnded}. Not API.
 *
 * <pre>{@code
 * long started = meter.fetchStarted();
 * boolean ok = false;
 * try {
 *   keys = fetchKeySet();
 *   ok = true;
 * } finally {
 *   meter.fetchEnded(started, ok);
 * }
 * }</pre>
 *
 * <p>Without metrics the front door hands out {@link #NONE}, which reads no clock and records
 * nothing, so a cache lookup does no work for metrics. A metrics implementation that throws loses
 * that one measurement: the exception never reaches the cache, so it cannot change which keys a
 * token is verified with.
 */
public final class KeyCacheMeter {

  /** Records nothing and reads no clock: the meter of a front door without metrics. */
  public static final KeyCacheMeter NONE = new KeyCacheMeter(null, KeyCacheMetrics.NONE);

  private final SecurityMetrics metrics;
  private final KeyCacheMetrics recorder;

  private KeyCacheMeter(SecurityMetrics metrics, KeyCacheMetrics recorder) {
    this.metrics = metrics;
    this.recorder = recorder;
  }

  /**
   * Returns the meter of one trusted issuer's key cache.
   *
   * @param metrics the front door's metrics; {@link SecurityMetrics#none()} gives {@link #NONE}
   * @param issuer the provider's configured {@code iss} (a bounded configuration value: it becomes
   *     a tag)
   * @return the meter; {@link #NONE} when nothing is measured or the metrics implementation offers
   *     no recorder
   * @throws NullPointerException if an argument is {@code null}
   */
  public static KeyCacheMeter of(SecurityMetrics metrics, String issuer) {
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(issuer, "issuer");
    if (metrics == SecurityMetrics.none()) {
      return NONE;
    }
    KeyCacheMetrics recorder;
    try {
      recorder = metrics.keyCache(issuer);
    } catch (RuntimeException e) {
      // A broken metrics backend must not stop the front door from being built.
      return NONE;
    }
    if (recorder == null || recorder == KeyCacheMetrics.NONE) {
      return NONE;
    }
    return new KeyCacheMeter(metrics, recorder);
  }

  /** A token's key was found in the cached key set. */
  public void hit() {
    if (metrics == null) {
      return;
    }
    try {
      recorder.hit();
    } catch (RuntimeException ignored) {
      // The measurement is lost; the lookup goes on.
    }
  }

  /** A token's key was not in the cached key set (a rate-limited fetch may follow). */
  public void miss() {
    if (metrics == null) {
      return;
    }
    try {
      recorder.miss();
    } catch (RuntimeException ignored) {
      // The measurement is lost; the lookup goes on.
    }
  }

  /**
   * Reads the metrics clock before a fetch.
   *
   * @return the start, for {@link #fetchEnded}; 0 for {@link #NONE}
   */
  public long fetchStarted() {
    if (metrics == null) {
      return 0;
    }
    try {
      return metrics.monotonicNanos();
    } catch (RuntimeException e) {
      return 0; // the measurement is lost, the fetch goes on
    }
  }

  /**
   * Records a fetch of the provider's discovery document and JWK Set.
   *
   * @param started what {@link #fetchStarted()} returned
   * @param succeeded whether a usable key set came back
   */
  public void fetchEnded(long started, boolean succeeded) {
    if (metrics == null) {
      return;
    }
    try {
      recorder.fetch(succeeded, metrics.monotonicNanos() - started);
    } catch (RuntimeException ignored) {
      // The measurement is lost; the cache keeps what the fetch brought.
    }
  }

  @Override
  public String toString() {
    return metrics == null ? "KeyCacheMeter.NONE" : "KeyCacheMeter";
  }
}
