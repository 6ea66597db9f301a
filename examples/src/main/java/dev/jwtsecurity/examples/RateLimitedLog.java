package dev.jwtsecurity.examples;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Lets at most {@code perWindow} lines through per time window and counts the rest, so a client
 * that can provoke an error at will cannot flood the log: the first line of the next window says
 * how many were suppressed.
 *
 * <pre>{@code
 * RateLimitedLog limit = new RateLimitedLog(5, Duration.ofMinutes(1), System::nanoTime);
 * long suppressed = limit.tryAcquire();
 * if (suppressed >= 0) {
 *   LOG.error("... suppressed={}", suppressed);
 * }
 * }</pre>
 */
final class RateLimitedLog {

  private final int perWindow;
  private final long windowNanos;
  private final LongSupplier nanoTime;
  private long windowStart;
  private int used;
  private long suppressed;

  RateLimitedLog(int perWindow, Duration window, LongSupplier nanoTime) {
    if (perWindow < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("at least one line per positive window");
    }
    this.perWindow = perWindow;
    this.windowNanos = window.toNanos();
    this.nanoTime = nanoTime;
    this.windowStart = nanoTime.getAsLong();
  }

  /**
   * Whether a line may be written now.
   *
   * @return -1 when the line must be dropped, else how many lines were dropped since the last one
   *     written
   */
  synchronized long tryAcquire() {
    long now = nanoTime.getAsLong();
    if (now - windowStart >= windowNanos) {
      windowStart = now;
      used = 0;
    }
    if (used >= perWindow) {
      suppressed++;
      return -1;
    }
    used++;
    long dropped = suppressed;
    suppressed = 0;
    return dropped;
  }
}
