package dev.jwtsecurity.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsecurity.JwtSecurity;
import dev.jwtsecurity.access.AccessTokenDenylist;
import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.refresh.InvalidRefreshTokenException;
import dev.jwtsecurity.refresh.RefreshTokenFamily;
import dev.jwtsecurity.refresh.RefreshTokenRecord;
import dev.jwtsecurity.refresh.RefreshTokenStore;
import dev.jwtsecurity.refresh.RevocationReason;
import dev.jwtsecurity.refresh.RotationResult;
import dev.jwtsecurity.refresh.TokenPair;
import dev.jwtsecurity.testing.TestSecurity;
import dev.jwtsecurity.throttle.ThrottleKey;
import dev.jwtsecurity.throttle.ThrottlePolicy;
import dev.jwtsecurity.throttle.ThrottleStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several application instances on one database: each instance is a {@link JdbcStores} on its own
 * {@code DataSource} (its own connections), and threads of both hit the same rows at the same
 * moment, released together by a barrier.
 */
abstract class MultiInstanceContract {

  static final int THREADS = 8;
  static final int ROUNDS = 200;
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private ExecutorService pool;
  JdbcStores a;
  JdbcStores b;

  /** Returns the database under test. */
  protected abstract TestDatabase database();

  @BeforeEach
  void setUp() {
    a = database().fresh();
    b = database().anotherInstance(a);
    pool = Executors.newFixedThreadPool(THREADS);
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
  }

  private JdbcStores instance(int thread) {
    return thread % 2 == 0 ? a : b;
  }

  private <T> List<T> race(List<Callable<T>> tasks) throws Exception {
    CyclicBarrier start = new CyclicBarrier(tasks.size());
    List<Future<T>> futures = new ArrayList<>();
    for (Callable<T> task : tasks) {
      futures.add(
          pool.submit(
              () -> {
                start.await(30, TimeUnit.SECONDS);
                return task.call();
              }));
    }
    List<T> results = new ArrayList<>();
    for (Future<T> f : futures) {
      results.add(f.get(60, TimeUnit.SECONDS));
    }
    return results;
  }

  @Test
  void rotate_sameTokenFromTwoInstancesConcurrently_exactlyOneWinnerEveryRound() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      RefreshTokenFamily family = RefreshTokenStoreContract.family("alice");
      RefreshTokenRecord token = RefreshTokenStoreContract.token(family, T0);
      a.refreshTokenStore().create(family, token);
      Instant now = T0.plusSeconds(round + 1);
      List<RefreshTokenRecord> successors = new ArrayList<>();
      List<Callable<RotationResult>> tasks = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        RefreshTokenRecord successor = RefreshTokenStoreContract.token(family, now);
        successors.add(successor);
        RefreshTokenStore store = instance(t).refreshTokenStore();
        tasks.add(() -> store.rotate(token.lookupId(), successor, now));
      }
      List<RotationResult> results = race(tasks);
      List<Integer> winners = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        if (results.get(t).outcome() == RotationResult.Outcome.ROTATED) {
          winners.add(t);
        }
      }
      assertThat(winners).as("round %d", round).hasSize(1);
      String winner = successors.get(winners.get(0)).lookupId();
      for (RotationResult r : results) {
        if (r.outcome() != RotationResult.Outcome.ROTATED) {
          assertThat(r.outcome()).isEqualTo(RotationResult.Outcome.ALREADY_SPENT);
          assertThat(r.successorLookupIdOrNull()).isEqualTo(winner);
          assertThat(r.spentAtOrNull()).isEqualTo(now);
        }
      }
      // Exactly one successor exists: the losers' inserts were never made.
      for (RefreshTokenRecord s : successors) {
        assertThat(b.refreshTokenStore().findByLookupId(s.lookupId()).isPresent())
            .isEqualTo(s.lookupId().equals(winner));
      }
    }
  }

  @Test
  void revokeFamily_fromTwoInstancesConcurrently_exactlyOneReportsIt() throws Exception {
    for (int round = 0; round < ROUNDS / 4; round++) {
      RefreshTokenFamily family = RefreshTokenStoreContract.family("alice");
      a.refreshTokenStore().create(family, RefreshTokenStoreContract.token(family, T0));
      List<Callable<Boolean>> tasks = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        RefreshTokenStore store = instance(t).refreshTokenStore();
        RevocationReason reason =
            t % 2 == 0 ? RevocationReason.LOGOUT : RevocationReason.REUSE_DETECTED;
        tasks.add(() -> store.revokeFamily(family.familyId(), reason, T0.plusSeconds(1)));
      }
      assertThat(race(tasks)).as("round %d", round).containsOnlyOnce(true);
    }
  }

  private static JwtSecurity service(RefreshTokenStore store, Duration grace, Clock clock) {
    return TestSecurity.builder("alice")
        .refreshTokenStore(store)
        .refreshReuseGrace(grace)
        .clock(clock)
        .build();
  }

  @Test
  void refresh_concurrentWithGrace_oneNewRefreshTokenOthersAccessOnly() throws Exception {
    Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    JwtSecurity onA = service(a.refreshTokenStore(), Duration.ofSeconds(5), clock);
    JwtSecurity onB = service(b.refreshTokenStore(), Duration.ofSeconds(5), clock);
    for (int round = 0; round < ROUNDS / 4; round++) {
      TokenPair login = TestSecurity.login(onA, "alice");
      String presented = login.refreshToken().orElseThrow().value();
      List<Callable<TokenPair>> tasks = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        JwtSecurity s = t % 2 == 0 ? onA : onB;
        tasks.add(() -> s.refresh(presented, RequestContext.UNKNOWN));
      }
      List<TokenPair> pairs = race(tasks);
      List<TokenPair> withRefresh =
          pairs.stream().filter(p -> p.refreshToken().isPresent()).toList();
      assertThat(withRefresh).as("round %d", round).hasSize(1);
      // The family is intact: the single successor still refreshes.
      assertThat(
              onB.refresh(
                      withRefresh.get(0).refreshToken().orElseThrow().value(),
                      RequestContext.UNKNOWN)
                  .refreshToken())
          .isPresent();
    }
  }

  @Test
  void refresh_concurrentWithoutGrace_oneWinnerAndTheReplayRevokesTheFamily() throws Exception {
    Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    JwtSecurity onA = service(a.refreshTokenStore(), Duration.ZERO, clock);
    JwtSecurity onB = service(b.refreshTokenStore(), Duration.ZERO, clock);
    for (int round = 0; round < ROUNDS / 4; round++) {
      TokenPair login = TestSecurity.login(onA, "alice");
      String presented = login.refreshToken().orElseThrow().value();
      List<Callable<Object>> tasks = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        JwtSecurity s = t % 2 == 0 ? onA : onB;
        tasks.add(
            () -> {
              try {
                return s.refresh(presented, RequestContext.UNKNOWN);
              } catch (InvalidRefreshTokenException e) {
                return e.reason();
              }
            });
      }
      List<Object> outcomes = race(tasks);
      List<TokenPair> wins =
          outcomes.stream().filter(TokenPair.class::isInstance).map(TokenPair.class::cast).toList();
      assertThat(wins).as("round %d", round).hasSize(1);
      assertThat(
              outcomes.stream()
                  .filter(o -> o == InvalidRefreshTokenException.Reason.REUSED)
                  .count())
          .as("round %d: exactly one request reports the reuse", round)
          .isEqualTo(1);
      assertThat(outcomes)
          .filteredOn(o -> !(o instanceof TokenPair))
          .allMatch(
              o ->
                  o == InvalidRefreshTokenException.Reason.REUSED
                      || o == InvalidRefreshTokenException.Reason.REVOKED);
      // Reuse ended the session: even the winner's token is refused now, on either instance.
      String winnerToken = wins.get(0).refreshToken().orElseThrow().value();
      try {
        onB.refresh(winnerToken, RequestContext.UNKNOWN);
        throw new AssertionError("the winner's token must be refused after reuse");
      } catch (InvalidRefreshTokenException e) {
        assertThat(e.reason()).isEqualTo(InvalidRefreshTokenException.Reason.REVOKED);
      }
    }
  }

  @Test
  void recordFailure_concurrentFromTwoInstances_countsEveryFailure() throws Exception {
    ThrottlePolicy roomy =
        new ThrottlePolicy(
            1_000_000, Duration.ofDays(1), Duration.ofMinutes(1), Duration.ofDays(1));
    int perThread = 50;
    for (int round = 0; round < 3; round++) {
      ThrottleKey key = ThrottleKey.forAccount("victim-" + round);
      List<Callable<Integer>> tasks = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        ThrottleStore store = instance(t).throttleStore();
        int thread = t;
        tasks.add(
            () -> {
              for (int i = 0; i < perThread; i++) {
                store.recordFailure(key, roomy, T0.plusMillis(thread * 1000L + i));
              }
              return perThread;
            });
      }
      race(tasks);
      assertThat(b.throttleStore().get(key, T0.plusSeconds(60)).orElseThrow().failures())
          .isEqualTo(THREADS * perThread);
    }
  }

  @Test
  void recordFailure_concurrentLockout_everyInstanceSeesTheLock() throws Exception {
    ThrottleKey key = ThrottleKey.forAccount("locked");
    List<Callable<Integer>> tasks = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      ThrottleStore store = instance(t).throttleStore();
      tasks.add(() -> store.recordFailure(key, ThrottlePolicy.ACCOUNT_DEFAULT, T0).lockouts());
    }
    race(tasks);
    // 8 simultaneous failures against a budget of 5: exactly one lockout started, seen by both
    // instances.
    assertThat(a.throttleStore().get(key, T0).orElseThrow().isLockedAt(T0)).isTrue();
    assertThat(b.throttleStore().get(key, T0).orElseThrow().lockouts()).isEqualTo(1);
  }

  @Test
  void deny_onOneInstance_isDeniedOnTheOtherAtOnce() {
    AccessTokenDenylist onA = a.accessTokenDenylist();
    AccessTokenDenylist onB = b.accessTokenDenylist();
    for (int i = 0; i < 20; i++) {
      String jti = "jti-" + i;
      assertThat(onB.isDenied("iss", jti, T0)).isFalse();
      onA.deny("iss", jti, T0.plusSeconds(300));
      assertThat(onB.isDenied("iss", jti, T0)).isTrue();
    }
  }
}
