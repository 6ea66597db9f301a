package dev.jwtsecurity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventType;
import dev.jwtsecurity.refresh.InvalidRefreshTokenException;
import dev.jwtsecurity.refresh.InvalidRefreshTokenException.Reason;
import dev.jwtsecurity.refresh.TokenPair;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A spent refresh token replayed inside the grace window gets at most the configured number of
 * access tokens; beyond, it is refused and reported, and the session is kept.
 */
class GraceReplayLimitTest {

  private static final RequestContext CTX = RequestContext.of("198.51.100.7", "JUnit", "r-2");

  private static String refresh(TokenPair pair) {
    return pair.refreshToken().orElseThrow().value();
  }

  private static Reason refusal(TokenPairService service, String token) {
    try {
      service.refresh(token, CTX);
      return null;
    } catch (InvalidRefreshTokenException e) {
      return e.reason();
    }
  }

  @Test
  void refresh_replaysBeyondTheDefaultCap_refusedReportedAndTheSessionKept() throws Exception {
    Fixture f = new Fixture();
    TokenPairService service = f.service().build();
    TokenPair first = service.login("alice", CTX);
    TokenPair second = service.refresh(refresh(first), CTX);

    TokenPair replay1 = service.refresh(refresh(first), CTX);
    TokenPair replay2 = service.refresh(refresh(first), CTX);
    Reason third = refusal(service, refresh(first));

    assertThat(replay1.refreshToken()).isEmpty();
    assertThat(replay2.refreshToken()).isEmpty();
    assertThat(third).isEqualTo(Reason.GRACE_REPLAYS_EXHAUSTED);
    SecurityEvent event =
        f.events.stream()
            .filter(e -> e.type() == SecurityEventType.AUTHN_TOKEN_INVALID)
            .reduce((a, b) -> b)
            .orElseThrow();
    assertThat(event.reason()).isEqualTo("GRACE_REPLAYS_EXHAUSTED");
    assertThat(event.userId()).isEqualTo("alice");
    assertThat(f.events).noneMatch(e -> e.type() == SecurityEventType.AUTHN_TOKEN_REUSE);
    assertThat(service.refresh(refresh(second), CTX).refreshToken())
        .as("the honest holder's session lives on")
        .isPresent();
  }

  @Test
  void refresh_replayAfterTheWindow_stillReuseWhateverTheCount() {
    Fixture f = new Fixture();
    TokenPairService service = f.service().graceReplays(1).build();
    TokenPair first = service.login("alice", CTX);
    assertThat(refusal(service, refresh(first))).isNull();
    assertThat(refusal(service, refresh(first))).isNull();
    assertThat(refusal(service, refresh(first))).isEqualTo(Reason.GRACE_REPLAYS_EXHAUSTED);

    f.clock.advance(RefreshPolicy.DEFAULT_REUSE_GRACE.plusMillis(1));

    assertThat(refusal(service, refresh(first))).isEqualTo(Reason.REUSED);
  }

  @Test
  void graceReplays_fullOfOpenWindows_refusesRatherThanForget() {
    GraceReplays replays = new GraceReplays(2, 3);
    Instant now = Instant.parse("2026-11-27T12:00:00Z");
    Instant end = now.plusSeconds(5);
    for (String id : new String[] {"a", "b", "c"}) {
      assertThat(replays.tryAcquire(id, end, now)).isTrue();
    }

    assertThat(replays.tryAcquire("d", end, now)).isFalse();
    assertThat(replays.tryAcquire("a", end, now)).as("a known window still counts").isTrue();
    assertThat(replays.tryAcquire("d", end.plusSeconds(5), end.plusMillis(1)))
        .as("closed windows make room")
        .isTrue();
    assertThat(replays.size()).isEqualTo(1);
  }

  @Test
  void refreshPolicy_graceReplaysOutOfRange_refused() {
    assertThatThrownBy(() -> RefreshPolicy.DEFAULT.withGraceReplays(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RefreshPolicy.DEFAULT.withGraceReplays(11))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(RefreshPolicy.DEFAULT.graceReplays()).isEqualTo(2);
  }

  /** For every cap and number of replays inside the window: exactly min(cap, replays) served. */
  @Test
  void refresh_anyCapAnyReplays_servedExactlyUpToTheCap() {
    qt().withExamples(200)
        .forAll(
            integers().between(1, RefreshPolicy.MAX_GRACE_REPLAYS),
            integers().between(0, 15),
            integers().between(0, 4999))
        .checkAssert(
            (cap, replays, spacingMillis) -> {
              Fixture f = new Fixture();
              TokenPairService service = f.service().graceReplays(cap).build();
              TokenPair first = service.login("alice", CTX);
              TokenPair second;
              try {
                second = service.refresh(refresh(first), CTX);
              } catch (InvalidRefreshTokenException e) {
                throw new AssertionError(e);
              }
              Duration step = Duration.ofMillis(spacingMillis / Math.max(1, replays));
              int served = 0;
              int exhausted = 0;
              for (int i = 0; i < replays; i++) {
                Reason r = refusal(service, refresh(first));
                if (r == null) {
                  served++;
                } else {
                  assertThat(r).isEqualTo(Reason.GRACE_REPLAYS_EXHAUSTED);
                  exhausted++;
                }
                f.clock.advance(step);
              }
              assertThat(served).isEqualTo(Math.min(cap, replays));
              assertThat(exhausted).isEqualTo(Math.max(0, replays - cap));
              assertThat(refusal(service, refresh(second))).isNull();
            });
  }
}
