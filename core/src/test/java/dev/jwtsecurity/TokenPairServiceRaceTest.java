package dev.jwtsecurity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.audit.SecurityEventType;
import dev.jwtsecurity.refresh.InvalidRefreshTokenException;
import dev.jwtsecurity.refresh.InvalidRefreshTokenException.Reason;
import dev.jwtsecurity.refresh.StoredRefreshToken;
import dev.jwtsecurity.refresh.TokenPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Many threads present the same refresh token at the same instant, round after round. The
 * compare-and-set rotation must let exactly one win each round; the others get exactly what the
 * grace rules say.
 */
class TokenPairServiceRaceTest {

  private static final int THREADS = 16;
  private static final int ROUNDS = 200;

  private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

  @AfterEach
  void stop() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
  }

  /** What one thread got: a pair, or the refusal reason. */
  private record Outcome(TokenPair pair, Reason refused) {}

  private List<Outcome> race(TokenPairService service, String token) throws Exception {
    CountDownLatch ready = new CountDownLatch(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Outcome>> futures = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      futures.add(
          pool.submit(
              () -> {
                ready.countDown();
                start.await();
                try {
                  return new Outcome(service.refresh(token, RequestContext.UNKNOWN), null);
                } catch (InvalidRefreshTokenException e) {
                  return new Outcome(null, e.reason());
                }
              }));
    }
    assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
    start.countDown();
    List<Outcome> outcomes = new ArrayList<>();
    for (Future<Outcome> future : futures) {
      outcomes.add(future.get(30, TimeUnit.SECONDS));
    }
    return outcomes;
  }

  @Test
  void refresh_concurrentSameTokenWithGrace_oneSuccessorCappedAccessOnlyRestRefused()
      throws Exception {
    Fixture f = new Fixture();
    int cap = 3;
    TokenPairService service =
        f.service().reuseGraceWindow(Duration.ofSeconds(5)).graceReplays(cap).build();
    String token =
        service.login("alice", RequestContext.UNKNOWN).refreshToken().orElseThrow().value();

    for (int round = 0; round < ROUNDS; round++) {
      List<Outcome> outcomes = race(service, token);

      List<String> successors = new ArrayList<>();
      int accessOnly = 0;
      int exhausted = 0;
      for (Outcome o : outcomes) {
        if (o.refused() != null) {
          assertThat(o.refused())
              .as("round %d: inside the grace window only the cap refuses", round)
              .isEqualTo(Reason.GRACE_REPLAYS_EXHAUSTED);
          exhausted++;
        } else if (o.pair().refreshToken().isPresent()) {
          successors.add(o.pair().refreshToken().get().value());
        } else {
          accessOnly++;
        }
      }
      assertThat(successors).as("round %d: exactly one new refresh token", round).hasSize(1);
      assertThat(accessOnly)
          .as("round %d: exactly the cap of replays served", round)
          .isEqualTo(cap);
      assertThat(exhausted).isEqualTo(THREADS - 1 - cap);
      token = successors.get(0);
      StoredRefreshToken live =
          f.store.findByLookupId(TokenPairServiceTest.lookupId(token)).orElseThrow();
      assertThat(live.isLive()).isTrue();
      f.clock.advance(Duration.ofSeconds(1));
    }
    assertThat(f.events).noneMatch(e -> e.type() == SecurityEventType.AUTHN_TOKEN_REUSE);
    assertThat(
            f.events.stream()
                .filter(e -> e.type() == SecurityEventType.AUTHN_TOKEN_REFRESHED)
                .count())
        .isEqualTo((long) (1 + cap) * ROUNDS);
  }

  @Test
  void refresh_concurrentSameTokenWithoutGrace_oneWinnerThenFamilyRevoked() throws Exception {
    Fixture f = new Fixture();
    TokenPairService service = f.service().reuseGraceWindow(Duration.ZERO).build();

    for (int round = 0; round < ROUNDS; round++) {
      int reuseEventsBefore = count(f, SecurityEventType.AUTHN_TOKEN_REUSE);
      String token =
          service
              .login("user" + round, RequestContext.UNKNOWN)
              .refreshToken()
              .orElseThrow()
              .value();

      List<Outcome> outcomes = race(service, token);

      List<String> successors = new ArrayList<>();
      int reused = 0;
      for (Outcome o : outcomes) {
        if (o.pair() != null) {
          assertThat(o.pair().refreshToken())
              .as("round %d: no access-only answers without grace", round)
              .isPresent();
          successors.add(o.pair().refreshToken().orElseThrow().value());
        } else if (o.refused() == Reason.REUSED) {
          reused++;
        } else {
          assertThat(o.refused()).as("round %d", round).isEqualTo(Reason.REVOKED);
        }
      }
      assertThat(successors).as("round %d: exactly one winner", round).hasSize(1);
      assertThat(reused).as("round %d: exactly one loser revokes the family", round).isEqualTo(1);
      assertThat(count(f, SecurityEventType.AUTHN_TOKEN_REUSE) - reuseEventsBefore).isEqualTo(1);
      // The winner's successor died with its family: no live successor is left.
      assertThat(
              f.store
                  .findByLookupId(TokenPairServiceTest.lookupId(successors.get(0)))
                  .orElseThrow()
                  .isLive())
          .isFalse();
    }
  }

  private static int count(Fixture f, SecurityEventType type) {
    return (int) f.events.stream().filter(e -> e.type() == type).count();
  }
}
