package dev.jwtsecurity.benchmarks;

import dev.jwtsecurity.internal.ConstantTime;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link ConstantTime} against {@link MessageDigest#isEqual} on 32-byte values (an HMAC-SHA256 tag,
 * a refresh-token hash): equal inputs, and inputs differing in the first byte (a constant-time
 * comparison costs the same for both).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ConstantTimeBenchmark {

  @State(Scope.Thread)
  public static class Values {
    byte[] a;
    byte[] same;
    byte[] differsFirst;
    String sa;
    String ssame;

    @Setup
    public void setUp() {
      a = new byte[32];
      new SecureRandom().nextBytes(a);
      same = Arrays.copyOf(a, a.length);
      differsFirst = Arrays.copyOf(a, a.length);
      differsFirst[0] ^= 1;
      sa = java.util.HexFormat.of().formatHex(a);
      ssame = new String(sa.toCharArray());
    }
  }

  @Benchmark
  public boolean constantTimeBytes(Values v) {
    return ConstantTime.equals(v.a, v.same);
  }

  @Benchmark
  public boolean constantTimeBytesDiffersFirst(Values v) {
    return ConstantTime.equals(v.a, v.differsFirst);
  }

  @Benchmark
  public boolean constantTimeChars(Values v) {
    return ConstantTime.equals(v.sa, v.ssame);
  }

  @Benchmark
  public boolean messageDigestIsEqual(Values v) {
    return MessageDigest.isEqual(v.a, v.same);
  }

  @Benchmark
  public boolean messageDigestIsEqualDiffersFirst(Values v) {
    return MessageDigest.isEqual(v.a, v.differsFirst);
  }
}
