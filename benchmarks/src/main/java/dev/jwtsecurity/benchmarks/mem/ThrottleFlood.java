package dev.jwtsecurity.benchmarks.mem;

import dev.jwtsecurity.throttle.LoginThrottle;
import dev.jwtsecurity.throttle.ThrottleStore;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A flood of 1,000,000 failed logins, each from a distinct IPv4 address for a distinct account
 * name, against the default {@link LoginThrottle} and {@link ThrottleStore#inMemory()} (100,000
 * keys at most). Retained heap (used heap after full GCs) is measured before and at checkpoints;
 * memory is bounded when the retained heap stops growing once the store is full (after 100,000
 * keys).
 *
 * <pre>
 * java -Xms512m -Xmx512m -cp benchmarks.jar dev.jwtsecurity.benchmarks.mem.ThrottleFlood OUT.json
 * </pre>
 */
public final class ThrottleFlood {

  static final int KEYS = 1_000_000;
  static final int[] CHECKPOINTS = {100_000, 250_000, 500_000, 1_000_000};

  private ThrottleFlood() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "ThrottleFlood.json");
    ThrottleStore store = ThrottleStore.inMemory();
    LoginThrottle throttle = LoginThrottle.builder().store(store).build();
    long before = retained();
    Map<String, Object> r = new LinkedHashMap<>();
    long atQuarter = -1;
    long atEnd = -1;
    long spent = 0;
    long segment = System.nanoTime();
    int c = 0;
    for (int i = 1; i <= KEYS; i++) {
      throttle.recordFailure(
          "10." + ((i >> 16) & 0xff) + "." + ((i >> 8) & 0xff) + "." + (i & 0xff), "flood-" + i);
      if (c < CHECKPOINTS.length && i == CHECKPOINTS[c]) {
        spent += System.nanoTime() - segment;
        long ret = retained() - before;
        r.put(
            "after " + i + " keys",
            "retained heap +"
                + Json.mib(ret)
                + ", "
                + (spent / i)
                + " ns per recordFailure so far");
        if (i == 250_000) {
          atQuarter = ret;
        }
        atEnd = ret;
        c++;
        segment = System.nanoTime(); // the measuring GCs are not charged to the flood
      }
    }
    boolean bounded = atEnd <= atQuarter * 11 / 10 + (2L << 20);
    r.put(
        "summary",
        "1,000,000 distinct address+account failures into a store of 100,000 keys: retained heap +"
            + Json.mib(atEnd)
            + " (at 250,000 keys: +"
            + Json.mib(atQuarter)
            + ")");
    r.put("target", "retained heap flat after the store fills");
    r.put("pass", bounded);
    r.put("baseline used heap", Json.mib(before));
    Json.write(out, r);
  }

  private static long retained() throws InterruptedException {
    MemoryMXBean heap = ManagementFactory.getMemoryMXBean();
    long min = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
      min = Math.min(min, heap.getHeapMemoryUsage().getUsed());
    }
    return min;
  }
}
