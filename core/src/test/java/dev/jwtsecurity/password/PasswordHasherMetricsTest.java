package dev.jwtsecurity.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsecurity.metrics.SecurityMetrics;
import dev.jwtsecurity.metrics.SecurityMetrics.Gauge;
import dev.jwtsecurity.metrics.SecurityMetrics.HashOutcome;
import dev.jwtsecurity.testing.RecordingMetrics;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** What a {@link PasswordHasher} reports to {@link SecurityMetrics}. */
class PasswordHasherMetricsTest {

  private final RecordingMetrics metrics = new RecordingMetrics();

  /** Budget for exactly one cheap computation. */
  private static PasswordHasher.Builder single(HashEngine engine) {
    return TestHashers.cheap()
        .engine(engine)
        .memoryBudgetKiB(TestHashers.CHEAP.memoryKiB())
        .limits(new HashLimits(TestHashers.CHEAP.memoryKiB(), 10, 8, 64, 64, 14));
  }

  /** Computes natively, and moves the metrics clock by {@code nanos} while it does. */
  private HashEngine taking(long nanos) {
    return new HashEngine() {
      @Override
      public byte[] argon2(Argon2Parameters p, byte[] password, byte[] salt) {
        metrics.advance(nanos);
        return NativeHashEngine.INSTANCE.argon2(p, password, salt);
      }

      @Override
      public boolean bcrypt(byte[] password, String bcryptHash) {
        metrics.advance(nanos);
        return NativeHashEngine.INSTANCE.bcrypt(password, bcryptHash);
      }
    };
  }

  @Test
  void hashAndVerify_withMetrics_reportComputeTimeWithoutWait() throws Exception {
    PasswordHasher h = single(taking(3_000_000)).metrics(metrics).build();

    String phc = h.hash("pw");
    assertThat(h.verify("pw", phc).matches()).isTrue();
    assertThat(h.verifyDummy("pw").matches()).isFalse();

    assertThat(metrics.hashings)
        .containsExactly(
            new RecordingMetrics.Hashing(HashOutcome.COMPLETED, 0, 3_000_000),
            new RecordingMetrics.Hashing(HashOutcome.COMPLETED, 0, 3_000_000),
            new RecordingMetrics.Hashing(HashOutcome.COMPLETED, 0, 3_000_000));
  }

  @Test
  void hashAndVerify_publicArgon2EngineChosen_reportComputeTimeAsTheBuiltInEngine()
      throws Exception {
    // The timers sit around the slot, not inside an engine: an engine given through the public SPI
    // (the pure-Java one, say) is measured exactly like the native one.
    Argon2Engine engine =
        (p, password, salt) -> {
          metrics.advance(5_000_000);
          return NativeHashEngine.INSTANCE.argon2(p, password, salt);
        };
    PasswordHasher h = TestHashers.cheap().argon2Engine(engine).metrics(metrics).build();

    String phc = h.hash("pw");
    assertThat(h.verify("pw", phc).matches()).isTrue();

    assertThat(metrics.hashings)
        .containsExactly(
            new RecordingMetrics.Hashing(HashOutcome.COMPLETED, 0, 5_000_000),
            new RecordingMetrics.Hashing(HashOutcome.COMPLETED, 0, 5_000_000));
  }

  @Test
  void verify_migratedPbkdf2AndScryptHashes_timedAsHashings() {
    // Django's test vectors, password "lètmein": legacy derivations take a hashing slot too.
    PasswordHasher h = TestHashers.cheap().metrics(metrics).build();

    assertThat(
            h.verify(
                    "lètmein",
                    "pbkdf2_sha256$600000$seasalt$OAXyhAQ/4ZDA9V5RMExt3C1OwQdUpLZ99vm1McFlLRA=")
                .matches())
        .isTrue();
    assertThat(
            h.verify(
                    "lètmein",
                    "scrypt$16384$seasalt$8$1$Qj3+9PPyRjSJIebHnG81TMjsqtaIGxNQG/aEB/NYafTJ7tibgfYz71"
                        + "m0ldQESkXFRkdVCBhhY8mx7rQwite/Pw==")
                .matches())
        .isTrue();

    assertThat(metrics.hashings)
        .extracting(RecordingMetrics.Hashing::outcome)
        .containsExactly(HashOutcome.COMPLETED, HashOutcome.COMPLETED);
  }

  @Test
  void verify_refusedBeforeComputing_reportsNothing() {
    PasswordHasher h = single(taking(1)).metrics(metrics).build();

    h.verify("pw", "$argon2id$v=19$m=999999,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaA"); // beyond limits
    h.verify("", "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2g");

    assertThat(metrics.hashings).isEmpty();
  }

  @Test
  void verify_onlyWorkerBusy_gaugesShowActiveAndQueuedThenBusyIsReportedWithItsWait()
      throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    HashEngine blocking =
        new HashEngine() {
          @Override
          public byte[] argon2(Argon2Parameters p, byte[] password, byte[] salt) {
            entered.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return NativeHashEngine.INSTANCE.argon2(p, password, salt);
          }

          @Override
          public boolean bcrypt(byte[] password, String bcryptHash) {
            return false;
          }
        };
    // The real clock for the wait: the busy timeout is measured against it.
    SecurityMetrics realClock =
        new SecurityMetrics() {
          @Override
          public long monotonicNanos() {
            return System.nanoTime();
          }

          @Override
          public void passwordHashing(HashOutcome outcome, long waitNanos, long computeNanos) {
            metrics.passwordHashing(outcome, waitNanos, computeNanos);
          }

          @Override
          public void gauge(Gauge gauge, LongSupplier value) {
            metrics.gauge(gauge, value);
          }
        };
    PasswordHasher h =
        single(blocking).busyTimeout(Duration.ofMillis(300)).metrics(realClock).build();
    String phc = TestHashers.cheap().build().hash("pw");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<PasswordVerification> first = pool.submit(() -> h.verify("pw", phc));
      assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(metrics.read(Gauge.HASHES_ACTIVE)).isEqualTo(1);
      Future<PasswordVerification> second = pool.submit(() -> h.verify("pw", phc));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (metrics.read(Gauge.HASHES_QUEUED) == 0 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(metrics.read(Gauge.HASHES_QUEUED)).isEqualTo(1);

      assertThat(second.get(30, TimeUnit.SECONDS).status())
          .isEqualTo(PasswordVerification.Status.BUSY);
      assertThat(metrics.read(Gauge.HASHES_QUEUED)).isZero();
      assertThat(metrics.hashings).hasSize(1);
      RecordingMetrics.Hashing busy = metrics.hashings.get(0);
      assertThat(busy.outcome()).isEqualTo(HashOutcome.BUSY);
      assertThat(busy.waitNanos()).isGreaterThanOrEqualTo(Duration.ofMillis(300).toNanos());
      assertThat(busy.computeNanos()).isZero();

      release.countDown();
      assertThat(first.get(30, TimeUnit.SECONDS).matches()).isTrue();
      assertThat(metrics.read(Gauge.HASHES_ACTIVE)).isZero();
      assertThat(metrics.hashings)
          .extracting(RecordingMetrics.Hashing::outcome)
          .containsExactly(HashOutcome.BUSY, HashOutcome.COMPLETED);
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void hash_metricsThrowEverywhere_hashingWorksAsWithout() throws Exception {
    SecurityMetrics broken =
        new SecurityMetrics() {
          @Override
          public long monotonicNanos() {
            throw new IllegalStateException("broken");
          }

          @Override
          public void passwordHashing(HashOutcome outcome, long waitNanos, long computeNanos) {
            throw new IllegalStateException("broken");
          }
        };
    PasswordHasher h = TestHashers.cheap().metrics(broken).build();

    assertThat(h.verify("pw", h.hash("pw")).matches()).isTrue();
  }

  @Test
  void build_withMetrics_registersTheTwoHashGauges() {
    TestHashers.cheap().metrics(metrics).build();

    assertThat(metrics.gauges.keySet())
        .containsExactlyInAnyOrder(Gauge.HASHES_ACTIVE, Gauge.HASHES_QUEUED);
  }

  @Test
  void metrics_setTwiceOrNull_failsFast() {
    PasswordHasher.Builder b = TestHashers.cheap().metrics(metrics);

    assertThatThrownBy(() -> b.metrics(metrics)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> TestHashers.cheap().metrics(null))
        .isInstanceOf(NullPointerException.class);
  }
}
