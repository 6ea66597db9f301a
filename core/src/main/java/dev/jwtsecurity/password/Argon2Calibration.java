package dev.jwtsecurity.password;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/** The measuring loop of {@link Argon2Parameters#calibrate}, with a seam for tests. */
final class Argon2Calibration {

  /** The most iterations calibration will choose. */
  static final int MAX_ITERATIONS = 10;

  private Argon2Calibration() {}

  static Argon2Parameters calibrate(Duration target, int memoryKiB, int parallelism) {
    return calibrate(target, memoryKiB, parallelism, NativeHashEngine.INSTANCE, System::nanoTime);
  }

  static Argon2Parameters calibrate(
      Duration target, int memoryKiB, int parallelism, HashEngine engine, LongSupplier nanoTicker) {
    Objects.requireNonNull(target, "target");
    if (target.compareTo(Duration.ofMillis(10)) < 0
        || target.compareTo(Duration.ofSeconds(5)) > 0) {
      throw new IllegalArgumentException("target must be 10 ms .. 5 s, was " + target);
    }
    if (parallelism < 1 || parallelism > 16) {
      throw new IllegalArgumentException("parallelism must be 1..16, was " + parallelism);
    }
    int m = Math.max(Math.max(memoryKiB, 7168), 8 * parallelism);
    int t = Math.max(1, (int) ((35840L + m - 1) / m));
    long targetNanos = target.toNanos();
    byte[] password = "calibration".getBytes(StandardCharsets.US_ASCII);
    byte[] salt = new byte[16];
    while (true) {
      Argon2Parameters p = Argon2Parameters.argon2id(m, t, parallelism);
      long start = nanoTicker.getAsLong();
      engine.argon2(p, password, salt);
      long elapsed = nanoTicker.getAsLong() - start;
      if (elapsed >= targetNanos || t >= MAX_ITERATIONS) {
        return p;
      }
      // Time is about linear in t: jump close to the target, at least one step.
      long next = elapsed <= 0 ? t * 2L : (long) Math.ceil((double) t * targetNanos / elapsed);
      t = (int) Math.min(MAX_ITERATIONS, Math.max(t + 1L, next));
    }
  }
}
