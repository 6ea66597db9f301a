package dev.jwtsecurity.benchmarks;

import dev.jwtsecurity.token.InvalidTokenException;
import dev.jwtsecurity.token.VerifiedAccessToken;
import java.util.concurrent.TimeUnit;
import org.jose4j.jwt.JwtClaims;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;

/**
 * HS256 validation with both cores busy, because per-call provider look-ups and locks only show
 * under contention. Same token, validators and floor as {@link Hs256ValidationBenchmark}; the
 * validators are shared by both threads.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(2)
public class Hs256ValidationTwoThreadsBenchmark {

  @Benchmark
  public VerifiedAccessToken ours(Hs256ValidationBenchmark.Shared s) throws InvalidTokenException {
    return s.ours.validate(s.token);
  }

  @Benchmark
  public JwtClaims jose4j(Hs256ValidationBenchmark.Shared s) throws Exception {
    return s.jose4j.processToClaims(s.token);
  }

  @Benchmark
  public String jcaFloor(Hs256ValidationBenchmark.Shared s, Hs256ValidationBenchmark.Floor f) {
    return f.floor.validate(s.token);
  }
}
