package dev.jwtsecurity.benchmarks;

import de.mkammerer.argon2.Argon2Advanced;
import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Version;
import dev.jwtsecurity.argon2.bouncycastle.BouncyCastleArgon2Engine;
import dev.jwtsecurity.password.Argon2Parameters;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One Argon2id computation at the hasher's default parameters (m=19456 KiB, t=2, p=1, 32-byte tag)
 * on each engine, on the benchmark thread: {@code native} (argon2-jvm, the C reference the hasher
 * uses by default; the baseline) and {@code bouncycastle} (jwt-security-argon2-bouncycastle, pure
 * Java). Besides wall time, each row reports {@code cpuMsPerOp}, the benchmark thread's CPU time
 * per computation, which stays meaningful when other processes share the cores; the ratio of the
 * two rows of one run is the cost of going native-free.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
public class Argon2EngineBenchmark {

  private static final Argon2Parameters DEFAULTS = Argon2Parameters.DEFAULT;

  @Param({"native", "bouncycastle"})
  public String engine;

  private final byte[] password = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);
  private final byte[] salt = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private Argon2Advanced nativeArgon2;
  private BouncyCastleArgon2Engine bouncyCastle;

  /** CPU time per computation, from the thread's own CPU clock. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class CpuTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private long cpuNanos;
    private long calls;

    /** The average so far: JMH reports the last value of each iteration. */
    public double cpuMsPerOp;

    @Setup(Level.Iteration)
    public void reset() {
      cpuNanos = 0;
      calls = 0;
      cpuMsPerOp = 0;
    }

    void add(long nanos) {
      cpuNanos += nanos;
      calls++;
      cpuMsPerOp = cpuNanos / 1e6 / calls;
    }

    long now() {
      return THREADS.getCurrentThreadCpuTime();
    }
  }

  @Setup
  public void setUp() {
    nativeArgon2 = Argon2Factory.createAdvanced(Argon2Factory.Argon2Types.ARGON2id);
    bouncyCastle = new BouncyCastleArgon2Engine();
    // The engines must agree before their times mean anything.
    if (!Arrays.equals(nativeTag(), bouncyCastle.rawHash(DEFAULTS, password, salt))) {
      throw new IllegalStateException("the engines disagree");
    }
  }

  private byte[] nativeTag() {
    return nativeArgon2.rawHashAdvanced(
        DEFAULTS.iterations(),
        DEFAULTS.memoryKiB(),
        DEFAULTS.parallelism(),
        password,
        salt,
        null,
        null,
        DEFAULTS.hashLength(),
        Argon2Version.V13);
  }

  @Benchmark
  public byte[] rawHash(CpuTime cpu) {
    long start = cpu.now();
    byte[] tag =
        engine.equals("native") ? nativeTag() : bouncyCastle.rawHash(DEFAULTS, password, salt);
    cpu.add(cpu.now() - start);
    return tag;
  }
}
