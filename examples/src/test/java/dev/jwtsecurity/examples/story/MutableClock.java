package dev.jwtsecurity.examples.story;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the tests move by hand, so "expired" needs no waiting. Thread-safe. */
public final class MutableClock extends Clock {

  private volatile Instant now;

  /**
   * A clock standing at {@code start}.
   *
   * @param start the first instant
   */
  public MutableClock(Instant start) {
    this.now = start;
  }

  /**
   * Moves the clock forward.
   *
   * @param d how far
   */
  public void advance(Duration d) {
    now = now.plus(d);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("UTC only");
  }

  @Override
  public Instant instant() {
    return now;
  }
}
