package dev.jwtsecurity.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsecurity.throttle.ThrottleKey;
import dev.jwtsecurity.throttle.ThrottlePolicy;
import dev.jwtsecurity.throttle.ThrottleState;
import dev.jwtsecurity.throttle.ThrottleStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every {@link ThrottleStore} must show, in one JVM and across several: the in-memory
 * store, the JDBC stores (H2, PostgreSQL) and the Redis store all pass it. A store for another
 * database extends it in a class named {@code ...Test} and returns a fresh, empty store from {@link
 * #newStore()} (and, if it is shared by several instances, a second client of the same data from
 * {@link #sameBackend}):
 *
 * <pre>{@code
 * class MyThrottleStoreTest extends ThrottleStoreContract {
 *   @Override protected ThrottleStore newStore() { return MyThrottleStore.on(emptyDatabase()); }
 * }
 * }</pre>
 *
 * <p>Every instant the suite passes lies at or after {@link #T0} and within a day of it.
 */
public abstract class ThrottleStoreContract {

  /** The earliest instant the suite uses. */
  protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00.654321Z");

  /** Three failures in 15 minutes lock a key for 1 minute, doubling up to 15. */
  protected static final ThrottlePolicy POLICY =
      new ThrottlePolicy(3, Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofMinutes(15));

  /** Threads per concurrency case. */
  protected static final int THREADS = 8;

  private ThrottleStore store;

  /**
   * Returns a new, empty store.
   *
   * @return the store under test
   */
  protected abstract ThrottleStore newStore();

  /**
   * Returns another client of the same data as {@code store}, as a second application instance
   * would build it. The default returns {@code store} itself, right for a store that lives in one
   * JVM.
   *
   * @param store a store returned by {@link #newStore()}
   * @return a store that sees and changes the same counters
   */
  protected ThrottleStore sameBackend(ThrottleStore store) {
    return store;
  }

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  @Test
  void get_unknownKey_isEmpty() {
    assertThat(store.get(ThrottleKey.forAccount("nobody"), T0)).isEmpty();
  }

  @Test
  void recordFailure_upToMaxFailures_locksOutAndGetAgrees() {
    ThrottleKey key = ThrottleKey.forAccount("alice");
    ThrottleState s1 = store.recordFailure(key, POLICY, T0);
    assertThat(s1.failures()).isEqualTo(1);
    assertThat(store.get(key, T0)).contains(s1);
    store.recordFailure(key, POLICY, T0.plusSeconds(1));
    ThrottleState s3 = store.recordFailure(key, POLICY, T0.plusSeconds(2));
    assertThat(s3.isLockedAt(T0.plusSeconds(2))).isTrue();
    assertThat(s3.lockouts()).isEqualTo(1);
    assertThat(s3)
        .isEqualTo(
            ThrottleState.initial(T0)
                .afterFailure(POLICY, T0)
                .afterFailure(POLICY, T0.plusSeconds(1))
                .afterFailure(POLICY, T0.plusSeconds(2)));
    assertThat(store.get(key, T0.plusSeconds(3))).contains(s3);
  }

  @Test
  void recordFailure_afterExpiry_startsAfresh() {
    ThrottleKey key = ThrottleKey.forAddress("192.0.2.7");
    ThrottleState s = store.recordFailure(key, POLICY, T0);
    Instant later = s.expiresAt();
    assertThat(store.get(key, later.minusNanos(1000))).contains(s);
    assertThat(store.get(key, later)).isEmpty();
    assertThat(store.recordFailure(key, POLICY, later).failures()).isEqualTo(1);
  }

  @Test
  void reset_forgetsKeyAndIsIdempotent() {
    ThrottleKey key = ThrottleKey.forAccount("alice");
    ThrottleKey other = ThrottleKey.forAccount("bob");
    store.recordFailure(key, POLICY, T0);
    store.recordFailure(other, POLICY, T0);
    store.reset(key);
    store.reset(key);
    assertThat(store.get(key, T0)).isEmpty();
    assertThat(store.get(other, T0)).isPresent();
    assertThat(store.recordFailure(key, POLICY, T0).failures()).isEqualTo(1);
  }

  @Test
  void keys_accountAndAddress_areSeparate() {
    ThrottleKey account = ThrottleKey.forAccount("192.0.2.1");
    ThrottleKey address = ThrottleKey.forAddress("192.0.2.1");
    store.recordFailure(account, POLICY, T0);
    store.recordFailure(account, POLICY, T0);
    assertThat(store.recordFailure(address, POLICY, T0).failures()).isEqualTo(1);
  }

  @Test
  void purgeExpired_deletesOnlyExpiredRecords() {
    ThrottleKey old = ThrottleKey.forAccount("old");
    ThrottleKey fresh = ThrottleKey.forAccount("fresh");
    ThrottleState o = store.recordFailure(old, POLICY, T0);
    store.recordFailure(fresh, POLICY, T0.plusSeconds(60));
    assertThat(store.purgeExpired(o.expiresAt().minusNanos(1000))).isZero();
    assertThat(store.purgeExpired(o.expiresAt())).isEqualTo(1);
    assertThat(store.get(fresh, o.expiresAt())).isPresent();
    assertThat(store.get(old, T0)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "o'brien",
        "x'); DELETE FROM t; --",
        "\" OR \"1\"=\"1",
        "a\\b%_",
        "\u00e9\u4e2d\ud83d\ude00",
        "{tag}:*?[x]",
        "}{"
      })
  void hostileKeys_countedSeparatelyAndVerbatim(String name) {
    ThrottleKey key = ThrottleKey.forAccount(name);
    store.recordFailure(key, POLICY, T0);
    assertThat(store.get(key, T0).orElseThrow().failures()).isEqualTo(1);
    assertThat(store.get(ThrottleKey.forAccount(name + "x"), T0)).isEmpty();
    assertThat(store.get(ThrottleKey.forAccount(name.substring(1)), T0)).isEmpty();
  }

  @Test
  void recordFailure_randomSequences_matchThePureTransition() {
    long seed = new Random().nextLong();
    System.out.println("ThrottleStoreContract seed=" + seed);
    Random random = new Random(seed);
    for (int k = 0; k < 5; k++) {
      ThrottleKey key = ThrottleKey.forAccount("user" + k + "-" + seed);
      ThrottleState expected = ThrottleState.initial(T0);
      Instant now = T0;
      for (int i = 0; i < 12; i++) {
        now = now.plusSeconds(random.nextInt(400));
        expected = expected.afterFailure(POLICY, now);
        assertThat(store.recordFailure(key, POLICY, now)).as("seed %d", seed).isEqualTo(expected);
        assertThat(store.get(key, now)).as("seed %d", seed).contains(expected);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Several clients of one backend (several application instances), racing.

  @Test
  void recordFailure_concurrentFromTwoClients_countsEveryFailure() throws Exception {
    ThrottleStore other = sameBackend(store);
    ThrottlePolicy roomy =
        new ThrottlePolicy(
            1_000_000, Duration.ofDays(1), Duration.ofMinutes(1), Duration.ofDays(1));
    int perThread = 50;
    try (Race race = new Race(THREADS)) {
      for (int round = 0; round < 3; round++) {
        ThrottleKey key = ThrottleKey.forAccount("victim-" + round);
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          ThrottleStore s = t % 2 == 0 ? store : other;
          int thread = t;
          tasks.add(
              () -> {
                for (int i = 0; i < perThread; i++) {
                  s.recordFailure(key, roomy, T0.plusMillis(thread * 1000L + i));
                }
                return perThread;
              });
        }
        race.run(tasks);
        assertThat(other.get(key, T0.plusSeconds(60)).orElseThrow().failures())
            .as("round %d", round)
            .isEqualTo(THREADS * perThread);
        assertThat(store.get(key, T0.plusSeconds(60)).orElseThrow().failures())
            .isEqualTo(THREADS * perThread);
      }
    }
  }

  @Test
  void recordFailure_concurrentLockout_everyClientSeesTheLock() throws Exception {
    ThrottleStore other = sameBackend(store);
    ThrottleKey key = ThrottleKey.forAccount("locked");
    List<Callable<Integer>> tasks = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      ThrottleStore s = t % 2 == 0 ? store : other;
      tasks.add(() -> s.recordFailure(key, ThrottlePolicy.ACCOUNT_DEFAULT, T0).lockouts());
    }
    try (Race race = new Race(THREADS)) {
      race.run(tasks);
    }
    // 8 simultaneous failures against a budget of 5: exactly one lockout started, seen by both
    // clients.
    assertThat(store.get(key, T0).orElseThrow().isLockedAt(T0)).isTrue();
    assertThat(other.get(key, T0).orElseThrow().lockouts()).isEqualTo(1);
  }
}
