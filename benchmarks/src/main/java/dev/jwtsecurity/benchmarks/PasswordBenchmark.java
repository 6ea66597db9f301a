package dev.jwtsecurity.benchmarks;

import dev.jwtsecurity.password.PasswordHasher;
import dev.jwtsecurity.password.PasswordHashingException;
import dev.jwtsecurity.password.PasswordVerification;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Argon2id hashing and verification at the hasher's default parameters (OWASP: m=19 MiB, t=2, p=1).
 * Slow on purpose: the number is the cost an attacker pays per guess and a login pays once.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PasswordBenchmark {

  @State(Scope.Benchmark)
  public static class Env {
    PasswordHasher hasher;
    String stored;

    @Setup
    public void setUp() throws PasswordHashingException {
      hasher = PasswordHasher.builder().build();
      stored = hasher.hash("correct horse battery staple");
      if (!hasher.verify("correct horse battery staple", stored).matches()
          || hasher.verify("Correct horse battery staple", stored).matches()) {
        throw new IllegalStateException("the hasher does not verify its own hash");
      }
    }
  }

  @Benchmark
  public String hash(Env e) throws PasswordHashingException {
    return e.hasher.hash("correct horse battery staple");
  }

  @Benchmark
  public PasswordVerification verify(Env e) {
    return e.hasher.verify("correct horse battery staple", e.stored);
  }
}
