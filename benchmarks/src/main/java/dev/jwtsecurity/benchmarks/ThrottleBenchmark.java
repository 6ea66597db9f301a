package dev.jwtsecurity.benchmarks;

import dev.jwtsecurity.throttle.LoginThrottle;
import dev.jwtsecurity.throttle.LoginThrottle.ThrottleDecision;
import dev.jwtsecurity.throttle.ThrottleStore;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link LoginThrottle#check} with the default in-memory store holding 50,000 keys with failures: a
 * known address and account with failures below the lockout ({@code check}), and fresh addresses
 * cycling through 4,096 never-seen ones ({@code checkUnknownAddress}). Goal: under 1 us per call.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ThrottleBenchmark {

  @State(Scope.Thread)
  public static class Env {
    LoginThrottle throttle;
    String[] unknown;
    int next;

    @Setup
    public void setUp() {
      throttle = LoginThrottle.builder().store(ThrottleStore.inMemory()).build();
      for (int i = 0; i < 25_000; i++) {
        throttle.recordFailure(address(i), "user-" + i);
      }
      throttle.recordFailure("192.0.2.10", "alice");
      if (!throttle.check("192.0.2.10", "alice").allowed()) {
        throw new IllegalStateException("one failure must not lock");
      }
      unknown = new String[4096];
      for (int i = 0; i < unknown.length; i++) {
        unknown[i] = "198.51." + (i >> 8) + "." + (i & 0xff);
      }
    }
  }

  static String address(int i) {
    return "10." + ((i >> 16) & 0xff) + "." + ((i >> 8) & 0xff) + "." + (i & 0xff);
  }

  @Benchmark
  public ThrottleDecision check(Env e) {
    return e.throttle.check("192.0.2.10", "alice");
  }

  @Benchmark
  public ThrottleDecision checkUnknownAddress(Env e) {
    String a = e.unknown[e.next++ & 4095];
    return e.throttle.check(a, "bob");
  }
}
