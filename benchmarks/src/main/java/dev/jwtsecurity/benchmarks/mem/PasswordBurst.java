package dev.jwtsecurity.benchmarks.mem;

import dev.jwtsecurity.password.PasswordHasher;
import dev.jwtsecurity.password.PasswordVerification;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * 100 simultaneous logins against one {@link PasswordHasher} at its defaults (OWASP Argon2id, 256
 * MiB budget). The 100 threads are created and parked first; then the resident-set peak is reset,
 * all are released at once, and a sampler records VmRSS every millisecond (the kernel's VmHWM is
 * read too). Argon2 memory is native, so the growth of the resident set over the idle baseline is
 * what the budget bounds. Run with {@code -Xms = -Xmx -XX:+AlwaysPreTouch} so the heap is resident
 * before the burst and does not count as growth.
 *
 * <pre>
 * java -Xms512m -Xmx512m -XX:+AlwaysPreTouch -cp benchmarks.jar dev.jwtsecurity.benchmarks.mem.PasswordBurst OUT.json
 * </pre>
 */
public final class PasswordBurst {

  static final int LOGINS = 100;

  private PasswordBurst() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "PasswordBurst.json");
    PasswordHasher hasher = PasswordHasher.builder().build();
    String stored = hasher.hash("correct horse battery staple");
    hasher.verify(
        "correct horse battery staple", stored); // warm: native library loaded, code paths compiled

    CountDownLatch ready = new CountDownLatch(LOGINS);
    CountDownLatch go = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(LOGINS);
    Map<String, Integer> outcomes = new ConcurrentHashMap<>();
    Thread[] threads = new Thread[LOGINS];
    for (int i = 0; i < LOGINS; i++) {
      boolean right = i % 2 == 0; // half right, half wrong passwords: both cost one verification
      threads[i] =
          new Thread(
              () -> {
                ready.countDown();
                try {
                  go.await();
                  PasswordVerification v =
                      hasher.verify(right ? "correct horse battery staple" : "wrong horse", stored);
                  outcomes.merge(v.status().name(), 1, Integer::sum);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                  outcomes.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                } finally {
                  done.countDown();
                }
              },
              "login-" + i);
      threads[i].start();
    }
    ready.await();
    System.gc();
    Thread.sleep(200);

    MemoryMXBean heap = ManagementFactory.getMemoryMXBean();
    long idleRss = ProcStatus.bytes("VmRSS");
    long idleHeap = heap.getHeapMemoryUsage().getUsed();
    boolean hwmReset = ProcStatus.resetPeak();
    AtomicLong peakRss = new AtomicLong(idleRss);
    AtomicLong peakHeap = new AtomicLong(idleHeap);
    Thread sampler =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                peakRss.accumulateAndGet(ProcStatus.bytes("VmRSS"), Math::max);
                peakHeap.accumulateAndGet(heap.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                  Thread.sleep(1);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "sampler");
    sampler.setDaemon(true);
    sampler.start();

    long t0 = System.nanoTime();
    go.countDown();
    done.await();
    long millis = (System.nanoTime() - t0) / 1_000_000;
    sampler.interrupt();
    sampler.join();
    long hwm = hwmReset ? ProcStatus.bytes("VmHWM") : -1;
    long peak = Math.max(peakRss.get(), hwm);
    long growth = peak - idleRss;
    long budget = (long) PasswordHasher.DEFAULT_MEMORY_BUDGET_KIB * 1024;
    long perHash = (long) hasher.parameters().memoryKiB() * 1024;

    Map<String, Object> r = new LinkedHashMap<>();
    r.put(
        "summary",
        "peak resident growth "
            + Json.mib(growth)
            + " over idle with "
            + LOGINS
            + " simultaneous logins; budget "
            + Json.mib(budget)
            + " = at most "
            + hasher.maxConcurrentHashes()
            + " x "
            + Json.mib(perHash));
    r.put("target", "growth <= budget (" + Json.mib(budget) + ")");
    r.put("pass", growth >= 0 && growth <= budget && peakRss.get() > 0);
    r.put("parameters", hasher.parameters().toString());
    r.put("max concurrent hashes", hasher.maxConcurrentHashes());
    r.put("memory per hash", Json.mib(perHash));
    r.put("memory budget", Json.mib(budget));
    r.put("idle RSS (threads parked)", Json.mib(idleRss));
    r.put("peak RSS (1 ms samples)", Json.mib(peakRss.get()));
    r.put("peak RSS (kernel VmHWM after reset)", hwm < 0 ? "unavailable" : Json.mib(hwm));
    r.put("peak resident growth", Json.mib(growth));
    r.put("peak heap used growth", Json.mib(peakHeap.get() - idleHeap));
    r.put("burst wall time", millis + " ms");
    r.put("outcomes", new java.util.TreeMap<>(outcomes).toString());
    Json.write(out, r);
  }
}
