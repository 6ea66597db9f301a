package dev.jwtsecurity.benchmarks;

import dev.jwtsecurity.argon2.bouncycastle.BouncyCastleArgon2Engine;
import dev.jwtsecurity.password.PasswordHasher;
import dev.jwtsecurity.password.PasswordHashingException;
import dev.jwtsecurity.password.PasswordVerification;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One password verification at the default parameters (Argon2id m=19456 KiB, t=2, p=1) on each
 * engine, through the same hasher: {@code native} (argon2-jvm, the C reference; the baseline) and
 * {@code bouncycastle} (jwt-security-argon2-bouncycastle, pure Java). The ratio of the two rows of
 * one run is the cost of going native-free.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class Argon2EngineBenchmark {

  private static final String PASSWORD = "correct horse battery staple";

  @Param({"native", "bouncycastle"})
  public String engine;

  private PasswordHasher hasher;
  private String stored;

  @Setup
  public void setUp() throws PasswordHashingException {
    PasswordHasher.Builder b = PasswordHasher.builder();
    if (engine.equals("bouncycastle")) {
      b.argon2Engine(new BouncyCastleArgon2Engine());
    }
    hasher = b.build();
    // Made by the other engine, so the run also proves they agree.
    PasswordHasher other =
        engine.equals("bouncycastle")
            ? PasswordHasher.builder().build()
            : PasswordHasher.builder().argon2Engine(new BouncyCastleArgon2Engine()).build();
    stored = other.hash(PASSWORD);
    if (!hasher.verify(PASSWORD, stored).matches()) {
      throw new IllegalStateException("the engines disagree");
    }
  }

  @Benchmark
  public PasswordVerification verify() {
    return hasher.verify(PASSWORD, stored);
  }
}
