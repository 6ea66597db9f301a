package dev.jwtsecurity.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A {@link Clock} tests move by hand. Thread-safe.
 *
 * <pre>{@code
 * ManualClock clock = ManualClock.at("2026-11-27T12:00:00Z");
 * clock.advance(Duration.ofMinutes(5));
 * }</pre>
 */
public final class ManualClock extends Clock {

  private volatile Instant now;

  /**
   * Creates a clock showing {@code start}.
   *
   * @param start the initial instant
   */
  public ManualClock(Instant start) {
    this.now = start;
  }

  /**
   * Returns a clock showing {@code isoInstant}.
   *
   * @param isoInstant such as {@code 2026-11-27T12:00:00Z}
   * @return the clock
   */
  public static ManualClock at(String isoInstant) {
    return new ManualClock(Instant.parse(isoInstant));
  }

  /**
   * Moves the clock.
   *
   * @param amount how far (may be negative)
   */
  public synchronized void advance(Duration amount) {
    now = now.plus(amount);
  }

  /**
   * Sets the clock.
   *
   * @param instant the new instant
   */
  public void set(Instant instant) {
    now = instant;
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("ManualClock is UTC only");
  }
}
