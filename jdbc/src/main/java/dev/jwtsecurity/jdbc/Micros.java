package dev.jwtsecurity.jdbc;

import java.time.Instant;

/**
 * Instants as {@code BIGINT} microseconds since the epoch, the one time representation in every
 * table. Microseconds, not milliseconds, so that audit times (already truncated to microseconds)
 * round-trip exactly; values beyond the range of a {@code long} (about 292,000 years) are clamped.
 */
final class Micros {

  private static final long PER_SECOND = 1_000_000L;

  private Micros() {}

  /** Rounds down to the microsecond. */
  static long floor(Instant t) {
    try {
      return Math.addExact(Math.multiplyExact(t.getEpochSecond(), PER_SECOND), t.getNano() / 1000);
    } catch (ArithmeticException e) {
      return t.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /** Rounds up to the microsecond. */
  static long ceil(Instant t) {
    long m = floor(t);
    return m != Long.MAX_VALUE && m != Long.MIN_VALUE && instant(m).isBefore(t) ? m + 1 : m;
  }

  static Instant instant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, PER_SECOND), Math.floorMod(micros, PER_SECOND) * 1000);
  }
}
