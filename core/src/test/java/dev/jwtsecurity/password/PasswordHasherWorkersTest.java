package dev.jwtsecurity.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Computations run on the hasher's own bounded worker threads (so the memory budget bounds resident
 * memory).
 */
class PasswordHasherWorkersTest {

  /** Budget for exactly {@code n} cheap computations; limits no larger than the budget. */
  private static PasswordHasher.Builder sized(int n, HashEngine engine) {
    return TestHashers.cheap()
        .engine(engine)
        .memoryBudgetKiB(n * TestHashers.CHEAP.memoryKiB())
        .limits(new HashLimits(TestHashers.CHEAP.memoryKiB(), 10, 8, 64, 64, 14));
  }

  /** Records the computing thread's name, then computes natively. */
  private static final class RecordingEngine implements HashEngine {
    final Set<String> threads = ConcurrentHashMap.newKeySet();

    @Override
    public byte[] argon2(Argon2Parameters p, byte[] password, byte[] salt) {
      threads.add(Thread.currentThread().getName());
      return NativeHashEngine.INSTANCE.argon2(p, password, salt);
    }

    @Override
    public boolean bcrypt(byte[] password, String bcryptHash) {
      threads.add(Thread.currentThread().getName());
      return NativeHashEngine.INSTANCE.bcrypt(password, bcryptHash);
    }
  }

  /** Blocks every computation until released; remembers what the worker was given and returned. */
  private static final class BlockingEngine implements HashEngine {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicReference<byte[]> seenPassword = new AtomicReference<>();
    final AtomicReference<byte[]> returnedTag = new AtomicReference<>();
    final AtomicBoolean block = new AtomicBoolean(true);

    @Override
    public byte[] argon2(Argon2Parameters p, byte[] password, byte[] salt) {
      if (block.getAndSet(false)) {
        seenPassword.set(password);
        entered.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        byte[] tag = NativeHashEngine.INSTANCE.argon2(p, password.clone(), salt);
        returnedTag.set(tag);
        return tag;
      }
      return NativeHashEngine.INSTANCE.argon2(p, password, salt);
    }

    @Override
    public boolean bcrypt(byte[] password, String bcryptHash) {
      return NativeHashEngine.INSTANCE.bcrypt(password, bcryptHash);
    }
  }

  @Test
  void verify_fiftyConcurrentCallers_computeOnlyOnAtMostNWorkerThreads() throws Exception {
    RecordingEngine engine = new RecordingEngine();
    PasswordHasher h = sized(4, engine).busyTimeout(Duration.ofSeconds(60)).build();
    assertThat(h.maxConcurrentHashes()).isEqualTo(4);
    String phc = h.hash("pw");
    String bcrypt = BCrypt.withDefaults().hashToString(10, "pw".toCharArray());
    int callers = 50;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(callers, r -> new Thread(r, "caller"));
    try {
      List<Future<PasswordVerification>> results = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        String stored = i % 10 == 0 ? bcrypt : phc;
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  return h.verify("pw", stored);
                }));
      }
      go.countDown();
      for (Future<PasswordVerification> f : results) {
        assertThat(f.get(60, TimeUnit.SECONDS).matches()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(h.verifyDummy("pw").status()).isEqualTo(PasswordVerification.Status.MISMATCH);
    assertThat(engine.threads)
        .hasSizeBetween(1, 4)
        .allMatch(n -> n.startsWith("jwt-security-argon2-"));
    assertThat(h.hashComputations()).isEqualTo(1 + callers + 1);
  }

  @Test
  void verify_onlyWorkerBusy_nextCallerGetsBusyAfterTimeoutWithoutComputing() throws Exception {
    BlockingEngine engine = new BlockingEngine();
    CountingEngine counting = new CountingEngine();
    HashEngine both =
        new HashEngine() {
          @Override
          public byte[] argon2(Argon2Parameters p, byte[] password, byte[] salt) {
            counting.argon2.incrementAndGet();
            return engine.argon2(p, password, salt);
          }

          @Override
          public boolean bcrypt(byte[] password, String bcryptHash) {
            counting.bcrypt.incrementAndGet();
            return engine.bcrypt(password, bcryptHash);
          }
        };
    PasswordHasher h = sized(1, both).busyTimeout(Duration.ofMillis(100)).build();
    String phc = TestHashers.cheap().build().hash("pw");
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<PasswordVerification> first = pool.submit(() -> h.verify("pw", phc));
      assertThat(engine.entered.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(h.verify("pw", phc).status()).isEqualTo(PasswordVerification.Status.BUSY);
      assertThat(h.verifyDummy(java.nio.CharBuffer.wrap("pw".toCharArray())).status())
          .isEqualTo(PasswordVerification.Status.BUSY);
      assertThatThrownBy(() -> h.hash("pw"))
          .isInstanceOfSatisfying(
              PasswordHashingException.class,
              e -> assertThat(e.reason()).isEqualTo(PasswordHashingException.Reason.BUSY));
      assertThat(counting.total())
          .isEqualTo(1); // the refused callers handed no work (and no password copy) over
      engine.release.countDown();
      assertThat(first.get(30, TimeUnit.SECONDS).matches()).isTrue();
      assertThat(h.verify("pw", phc).matches()).isTrue(); // slot and budget were released
      assertThat(h.hashComputations()).isEqualTo(2);
    } finally {
      engine.release.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void verify_callerInterruptedWhileComputing_getsFlagBackAndResultAndCopyAreWiped()
      throws Exception {
    BlockingEngine engine = new BlockingEngine();
    PasswordHasher h = sized(1, engine).busyTimeout(Duration.ofSeconds(30)).build();
    String phc = TestHashers.cheap().build().hash("secret-pw");
    AtomicReference<PasswordVerification> outcome = new AtomicReference<>();
    AtomicBoolean flagAfter = new AtomicBoolean();
    char[] callerPassword = "secret-pw".toCharArray();
    Thread caller =
        new Thread(
            () -> {
              outcome.set(h.verify(java.nio.CharBuffer.wrap(callerPassword), phc));
              flagAfter.set(Thread.currentThread().isInterrupted());
            },
            "caller");
    caller.start();
    assertThat(engine.entered.await(30, TimeUnit.SECONDS)).isTrue();
    caller.interrupt();
    caller.join(30_000);
    assertThat(caller.isAlive()).isFalse();
    assertThat(outcome.get().status()).isEqualTo(PasswordVerification.Status.BUSY);
    assertThat(flagAfter).isTrue();
    // The worker is still computing for nobody; let it finish. With one worker, the next
    // verification runs after
    // the abandoned job has fully ended on that same thread.
    engine.release.countDown();
    assertThat(h.verify("secret-pw", phc).matches()).isTrue();
    assertThat(engine.seenPassword.get()).isNotSameAs(callerPassword).containsOnly(0);
    assertThat(engine.returnedTag.get()).containsOnly(0); // the discarded result was wiped
    assertThat(callerPassword)
        .containsExactly("secret-pw".toCharArray()); // the caller's own array is untouched
  }

  @Test
  void verify_interruptedBeforeAdmission_getsBusyWithFlagAndComputesNothing() {
    CountingEngine engine = new CountingEngine();
    PasswordHasher h = sized(2, engine).build();
    Thread.currentThread().interrupt();
    try {
      assertThat(
              h.verify(
                      "pw",
                      "$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$"
                          + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
                  .status())
          .isEqualTo(PasswordVerification.Status.BUSY);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(engine.total()).isZero();
    assertThat(h.hashComputations()).isZero();
  }

  @Test
  void verify_engineThrows_sameExceptionSurfacesAndSlotIsReleased() throws Exception {
    IllegalStateException boom = new IllegalStateException("native failure");
    AtomicBoolean fail = new AtomicBoolean(true);
    HashEngine failing =
        new HashEngine() {
          @Override
          public byte[] argon2(Argon2Parameters p, byte[] password, byte[] salt) {
            if (fail.getAndSet(false)) {
              throw boom;
            }
            return NativeHashEngine.INSTANCE.argon2(p, password, salt);
          }

          @Override
          public boolean bcrypt(byte[] password, String bcryptHash) {
            return false;
          }
        };
    PasswordHasher h = sized(1, failing).busyTimeout(Duration.ofMillis(200)).build();
    assertThatThrownBy(() -> h.hash("pw")).isSameAs(boom);
    String phc = h.hash("pw"); // would be BUSY if the failed computation had kept the only slot
    assertThat(h.verify("pw", phc).matches()).isTrue();
    assertThat(h.hashComputations()).isEqualTo(3);
  }

  @Test
  void hashWorkers_moreTasksThanWorkersAndQueue_rejectsInsteadOfGrowing() throws Exception {
    HashWorkers workers = new HashWorkers(1);
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Set<String> names = ConcurrentHashMap.newKeySet();
    try {
      workers.execute(
          () -> {
            names.add(Thread.currentThread().getName());
            running.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
      assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
      CountDownLatch queuedRan = new CountDownLatch(1);
      workers.execute(queuedRan::countDown); // waits in the bounded queue
      assertThatThrownBy(() -> workers.execute(() -> {}))
          .isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
      assertThat(workers.threads()).isEqualTo(1);
      release.countDown();
      assertThat(queuedRan.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(names).containsExactly("jwt-security-argon2-1");
    } finally {
      release.countDown();
    }
  }
}
