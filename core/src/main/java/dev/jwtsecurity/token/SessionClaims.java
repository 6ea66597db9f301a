package dev.jwtsecurity.token;

import java.time.Instant;

/**
 * The {@code cvs} claim's encoding: an instant as whole nanoseconds since the epoch, so that the
 * instant a user directory answers is carried exactly, whatever precision the directory keeps.
 * Instants before the epoch (such as {@link Instant#MIN}, "never changed") count as the epoch and
 * instants after 2262 as the largest value: both sides of a comparison are mapped the same way.
 */
final class SessionClaims {

  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final long MAX_SECONDS = Long.MAX_VALUE / NANOS_PER_SECOND;

  private SessionClaims() {}

  static long nanosOf(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds < 0) {
      return 0;
    }
    if (seconds >= MAX_SECONDS) {
      return Long.MAX_VALUE;
    }
    return seconds * NANOS_PER_SECOND + instant.getNano();
  }

  static Instant instantOfNanos(long nanos) {
    return Instant.ofEpochSecond(
        Math.floorDiv(nanos, NANOS_PER_SECOND), Math.floorMod(nanos, NANOS_PER_SECOND));
  }
}
