package dev.jwtsecurity.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsecurity.JwtSecurity;
import dev.jwtsecurity.StoreUnavailableException;
import dev.jwtsecurity.access.AccessTokenDenylist;
import dev.jwtsecurity.access.Authentication;
import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.refresh.InvalidRefreshTokenException;
import dev.jwtsecurity.refresh.RevocationReason;
import dev.jwtsecurity.refresh.TokenPair;
import dev.jwtsecurity.testing.TestSecurity;
import dev.jwtsecurity.throttle.ThrottleKey;
import dev.jwtsecurity.throttle.ThrottlePolicy;
import dev.jwtsecurity.throttle.ThrottleStore;
import dev.jwtsecurity.token.InvalidTokenException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Redis goes away (killed, or frozen so that it answers nothing) while the application runs, on a
 * {@code redis-server} of the test's own: every path that needs Redis fails closed with {@link
 * StoreUnavailableException} (never "not denied", never a token, never a silently uncounted
 * failure), nothing is left half-written, and once Redis is back the same {@link RedisStores} works
 * again, without a restart.
 */
class RedisOutageTest {

  private final Clock clock = Clock.systemUTC();
  private final List<AutoCloseable> resources = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  private <T extends AutoCloseable> T closing(T resource) {
    resources.add(resource);
    return resource;
  }

  private RedisStores stores(RedisServer server, Duration timeout) {
    return closing(
        RedisStores.builder()
            .uri(server.url())
            .keyPrefix("outage")
            .commandTimeout(timeout)
            .clock(clock)
            .build());
  }

  /**
   * The front door of one application instance with every shared store on {@code stores}, users
   * {@code users} (password {@link TestSecurity#PASSWORD}).
   */
  private JwtSecurity security(RedisStores stores, String... users) {
    return TestSecurity.builder(users)
        .refreshTokenStore(stores.refreshTokenStore())
        .throttleStore(stores.throttleStore())
        .denylist(stores.accessTokenDenylist())
        .clock(clock)
        .build();
  }

  private static Authentication authenticated(JwtSecurity security, String accessToken) {
    try {
      return security.authenticate(accessToken, RequestContext.UNKNOWN);
    } catch (InvalidTokenException e) {
      throw new AssertionError("token refused: " + e.reason(), e);
    }
  }

  /** Runs {@code check} until it stops throwing, for at most {@code seconds}. */
  private static <T> T eventually(int seconds, Supplier<T> check) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (true) {
      try {
        return check.get();
      } catch (StoreUnavailableException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        RedisServer.sleep(50);
      }
    }
  }

  private static void assertFailsClosed(ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("Redis");
  }

  @Test
  void everyPath_redisKilled_failsClosedAtOnceAndWorksAgainAfterRestartWithoutRebuilding()
      throws Exception {
    RedisServer server =
        closing(RedisServer.startOrSkip("--appendonly", "yes", "--appendfsync", "always"));
    RedisStores stores = stores(server, Duration.ofMillis(500));
    JwtSecurity security = security(stores, "alice", "bob");
    ThrottleStore throttle = stores.throttleStore();
    ThrottleKey key = ThrottleKey.forAccount("counted");

    TokenPair pair = TestSecurity.login(security, "alice");
    String access = pair.accessToken().value();
    String refresh = pair.refreshToken().orElseThrow().value();
    String revoked = TestSecurity.login(security, "bob").accessToken().value();
    security.logout(authenticated(security, revoked), RequestContext.UNKNOWN);
    Authentication alice = authenticated(security, access);
    throttle.recordFailure(key, ThrottlePolicy.ACCOUNT_DEFAULT, clock.instant());
    throttle.recordFailure(key, ThrottlePolicy.ACCOUNT_DEFAULT, clock.instant());

    server.kill();

    long start = System.nanoTime();
    assertFailsClosed(() -> security.authenticate(access, RequestContext.UNKNOWN));
    assertFailsClosed(() -> security.authenticate(revoked, RequestContext.UNKNOWN));
    assertFailsClosed(
        () -> stores.accessTokenDenylist().deny("https://issuer.example", "j", clock.instant()));
    assertFailsClosed(() -> security.refresh(refresh, RequestContext.UNKNOWN));
    assertFailsClosed(() -> security.login("alice", TestSecurity.PASSWORD, RequestContext.UNKNOWN));
    assertFailsClosed(() -> security.logout(alice, refresh, RequestContext.UNKNOWN));
    assertFailsClosed(
        () -> throttle.recordFailure(key, ThrottlePolicy.ACCOUNT_DEFAULT, clock.instant()));
    assertFailsClosed(() -> throttle.get(key, clock.instant()));
    assertFailsClosed(() -> throttle.reset(key));
    assertFailsClosed(
        () ->
            stores
                .refreshTokenStore()
                .revokeAllForUser("alice", RevocationReason.ADMINISTRATIVE, clock.instant()));
    assertFailsClosed(() -> stores.purgeExpired(clock.instant()));
    // Commands are refused while disconnected, not queued until they time out.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));

    server.start();

    // The same stores, reconnected by themselves; the restarted server has lost its script cache,
    // so the scripts are loaded again on first use.
    TokenPair next = eventually(15, () -> refreshOrFail(security, refresh));
    assertThat(next.refreshToken()).isPresent();
    assertThat(authenticated(security, access).user().userId()).isEqualTo("alice");
    assertThatThrownBy(() -> security.authenticate(revoked, RequestContext.UNKNOWN))
        .isInstanceOfSatisfying(
            InvalidTokenException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidTokenException.Reason.REVOKED));
    assertThat(throttle.get(key, clock.instant()).orElseThrow().failures()).isEqualTo(2);
    assertThat(TestSecurity.login(security, "alice").refreshToken()).isPresent();
  }

  @Test
  void closedStores_failClosedAndCloseTwiceIsHarmless() {
    RedisServer server = closing(RedisServer.startOrSkip());
    RedisStores stores = stores(server, Duration.ofMillis(500));
    stores.accessTokenDenylist().deny("iss", "jti", clock.instant().plusSeconds(60));
    stores.close();
    stores.close();
    assertFailsClosed(() -> stores.accessTokenDenylist().isDenied("iss", "jti", clock.instant()));
    assertThat(stores.toString()).contains("127.0.0.1:" + server.port).contains("keyPrefix=outage");
  }

  private static TokenPair refreshOrFail(JwtSecurity security, String refresh) {
    try {
      return security.refresh(refresh, RequestContext.UNKNOWN);
    } catch (InvalidRefreshTokenException e) {
      throw new AssertionError("refresh refused after the restart: " + e.reason(), e);
    }
  }

  @Test
  void slowRedis_frozen_everyPathTimesOutAndFailsClosed_thenWorksWhenThawed() throws Exception {
    RedisServer server = closing(RedisServer.startOrSkip());
    RedisStores stores = stores(server, Duration.ofMillis(200));
    JwtSecurity security = security(stores, "alice");
    TokenPair pair = TestSecurity.login(security, "alice");
    String access = pair.accessToken().value();
    String refresh = pair.refreshToken().orElseThrow().value();

    server.freeze();
    try {
      long start = System.nanoTime();
      assertFailsClosed(() -> security.authenticate(access, RequestContext.UNKNOWN));
      assertFailsClosed(() -> security.refresh(refresh, RequestContext.UNKNOWN));
      assertFailsClosed(
          () ->
              stores
                  .throttleStore()
                  .recordFailure(
                      ThrottleKey.forAccount("alice"),
                      ThrottlePolicy.ACCOUNT_DEFAULT,
                      clock.instant()));
      // Three operations, each stopped by the 200 ms command timeout.
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    } finally {
      server.thaw();
    }

    assertThat(eventually(10, () -> authenticated(security, access).user().userId()))
        .isEqualTo("alice");
    assertFamiliesWhole(server, "outage");
  }

  /**
   * Several threads refresh sessions, count login failures and deny tokens while Redis is killed
   * and restarted under them. Every call either does its work or throws {@link
   * StoreUnavailableException}; a successful {@code deny} is never followed by "not denied"; no
   * family is left with a spent token whose successor is missing, or with two live tokens; failures
   * counted match the calls that succeeded (plus at most those whose answer was lost).
   */
  @Test
  void workload_redisKilledAndRestartedMidway_succeedsOrFailsClosedAndLeavesNoHalfWrites()
      throws Exception {
    RedisServer server =
        closing(RedisServer.startOrSkip("--appendonly", "yes", "--appendfsync", "always"));
    RedisStores stores = stores(server, Duration.ofMillis(500));
    JwtSecurity security = security(stores, "user-0", "user-1", "user-2", "user-3");
    ThrottleStore throttle = stores.throttleStore();
    AccessTokenDenylist denylist = stores.accessTokenDenylist();
    ThrottlePolicy roomy =
        new ThrottlePolicy(
            1_000_000, Duration.ofDays(1), Duration.ofMinutes(1), Duration.ofDays(1));

    int workers = 4;
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger outages = new AtomicInteger();
    AtomicInteger successesAfterRestart = new AtomicInteger();
    AtomicBoolean restarted = new AtomicBoolean();
    Map<Integer, int[]> throttleCounts = new java.util.HashMap<>();
    List<Throwable> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    List<Future<?>> futures = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      int worker = w;
      int[] counts = new int[2]; // [succeeded, failed closed]
      throttleCounts.put(worker, counts);
      futures.add(
          pool.submit(
              () -> {
                String user = "user-" + worker;
                // Not the account's own key: a successful login resets that one.
                ThrottleKey key = ThrottleKey.forAccount("counted-" + worker);
                String current = null;
                int jti = 0;
                while (!stop.get()) {
                  try {
                    if (current == null) {
                      current =
                          TestSecurity.login(security, user).refreshToken().orElseThrow().value();
                    }
                    TokenPair next = security.refresh(current, RequestContext.UNKNOWN);
                    // An access-only answer means an earlier rotation went through but its answer
                    // was lost in the outage: that session cannot go on; start a new one.
                    current = next.refreshToken().map(t -> t.value()).orElse(null);
                  } catch (StoreUnavailableException e) {
                    outages.incrementAndGet();
                  } catch (InvalidRefreshTokenException e) {
                    current = null; // as above, after the grace window: reuse ends the family
                  } catch (RuntimeException e) {
                    unexpected.add(e);
                  }
                  try {
                    throttle.recordFailure(key, roomy, clock.instant());
                    counts[0]++;
                  } catch (StoreUnavailableException e) {
                    counts[1]++;
                  } catch (RuntimeException e) {
                    unexpected.add(e);
                  }
                  String id = user + "-" + jti++;
                  try {
                    denylist.deny("iss", id, clock.instant().plusSeconds(600));
                    if (!denylist.isDenied("iss", id, clock.instant())) {
                      unexpected.add(new AssertionError("denied token reported as not denied"));
                    }
                    if (restarted.get()) {
                      successesAfterRestart.incrementAndGet();
                    }
                  } catch (StoreUnavailableException e) {
                    outages.incrementAndGet();
                  } catch (RuntimeException e) {
                    unexpected.add(e);
                  }
                }
                return null;
              }));
    }
    try {
      RedisServer.sleep(1_000);
      server.kill();
      RedisServer.sleep(1_000);
      server.start();
      restarted.set(true);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (successesAfterRestart.get() < 50 && System.nanoTime() < deadline) {
        RedisServer.sleep(100);
      }
    } finally {
      stop.set(true);
      for (Future<?> f : futures) {
        f.get(30, TimeUnit.SECONDS);
      }
      pool.shutdown();
    }

    System.out.println(
        "[jwt-security-redis] outage workload: "
            + outages.get()
            + " calls failed closed, "
            + successesAfterRestart.get()
            + " deny+check pairs after the restart");
    assertThat(unexpected).isEmpty();
    assertThat(outages.get()).as("calls failed closed during the outage").isPositive();
    assertThat(successesAfterRestart.get())
        .as("calls that worked after the restart")
        .isGreaterThanOrEqualTo(50);
    for (Map.Entry<Integer, int[]> e : throttleCounts.entrySet()) {
      int stored =
          throttle
              .get(ThrottleKey.forAccount("counted-" + e.getKey()), clock.instant())
              .orElseThrow()
              .failures();
      assertThat(stored)
          .as(
              "failures of counted-%d: %d counted, %d failed closed",
              e.getKey(), e.getValue()[0], e.getValue()[1])
          .isBetween(e.getValue()[0], e.getValue()[0] + e.getValue()[1]);
    }
    assertFamiliesWhole(server, "outage");
  }

  /**
   * Reads every family hash under {@code prefix} directly: each has exactly one live token (or is
   * revoked), every spent token's successor is in the same family, and every token has its lookup
   * pointer.
   */
  static void assertFamiliesWhole(RedisServer server, String prefix) {
    RedisClient client = RedisClient.create(server.url());
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      RedisCommands<String, String> raw = c.sync();
      Keys keys = new Keys(prefix);
      int families = 0;
      ScanIterator<String> it =
          ScanIterator.scan(raw, ScanArgs.Builder.matches(keys.familyPattern()).limit(1000));
      while (it.hasNext()) {
        String familyKey = it.next();
        Map<String, String> fields = raw.hgetall(familyKey);
        families++;
        int live = 0;
        for (Map.Entry<String, String> field : fields.entrySet()) {
          if (!field.getKey().startsWith("t:")) {
            continue;
          }
          String[] token = field.getValue().split(":", -1);
          assertThat(token.length).isIn(3, 5);
          if (token.length == 3) {
            live++;
          } else {
            assertThat(fields)
                .as("successor of a spent token in %s", familyKey)
                .containsKey("t:" + token[4]);
          }
          assertThat(raw.exists(keys.lookup(field.getKey().substring(2))))
              .as("lookup pointer of %s", field.getKey())
              .isEqualTo(1L);
        }
        assertThat(live).as("live tokens of %s", familyKey).isEqualTo(1);
      }
      assertThat(families).isPositive();
    } finally {
      client.shutdown();
    }
  }
}
