package dev.jwtsecurity.password;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Picks Argon2id parameters that take about a target time on the current machine, never below the
 * OWASP floor.
 *
 * <pre>{@code
 * Argon2Parameters p = Argon2Calibration.calibrate(Duration.ofMillis(250), 65536, 1);
 * PasswordHasher hasher = PasswordHasher.builder().parameters(p).build();
 * }</pre>
 *
 * <p>Memory and parallelism are the caller's choice (memory is what makes Argon2 expensive for
 * GPUs: spend it first, within what {@code memory budget / concurrent logins} allows); the
 * iteration count is raised until one hash takes at least the target, up to {@value
 * #MAX_ITERATIONS}. The result always satisfies {@link Argon2Parameters#meetsOwaspFloor()}: the
 * memory is raised to 7168 KiB and the iterations to {@code ceil(35840 / m)} when below.
 *
 * <h2>Security considerations</h2>
 *
 * <p>Calibrate on the production hardware, under no other load, and record the result in
 * configuration: calibrating at every start-up would make the cost vary with the load at that
 * moment.
 */
public final class Argon2Calibration {

  /** The most iterations calibration will choose. */
  public static final int MAX_ITERATIONS = 10;

  private Argon2Calibration() {}

  /**
   * Measures and returns parameters for the target time.
   *
   * @param target the wanted time per hash, 10 ms .. 5 s
   * @param memoryKiB the memory cost in KiB (raised to 7168 when below)
   * @param parallelism the lanes, 1..16
   * @return Argon2id v=19 parameters meeting the OWASP floor
   * @throws IllegalArgumentException if an argument is out of range
   */
  public static Argon2Parameters calibrate(Duration target, int memoryKiB, int parallelism) {
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
